/**
 * The statements of one schema of the OpenAPI document (a response's, a parameter's): every
 * keyword at every place, walked in the source document (following its `$ref`s, so that each
 * statement cites the node that says it), each traced to the requirement its violations are
 * reported under, the erratum that answers it, or why it constrains nothing.
 */
import type { Erratum } from "../schema/errata.ts";
import { escapePointerSegment, resolvePointer } from "../schema/json-pointer.ts";
import { knownSentence, sentencesOf } from "./openapi-descriptions.ts";
import type { Unchecked } from "./types.ts";

type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** What a statement is traced to. */
export type Mapping = { requirements: readonly string[] } | { unchecked: Unchecked };

/**
 * A statement before its id is made unique: the id's segments after OPENAPI, and the allOf parts
 * (1-based) on the way to it, which tell apart two places the segments alone do not.
 */
export interface Draft { segments: string[]; parts?: number[]; section: string; quote: string; mapping: Mapping }

/** Where a schema node is: in the document, in the id (and its allOf parts), in the body (JSON pointer), and its description key. */
export interface At { pointer: string; segments: string[]; parts?: number[]; instance: string; key: string }

/** Statements new in a revision of the document start with this: nothing here knows them yet. */
export const NEW_IN_DOCUMENT = "GAP (new in the document):";
export const unknownTo = (what: string, file: string): Unchecked => ({ kind: "not-observable", why: `${NEW_IN_DOCUMENT} ${what} ${file} does not know: trace it to the requirements that check it, or say why none does` });
const NEW_SENTENCE = unknownTo("a description sentence", "src/sources/openapi-descriptions.ts");
const NEW_KEYWORD = unknownTo("a schema keyword", "src/sources/openapi-schema.ts");
const MISPLACED: Unchecked = { kind: "not-observable", why: "GAP: placed where JSON Schema ignores it, and no erratum of schemas/errata.json says what it was meant to constrain" };
const EXTENSION: Unchecked = { kind: "out-of-scope", why: "a vendor extension of the schema: no JSON Schema meaning, nothing an answer can break" };
const BESIDE_REF: Unchecked = { kind: "out-of-scope", why: "beside a $ref, where OpenAPI 3.0 ignores it" };
const EMPTY: Unchecked = { kind: "out-of-scope", why: "an empty schema: it admits any value" };

/** How one kind of schema (a response class's, a parameter's) is traced. */
export interface SchemaPolicy {
  readonly doc: Json;
  readonly openapi30: boolean;
  /** The errata that apply to this schema (a response class's; none for a parameter). */
  readonly errata: readonly Erratum[];
  /** What checks a keyword that constrains the value at `instance`. */
  validating(instance: string, keyword: string, value: unknown): Mapping;
  /** What an example no format erratum names fixes (EXAMPLES), if anything. */
  example(key: string): Mapping;
  /** Why another annotation (readOnly, title...) constrains nothing. */
  annotation(keyword: string): Unchecked;
  /** A member whose place starts afresh (the result that lists the certificate's members): its id segments and key. */
  restart?(name: string, at: At, member: unknown): Pick<At, "segments" | "key" | "parts"> | undefined;
}

const ANNOTATIONS = new Set(["readOnly", "writeOnly", "title", "deprecated", "default", "$comment", "externalDocs", "xml", "discriminator"]);
const VALIDATING = new Set([
  "type", "enum", "const", "required", "format", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
  "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "nullable", "not",
  "additionalProperties", "patternProperties", "propertyNames", "contains", "minContains", "maxContains", "dependentRequired",
  "unevaluatedProperties", "unevaluatedItems", "if", "then", "else", "prefixItems",
]);
/** The instance type a type-specific keyword applies to (JSON Schema ignores it on any other). */
const APPLIES_TO: Readonly<Record<string, string>> = {
  minLength: "string", maxLength: "string", pattern: "string",
  minimum: "number", maximum: "number", exclusiveMinimum: "number", exclusiveMaximum: "number", multipleOf: "number",
  items: "array", minItems: "array", maxItems: "array", uniqueItems: "array", contains: "array",
  properties: "object", required: "object", minProperties: "object", maxProperties: "object", additionalProperties: "object",
};

/** A node with its `$ref`s followed (local ones only), and the pointer it was found at. */
export function deref(doc: Json, node: unknown, pointer: string): { node: unknown; pointer: string } {
  for (let hops = 0; isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#") && hops < 20; hops++) {
    pointer = decodeURIComponent(node.$ref.slice(1));
    node = resolvePointer(doc, pointer);
  }
  return { node, pointer };
}

