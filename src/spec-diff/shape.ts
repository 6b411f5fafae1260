/**
 * What a response or parameter schema means, whatever its layout: `allOf` parts merged
 * (members by name, required lists together, types intersected), `anyOf` read as a set of
 * types, annotations (description, examples, readOnly...) dropped. Two documents that
 * say the same thing in a different arrangement have equal shapes; each shape node
 * remembers the generated pointers it was merged from, so a difference can be traced
 * to the requirements whose places are there.
 */

import { escapePointerSegment } from "../schema/json-pointer.ts";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** Keywords that only document (JSON Schema annotations): not part of the meaning. */
const ANNOTATIONS = new Set(["description", "examples", "readOnly", "writeOnly", "title", "deprecated", "$comment", "default", "$id", "$schema"]);
const STRUCTURE = new Set(["allOf", "anyOf", "oneOf", "properties", "items", "required", "type", "enum", "const"]);

export interface Shape {
  /** Allowed JSON types; undefined: any. */
  types?: string[];
  enum?: unknown[];
  required: string[];
  properties: Record<string, Shape>;
  items?: Shape;
  /** Other constraint keywords (maxLength, minimum, pattern, uniqueItems, minLength on an array...). */
  constraints: Record<string, unknown>;
  /** Generated pointers this node was merged from. */
  from: string[];
}

const empty = (): Shape => ({ required: [], properties: {}, constraints: {}, from: [] });

function typesOf(node: Json): string[] | undefined {
  const own = typeof node.type === "string" ? [node.type] : Array.isArray(node.type) ? node.type.map(String) : undefined;
  const branches = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (!branches) return own;
  const union = new Set<string>();
  for (const b of branches) {
    const t = isObject(b) ? typesOf(b) : undefined;
    if (!t) return own; // a branch of any type: the anyOf adds no type constraint
    t.forEach((x) => union.add(x));
  }
  return intersect(own, [...union]);
}

function intersect(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.filter((x) => b.includes(x));
}

function enumOf(node: Json): unknown[] | undefined {
  if (Array.isArray(node.enum)) return node.enum;
  if ("const" in node) return [node.const];
  const branches = Array.isArray(node.anyOf) ? node.anyOf : undefined;
  if (!branches) return undefined;
  // anyOf [{enum: [...]}, {type: "null"}] (a converted nullable): the values, plus null.
  const values: unknown[] = [];
  for (const b of branches) {
    if (!isObject(b)) return undefined;
    if (Array.isArray(b.enum)) values.push(...b.enum);
    else if (b.type === "null") values.push(null);
    else return undefined;
  }
  return values;
}

function merge(into: Shape, part: Shape): Shape {
  const out: Shape = {
    required: [...new Set([...into.required, ...part.required])].sort(),
    properties: { ...into.properties },
    constraints: { ...into.constraints, ...part.constraints },
    from: [...into.from, ...part.from],
  };
  const types = intersect(into.types, part.types);
  if (types) out.types = [...types].sort();
  const en = into.enum && part.enum ? into.enum.filter((v) => part.enum!.some((w) => JSON.stringify(w) === JSON.stringify(v))) : into.enum ?? part.enum;
  if (en) out.enum = en;
  for (const [name, shape] of Object.entries(part.properties)) out.properties[name] = out.properties[name] ? merge(out.properties[name]!, shape) : shape;
  const items = into.items && part.items ? merge(into.items, part.items) : into.items ?? part.items;
  if (items) out.items = items;
  return out;
}

/** The shape of a converted JSON Schema node at generated pointer `pointer`. */
export function shapeOf(node: unknown, pointer = ""): Shape {
  if (!isObject(node)) return { ...empty(), from: [pointer] };
  let shape: Shape = { ...empty(), from: [pointer] };
  const types = typesOf(node);
  if (types) shape.types = [...types].sort();
  const en = enumOf(node);
  if (en) shape.enum = en;
  if (Array.isArray(node.required)) shape.required = [...new Set(node.required.map(String))].sort();
  if (isObject(node.properties)) for (const [name, sub] of Object.entries(node.properties)) shape.properties[name] = shapeOf(sub, `${pointer}/properties/${escapePointerSegment(name)}`);
  if (isObject(node.items)) shape.items = shapeOf(node.items, `${pointer}/items`);
  for (const [k, v] of Object.entries(node)) if (!ANNOTATIONS.has(k) && !STRUCTURE.has(k) && !k.startsWith("x-")) shape.constraints[k] = v;
  if (Array.isArray(node.allOf)) node.allOf.forEach((part, i) => { shape = merge(shape, shapeOf(part, `${pointer}/allOf/${i}`)); });
  return shape;
}

/** One thing a schema says, at a readable path, with where it comes from. */
export interface ShapeFact {
  /** e.g. `result.status: enum`, `errors[]: required`. */
  path: string;
  value: unknown;
  /** Generated pointers (within the class schema) the fact is stated at. */
  from: string[];
}

/** Every fact of a shape, flattened. */
export function factsOf(shape: Shape, path = "", out: ShapeFact[] = []): ShapeFact[] {
  const at = (what: string) => (path ? `${path}: ${what}` : what);
  const loci = (keyword: string) => shape.from.map((p) => `${p}/${keyword}`);
  if (shape.types) out.push({ path: at("type"), value: shape.types, from: loci("type") });
  if (shape.enum) out.push({ path: at("enum"), value: shape.enum, from: loci("enum") });
  if (shape.required.length) out.push({ path: at("required"), value: shape.required, from: loci("required") });
  const members = Object.keys(shape.properties).sort();
  if (members.length) out.push({ path: at("members"), value: members, from: loci("properties") });
  for (const [k, v] of Object.entries(shape.constraints).sort(([a], [b]) => a.localeCompare(b))) out.push({ path: at(k), value: v, from: loci(k) });
  for (const name of members) factsOf(shape.properties[name]!, path ? `${path}.${name}` : name, out);
  if (shape.items) factsOf(shape.items, `${path}[]`, out);
  return out;
}
