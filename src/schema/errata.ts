import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Level } from "../registry/types.ts";
import type { ResponseClass } from "./extract.ts";

/** One defect of the OpenAPI source (or a format its examples imply) and the suite's answer. */
export interface Erratum {
  id: string;
  kind: "defect" | "format";
  class: ResponseClass;
  /** JSON pointer into schemas/source/openapi.json. */
  pointer: string;
  /** Further places in the source with the same defect. */
  also?: string[];
  requirement: string;
  level: Level;
  defect: string;
  answer: string;
  /** Instance-shaped JSON Schema the strict profile adds (allOf) to the class's schema. */
  overlay: Record<string, unknown>;
}

export const SCHEMAS_DIR = fileURLToPath(new URL("../../schemas/", import.meta.url));

let cached: Erratum[] | undefined;

/** schemas/errata.json, read once. */
export function loadErrata(): Erratum[] {
  cached ??= (JSON.parse(readFileSync(`${SCHEMAS_DIR}errata.json`, "utf8")) as { errata: Erratum[] }).errata;
  return cached;
}