/** True when the schema (through $refs and allOf/anyOf/oneOf) lists members: the certificate, not the generic result. */
export function hasMembers(doc: Json, schema: unknown, depth = 0): boolean {
  const { node } = deref(doc, schema, "");
  if (!isObject(node) || depth > 10) return false;
  if (isObject(node.properties) && Object.keys(node.properties).length > 0) return true;
  return ["allOf", "anyOf", "oneOf"].some((k) => Array.isArray(node[k]) && (node[k] as unknown[]).some((s) => hasMembers(doc, s, depth + 1)));
}

/** The instance types a node declares, its own or (without one) those of its allOf parts. */
function typesOf(doc: Json, node: Json): Set<string> {
  const own = [node.type].flat().filter((t): t is string => typeof t === "string");
  if (own.length || !Array.isArray(node.allOf)) return new Set(own);
  return new Set(node.allOf.flatMap((part) => {
    const { node: n } = deref(doc, part, "");
    return isObject(n) ? [n.type].flat().filter((t): t is string => typeof t === "string") : [];
  }));
}

function misplaced(doc: Json, node: Json, keyword: string): boolean {
  const wants = APPLIES_TO[keyword];
  const types = typesOf(doc, node);
  return wants !== undefined && types.size > 0 && !types.has(wants) && !(wants === "number" && types.has("integer"));
}

