import { escapePointerSegment, localRefPointer, resolvePointer } from "./json-pointer.ts";

/**
 * Converts one OpenAPI 3.0/3.1 Schema Object into a self-contained JSON Schema
 * (draft 2020-12): every `$ref` resolved in place, `nullable` turned into
 * `anyOf [..., {type: "null"}]`, `example` into `examples`, `x-*` and
 * OpenAPI-only keywords dropped, `readOnly`/`writeOnly` kept as annotations.
 *
 * It records a source map: for each generated location where the structure
 * departs from the source (a resolved `$ref`, a `nullable` wrapper), the JSON
 * pointer of the source node, so a violation can cite the document.
 */
export interface ConvertedSchema {
  schema: Record<string, unknown>;
  /** generated pointer (relative to the schema root) -> source pointer (into the document) */
  sourceMap: Record<string, string>;
}

export class ExtractionError extends Error {}

// OpenAPI keywords with no JSON Schema meaning; dropped (their information is documentation only).
const OPENAPI_ONLY = new Set(["discriminator", "xml", "externalDocs"]);
// Keywords whose value is a map of schemas or a list of schemas: recurse into each member.
const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
const SCHEMA_LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SCHEMA_KEYWORDS = new Set(["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems"]);

export function convertOpenApiSchema(doc: unknown, schema: unknown, sourcePointer: string, openapi30: boolean): ConvertedSchema {
  const sourceMap: Record<string, string> = { "": sourcePointer };
  const converted = convertNode(doc, schema, sourcePointer, "", openapi30, sourceMap, []);
  if (converted === null || typeof converted !== "object") throw new ExtractionError(`schema at ${sourcePointer} is not an object`);
  return { schema: converted as Record<string, unknown>, sourceMap };
}

function convertNode(
  doc: unknown, node: unknown, src: string, gen: string, openapi30: boolean,
  sourceMap: Record<string, string>, refStack: string[],
): unknown {
  if (typeof node === "boolean") return node;
  if (node === null || typeof node !== "object" || Array.isArray(node)) {
    throw new ExtractionError(`expected a schema at ${src}, found ${JSON.stringify(node)}`);
  }
  let obj = node as Record<string, unknown>;

  // $ref: resolve in place. In 3.0 siblings of $ref are ignored; in 3.1 they apply alongside it.
  if (typeof obj.$ref === "string") {
    const ref = obj.$ref;
    if (!ref.startsWith("#")) throw new ExtractionError(`external $ref not supported: ${ref} at ${src}`);
    let target: string;
    try {
      target = localRefPointer(ref);
    } catch (e) {
      throw new ExtractionError(`$ref ${JSON.stringify(ref.slice(0, 200))} at ${src} ${(e as Error).message}`);
    }
    if (refStack.includes(target)) throw new ExtractionError(`recursive $ref ${ref} at ${src}: cannot inline`);
    const resolved = resolvePointer(doc, target);
    if (resolved === undefined) throw new ExtractionError(`unresolvable $ref ${ref} at ${src}`);
    const { $ref: _ignored, ...siblings } = obj;
    const siblingKeys = Object.keys(siblings).filter((k) => !k.startsWith("x-") && k !== "description" && k !== "summary");
    if (openapi30 || siblingKeys.length === 0) {
      sourceMap[gen] = target;
      return convertNode(doc, resolved, target, gen, openapi30, sourceMap, [...refStack, target]);
    }
    obj = { allOf: [{ $ref: ref }], ...siblings };
  }

  // nullable (3.0): the node's own constraints, or null.
  if (openapi30 && obj.nullable === true) {
    const { nullable: _n, ...rest } = obj;
    sourceMap[gen + "/anyOf"] = src;
    sourceMap[gen + "/anyOf/0"] = src;
    sourceMap[gen + "/anyOf/1"] = src + "/nullable";
    return { anyOf: [convertNode(doc, rest, src, gen + "/anyOf/0", openapi30, sourceMap, refStack), { type: "null" }] };
  }

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    const s = `${src}/${escapePointerSegment(key)}`;
    const g = `${gen}/${escapePointerSegment(key)}`;
    if (key.startsWith("x-") || OPENAPI_ONLY.has(key) || key === "nullable") continue;
    if (key === "example") {
      if (!("examples" in obj)) out.examples = [value];
      continue;
    }
    if (openapi30 && (key === "exclusiveMinimum" || key === "exclusiveMaximum") && typeof value === "boolean") {
      // 3.0 booleans modify minimum/maximum; 2020-12 wants the bound itself.
      const bound = key === "exclusiveMinimum" ? obj.minimum : obj.maximum;
      if (value && typeof bound === "number") {
        out[key] = bound;
        delete out[key === "exclusiveMinimum" ? "minimum" : "maximum"];
      }
      continue;
    }
    if ((key === "minimum" && openapi30 && obj.exclusiveMinimum === true) || (key === "maximum" && openapi30 && obj.exclusiveMaximum === true)) continue;
    if (SCHEMA_MAP_KEYWORDS.has(key) && value && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, sub]) => [
        name, convertNode(doc, sub, `${s}/${escapePointerSegment(name)}`, `${g}/${escapePointerSegment(name)}`, openapi30, sourceMap, refStack),
      ]));
    } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
      out[key] = value.map((sub, i) => convertNode(doc, sub, `${s}/${i}`, `${g}/${i}`, openapi30, sourceMap, refStack));
    } else if (SCHEMA_KEYWORDS.has(key) && (typeof value === "object" || typeof value === "boolean")) {
      out[key] = convertNode(doc, value, s, g, openapi30, sourceMap, refStack);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The source pointer a generated schema location comes from (longest mapped prefix, then the rest appended). */
export function sourcePointerFor(sourceMap: Record<string, string>, generatedPointer: string): string {
  let prefix = generatedPointer;
  for (;;) {
    const mapped = sourceMap[prefix];
    if (mapped !== undefined) return mapped + generatedPointer.slice(prefix.length);
    if (prefix === "") return generatedPointer;
    prefix = prefix.slice(0, prefix.lastIndexOf("/"));
  }
}
