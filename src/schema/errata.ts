import { readFileSync } from "node:fs";
import { packagePath } from "../package-path.ts";
import type { Level } from "../registry/types.ts";
import type { ResponseClass } from "./extract.ts";
import type { OperationSpec } from "./operation-spec.ts";
import type { Place } from "./place.ts";

/** One defect of the OpenAPI source (or a format its examples imply) and the suite's answer, as errata.json declares it. */
export interface ErratumDeclaration {
  id: string;
  kind: "defect" | "format";
  class: ResponseClass;
  /** Where in the operation the defect is (resolved in the loaded document). */
  place: Place;
  /** Further places with the same defect. */
  also?: Place[];
  /** A defect that is not a misplaced keyword applies only when this holds of the document (see APPLIES_WHEN). */
  appliesWhen?: keyof typeof APPLIES_WHEN;
  requirement: string;
  level: Level;
  defect: string;
  answer: string;
  /** Instance-shaped JSON Schema the strict profile adds (allOf); `{"$documented": ...}` is filled from the document. */
  overlay: Record<string, unknown>;
}

/** An erratum as one document makes it: its places resolved, its overlay filled in, and whether it applies there. */
export interface Erratum extends Omit<ErratumDeclaration, "place" | "also" | "overlay"> {
  /** JSON pointer into the loaded document. */
  pointer: string;
  also?: string[];
  /** Generated-schema pointers (within the class's schema) of the place and the `also` places. */
  generatedPointers: string[];
  /** False where the loaded document does not have the defect (the overlay is then not added). */
  applies: boolean;
  overlay: Record<string, unknown>;
}

export const SCHEMAS_DIR = `${packagePath("schemas")}/`;

/** Conditions of errata whose defect is an absence (nothing to point at when it is fixed). */
const APPLIES_WHEN = {
  "result-not-required": (spec: OperationSpec) => !spec.envelopeRequired.includes("result"),
} as const;

let cached: ErratumDeclaration[] | undefined;

/** schemas/errata.json as declared, read once. */
export function loadErrata(): ErratumDeclaration[] {
  cached ??= (JSON.parse(readFileSync(`${SCHEMAS_DIR}errata.json`, "utf8")) as { errata: ErratumDeclaration[] }).errata;
  return cached;
}

/** What `{"$documented": name}` stands for in an overlay. */
function documented(name: unknown, spec: OperationSpec): unknown {
  if (name === "certificate-members") return [...spec.certificateMembers];
  if (name === "certificate-members-any") return Object.fromEntries(spec.certificateMembers.map((m) => [m, true]));
  throw new Error(`errata.json: unknown $documented ${JSON.stringify(name)}`);
}

function fill(node: unknown, spec: OperationSpec): unknown {
  if (Array.isArray(node)) return node.map((n) => fill(n, spec));
  if (node === null || typeof node !== "object") return node;
  const obj = node as Record<string, unknown>;
  if ("$documented" in obj) return documented(obj.$documented, spec);
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fill(v, spec)]));
}

const generatedPointerOf = (locus: string, cls: ResponseClass) => (locus.startsWith(`schema:${cls}`) ? locus.slice(`schema:${cls}`.length) : undefined);

const byspec = new WeakMap<OperationSpec, Erratum[]>();

/** The errata as `spec` makes them (cached per document). */
export function errataFor(spec: OperationSpec): Erratum[] {
  let out = byspec.get(spec);
  if (out) return out;
  out = loadErrata().map((e) => {
    const { place, also, overlay, ...rest } = e;
    const main = spec.resolve(place);
    const more = (also ?? []).map((p) => spec.resolve(p));
    const applies = e.appliesWhen ? APPLIES_WHEN[e.appliesWhen](spec) : e.kind === "format" || main.exact;
    const generatedPointers = [main, ...more].map((r) => generatedPointerOf(r.locus, e.class)).filter((g): g is string => g !== undefined);
    return { ...rest, pointer: main.pointer, ...(more.length ? { also: more.map((r) => r.pointer) } : {}), generatedPointers, applies, overlay: fill(overlay, spec) as Record<string, unknown> };
  });
  byspec.set(spec, out);
  return out;
}