/** A value as a quote shows it: a plain word as is, anything else as compact JSON, cut at 100 characters. */
export function shown(value: unknown): string {
  if (typeof value === "string" && /^[\w#.:/{}-]+$/.test(value)) return value;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

/** A subschema in a few words: `object {code, message}`, `string`, `{}`. */
function summary(doc: Json, schema: unknown): string {
  const { node, pointer } = deref(doc, schema, "");
  if (!isObject(node)) return shown(node);
  const named = pointer.startsWith("/components/schemas/") ? pointer.slice("/components/schemas/".length) : undefined;
  const members = isObject(node.properties) ? ` {${Object.keys(node.properties).join(", ")}}` : "";
  const type = [node.type].flat().filter(Boolean).join("|");
  const text = `${type}${members}`.trim() || (Array.isArray(node.allOf) ? `allOf(${node.allOf.length})` : Object.keys(node).length ? "schema" : "{}");
  return named ? `${named} (${text})` : text;
}

/**
 * A description's sentences as statements, each looked up in the map under `key` (a sentence it
 * does not know is a GAP). `label`: the member it is (`description`, `summary`), last in the id.
 */
export function descriptionDrafts(text: unknown, key: string, segments: readonly string[], section: string, label = "description"): Draft[] {
  if (typeof text !== "string") return [];
  const sentences = sentencesOf(text);
  return sentences.map((sentence, i) => {
    const known = knownSentence(key, sentence);
    const mapping: Mapping = !known ? { unchecked: NEW_SENTENCE } : known.requirements ? { requirements: known.requirements } : { unchecked: known.unchecked! };
    return { segments: [...segments, label, ...(sentences.length > 1 ? [String(i + 1)] : [])], section, quote: sentence, mapping };
  });
}

const requirementsOf = (m: Mapping): readonly string[] => ("requirements" in m ? m.requirements : []);
const pointersOf = (e: Erratum) => [e.pointer, ...(e.also ?? [])];

/** Walks one schema from `at`, its statements appended to `out`. */
export function schemaDrafts(schema: unknown, at: At, policy: SchemaPolicy, out: Draft[]): void {
  const { doc } = policy;
  const emit = (node: At, keyword: string, quote: string, mapping: Mapping): Draft => {
    const draft: Draft = { segments: [...node.segments, keyword], parts: node.parts ?? [], section: `${node.pointer}/${escapePointerSegment(keyword)}`, quote, mapping };
    out.push(draft);
    return draft;
  };
  const defects = (pointer: string) => policy.errata.filter((e) => e.kind === "defect" && pointersOf(e).includes(pointer)).map((e) => e.requirement);
  const union = (...lists: (readonly string[])[]) => ({ requirements: [...new Set(lists.flat())] });

  /** A keyword that constrains the value: its erratum when misplaced, else its rule and the errata at it or its node. */
  const constraint = (node: Json, keyword: string, here: At): Mapping => {
    const atKeyword = defects(`${here.pointer}/${escapePointerSegment(keyword)}`);
    if (misplaced(doc, node, keyword)) return atKeyword.length ? union(atKeyword) : { unchecked: MISPLACED };
    const rule = policy.validating(here.instance, keyword, node[keyword]);
    const errata = [...atKeyword, ...defects(here.pointer)];
    return "unchecked" in rule && !errata.length ? rule : union(requirementsOf(rule), errata);
  };

  const example = (here: At): Mapping => {
    const formats = policy.errata.filter((e) => e.kind === "format" && pointersOf(e).includes(here.pointer)).map((e) => e.requirement);
    return formats.length ? union(formats) : policy.example(here.key);
  };

  /** The requirements of every constraint below `value` (what a container's statement is traced to). */
  const walk = (value: unknown, here: At, stack: readonly string[]): Set<string> => {
    const found = new Set<string>();
    let node = value;
    while (isObject(node) && typeof node.$ref === "string") {
      const { $ref, ...siblings } = node;
      if (Object.keys(siblings).length > 0) {
        if (policy.openapi30) for (const [k, v] of Object.entries(siblings)) emit(here, k, `${k}: ${shown(v)}`, { unchecked: BESIDE_REF });
        else for (const r of own(siblings, here, stack)) found.add(r);
      }
      const target = decodeURIComponent(String($ref).slice(1));
      if (!String($ref).startsWith("#") || stack.includes(target)) return found;
      stack = [...stack, target];
      here = { ...here, pointer: target };
      node = resolvePointer(doc, target);
    }
    if (isObject(node)) for (const r of own(node, here, stack)) found.add(r);
    return found;
  };

  /** A node's own keywords first, then what it contains (members, items, parts, alternatives). */
  const own = (node: Json, here: At, stack: readonly string[]): Set<string> => {
    const found = new Set<string>();
    const containers: [string, unknown][] = [];
    for (const [keyword, value] of Object.entries(node)) {
      if (["properties", "items", "allOf", "anyOf", "oneOf"].includes(keyword)) containers.push([keyword, value]);
      else if (keyword === "description") out.push(...descriptionDrafts(value, here.key, here.segments, `${here.pointer}/description`).map((d) => ({ ...d, parts: here.parts ?? [] })));
      else if (keyword.startsWith("x-")) emit(here, keyword, `${keyword}: ${shown(value)}`, { unchecked: EXTENSION });
      else if (keyword === "example" || keyword === "examples") emit(here, keyword, `${keyword}: ${shown(value)}`, example(here));
      else if (ANNOTATIONS.has(keyword)) emit(here, keyword, `${keyword}: ${shown(value)}`, { unchecked: policy.annotation(keyword) });
      else if (!VALIDATING.has(keyword)) emit(here, keyword, `${keyword}: ${shown(value)}`, { unchecked: NEW_KEYWORD });
      else requirementsOf(emit(here, keyword, `${keyword}: ${shown(value)}`, constraint(node, keyword, here)).mapping).forEach((r) => found.add(r));
    }
    for (const [keyword, value] of containers) {
      const base = `${here.pointer}/${keyword}`;
      if (keyword === "anyOf" || keyword === "oneOf") {
        const branches = Array.isArray(value) ? value : [];
        const draft = emit(here, keyword, `${keyword}: ${branches.map((b) => summary(doc, b)).join(" | ")}`, constraint(node, keyword, here));
        requirementsOf(draft.mapping).forEach((r) => found.add(r));
        branches.forEach((b, i) => walk(b, { ...here, pointer: `${base}/${i}`, segments: [...here.segments, `${keyword}${i + 1}`] }, stack));
        continue;
      }
      const parts: [unknown, At][] = [];
      if (keyword === "allOf" && Array.isArray(value)) value.forEach((p, i) => parts.push([p, { ...here, pointer: `${base}/${i}`, parts: [...(here.parts ?? []), i + 1] }]));
      if (keyword === "items") parts.push([value, { ...here, pointer: base, segments: [...here.segments, "items"], instance: `${here.instance}/0`, key: `${here.key}[]` }]);
      if (keyword === "properties" && isObject(value)) {
        for (const [name, member] of Object.entries(value)) {
          const fresh = policy.restart?.(name, here, member);
          parts.push([member, { pointer: `${base}/${escapePointerSegment(name)}`, instance: `${here.instance}/${escapePointerSegment(name)}`, ...(fresh ?? { segments: [...here.segments, name], parts: here.parts ?? [], key: here.key ? `${here.key}.${name}` : name }) }]);
        }
      }
      const quote = keyword === "properties" && isObject(value) ? `properties: ${Object.keys(value).join(", ")}` : keyword === "allOf" ? `allOf: ${parts.length} schema${parts.length === 1 ? "" : "s"}` : `items: ${summary(doc, value)}`;
      const draft = emit(here, keyword, quote, { requirements: [] });
      const below = new Set<string>(defects(here.pointer));
      for (const [part, at] of parts) for (const r of walk(part, at, stack)) below.add(r);
      const empty = parts.every(([p]) => isObject(p) && Object.keys(p).length === 0);
      draft.mapping = below.size ? union([...below]) : empty ? { unchecked: EMPTY } : policy.validating(here.instance, keyword, value);
      requirementsOf(draft.mapping).forEach((r) => found.add(r));
    }
    return found;
  };

  walk(schema, at, []);
}
