import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { convertOpenApiSchema, ExtractionError } from "./convert-openapi-schema.ts";
import { joinPointer, localRefPointer, resolvePointer } from "./json-pointer.ts";
import { loadOpenApiDocument, type LoadedDocument } from "./load-document.ts";
import { packagePath } from "../package-path.ts";

export const DEFAULT_SOURCE = "schemas/source/openapi.json";
export const DEFAULT_OPERATION_ID = "client-certificate-for-a-zone-client-certificate-details";
export const DEFAULT_OUT = "schemas";

/** The response classes the suite validates, one generated schema each. */
export type ResponseClass = "success-200" | "failure-4xx";
export const RESPONSE_CLASSES: readonly ResponseClass[] = ["success-200", "failure-4xx"];

/** Which response keys feed which class, most specific first. */
const RESPONSE_KEYS: Record<ResponseClass, string[]> = {
  "success-200": ["200", "2XX", "2xx"],
  "failure-4xx": ["4xx", "4XX", "400", "default"],
};

export interface ExtractedSchemaInfo {
  file: string;
  /** The response key it came from (`200`, `4XX`, `default`...). */
  responseKey: string;
  /** JSON pointer of the response's schema in the source document. */
  pointer: string;
  /** generated pointer -> source pointer, where the structure departs from the source. */
  sourceMap: Record<string, string>;
}

/** schemas/manifest.json: what was generated from what. */
export interface ExtractionManifest {
  $comment: string;
  source: string;
  sha256: string;
  operationId: string;
  method: string;
  path: string;
  operationPointer: string;
  pathParameters: { name: string; pointer: string }[];
  schemas: Record<ResponseClass | "path-parameters", ExtractedSchemaInfo>;
}

export interface ExtractionResult {
  manifest: ExtractionManifest;
  /** file name -> JSON text, ready to write. */
  files: Record<string, string>;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** A plain object (not null, not an array): what every OpenAPI object the extraction reads must be. */
const isObjectNode = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** `node` when it is an object; an ExtractionError naming the place when the document has something else there. */
function objectAt(node: unknown, pointer: string, what: string): Record<string, unknown> {
  if (isObjectNode(node)) return node;
  throw new ExtractionError(`${what} at ${pointer} is ${node === null ? "null" : Array.isArray(node) ? "an array" : typeof node}, not an object`);
}

function findOperation(doc: Record<string, unknown>, operationId: string) {
  const paths = isObjectNode(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObjectNode(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (isObjectNode(op) && op.operationId === operationId) {
        return { path, method, op, item, pointer: joinPointer("", "paths", path, method) };
      }
    }
  }
  throw new ExtractionError(`operationId ${operationId} not found in the document`);
}

function deref(doc: unknown, node: unknown, pointer: string): { node: Record<string, unknown>; pointer: string } {
  let current = node as Record<string, unknown>;
  let ptr = pointer;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 20) throw new ExtractionError(`$ref chain too long at ${pointer}`);
    const ref = current.$ref as string;
    try {
      ptr = localRefPointer(ref);
    } catch (e) {
      throw new ExtractionError(`$ref ${JSON.stringify(ref.slice(0, 200))} at ${pointer} ${(e as Error).message}`);
    }
    current = resolvePointer(doc, ptr) as Record<string, unknown>;
    if (current === undefined) throw new ExtractionError(`unresolvable $ref at ${pointer}`);
  }
  // A response or parameter object must be one: a document with `null` or a string there cannot be used.
  if (current === null || typeof current !== "object" || Array.isArray(current)) throw new ExtractionError(`${ptr} is ${current === null ? "null" : Array.isArray(current) ? "an array" : typeof current}, not an object`);
  return { node: current, pointer: ptr };
}

/** One response class of the operation, converted: what the validator compiles and where it came from. */
export interface ExtractedClass {
  /** The response key it came from (`200`, `4XX`, `default`...). */
  responseKey: string;
  /** JSON pointer of the response object in the source (after following a `$ref`). */
  responsePointer: string;
  /** The JSON media type key of the response's content (`application/json`). */
  mediaType: string;
  /** JSON pointer of the response's schema in the source. */
  pointer: string;
  /** The converted JSON Schema (2020-12), without `$schema`, `$id` and `$comment`. */
  schema: Record<string, unknown>;
  /** generated pointer -> source pointer, where the structure departs from the source. */
  sourceMap: Record<string, string>;
}

/** One path parameter, converted. */
export interface ExtractedParameter {
  name: string;
  /** JSON pointer of the parameter object in the source (after following a `$ref`). */
  pointer: string;
  schema: Record<string, unknown>;
  sourceMap: Record<string, string>;
}

/** The operation as the suite needs it, whatever the document's layout. */
export interface ExtractedOperation {
  operationId: string;
  method: string;
  path: string;
  operationPointer: string;
  classes: Record<ResponseClass, ExtractedClass>;
  /** In path order. */
  parameters: ExtractedParameter[];
  /** The security requirements that apply (the operation's, else the document's) and where they are. */
  security: { pointer: string; requirements: Record<string, unknown>[] };
}

/** Finds the operation by its operationId and converts its responses and path parameters. */
export function extractOperation(loaded: LoadedDocument, operationId: string): ExtractedOperation {
  const { doc } = loaded;
  const openapi30 = String(doc.openapi).startsWith("3.0");
  const found = findOperation(doc, operationId);
  const classes = {} as ExtractedOperation["classes"];
  const responses = objectAt(found.op.responses ?? {}, joinPointer(found.pointer, "responses"), "the operation's responses");
  for (const cls of RESPONSE_CLASSES) {
    const key = RESPONSE_KEYS[cls].find((k) => k in responses);
    if (!key) throw new ExtractionError(`operation ${operationId} has no response for ${cls} (looked for ${RESPONSE_KEYS[cls].join(", ")})`);
    const response = deref(doc, responses[key], joinPointer(found.pointer, "responses", key));
    const media = objectAt(response.node.content ?? {}, joinPointer(response.pointer, "content"), `the content of response ${key}`) as Record<string, Record<string, unknown>>;
    const mediaType = Object.keys(media).find((m) => /^application\/(.+\+)?json/.test(m));
    if (!mediaType || !isObjectNode(media[mediaType]) || !media[mediaType]!.schema) throw new ExtractionError(`response ${key} of ${operationId} has no JSON schema`);
    const pointer = joinPointer(response.pointer, "content", mediaType, "schema");
    const { schema, sourceMap } = convertOpenApiSchema(doc, media[mediaType]!.schema, pointer, openapi30);
    classes[cls] = { responseKey: key, responsePointer: response.pointer, mediaType, pointer, schema, sourceMap };
  }

  // Path parameters: operation-level override path-item-level, by (name, in).
  const params = new Map<string, { node: Record<string, unknown>; pointer: string }>();
  for (const [list, base] of [[found.item.parameters, joinPointer("", "paths", found.path, "parameters")], [found.op.parameters, joinPointer(found.pointer, "parameters")]] as const) {
    (Array.isArray(list) ? list : []).forEach((p, i) => {
      const resolved = deref(doc, p, `${base}/${i}`);
      if (resolved.node.in === "path" && typeof resolved.node.name === "string") params.set(resolved.node.name, resolved);
    });
  }
  const parameters = [...found.path.matchAll(/\{([^}]+)\}/g)].map((m) => {
    const name = m[1]!;
    const param = params.get(name);
    if (!param) throw new ExtractionError(`path parameter {${name}} of ${operationId} is not declared`);
    const converted = convertOpenApiSchema(doc, param.node.schema ?? {}, joinPointer(param.pointer, "schema"), openapi30);
    return { name, pointer: param.pointer, schema: converted.schema, sourceMap: converted.sourceMap };
  });

  const security = Array.isArray(found.op.security)
    ? { pointer: joinPointer(found.pointer, "security"), requirements: found.op.security as Record<string, unknown>[] }
    : { pointer: "/security", requirements: (Array.isArray(doc.security) ? doc.security : []) as Record<string, unknown>[] };
  return { operationId, method: found.method.toUpperCase(), path: found.path, operationPointer: found.pointer, classes, parameters, security };
}

/** Extracts the operation's response and path-parameter schemas from an OpenAPI document, as the files of schemas/. */
export function extractSchemas(loaded: LoadedDocument, operationId: string, sourceLabel = loaded.path): ExtractionResult {
  const op = extractOperation(loaded, operationId);
  const generatedNote = `Generated by \`client-cert-conformance extract\` from ${sourceLabel} (operationId ${operationId}, sha256 ${loaded.sha256}). Do not edit: run \`npm run extract\`.`;
  const files: Record<string, string> = {};
  const schemas = {} as ExtractionManifest["schemas"];
  for (const cls of RESPONSE_CLASSES) {
    const { responseKey, pointer, schema, sourceMap } = op.classes[cls];
    const file = `${cls}.schema.json`;
    files[file] = render({ $schema: "https://json-schema.org/draft/2020-12/schema", $id: `urn:client-cert-conformance:${cls}`, $comment: generatedNote, ...schema });
    schemas[cls] = { file, responseKey, pointer, sourceMap };
  }
  const properties: Record<string, unknown> = {};
  const sourceMap: Record<string, string> = { "": op.operationPointer + "/parameters" };
  for (const p of op.parameters) {
    properties[p.name] = p.schema;
    for (const [g, s] of Object.entries(p.sourceMap)) sourceMap[joinPointer("", "properties", p.name) + g] = s;
  }
  const order = op.parameters.map((p) => p.name);
  files["path-parameters.schema.json"] = render({
    $schema: "https://json-schema.org/draft/2020-12/schema", $id: "urn:client-cert-conformance:path-parameters", $comment: generatedNote,
    type: "object", properties, required: order,
  });
  schemas["path-parameters"] = { file: "path-parameters.schema.json", responseKey: "", pointer: op.operationPointer + "/parameters", sourceMap };

  const manifest: ExtractionManifest = {
    $comment: generatedNote, source: sourceLabel, sha256: loaded.sha256, operationId,
    method: op.method, path: op.path, operationPointer: op.operationPointer,
    pathParameters: op.parameters.map((p) => ({ name: p.name, pointer: p.pointer })), schemas,
  };
  files["manifest.json"] = render(manifest);
  return { manifest, files };
}

function render(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

export interface ExtractOptions { source?: string; operationId?: string; out?: string; check?: boolean }

/** `extract`: write the schemas, or with `check` list the files that differ from what would be written. */
export function runExtract(opts: ExtractOptions): { written: string[]; stale: string[] } {
  // The defaults are the package's own source and schemas/, wherever the command runs from (an
  // installed package is checked in node_modules, not in the user's folder); the manifest names
  // the seed by its path in the package whatever the current folder.
  const source = opts.source ?? packagePath(DEFAULT_SOURCE);
  const out = opts.out ?? packagePath(DEFAULT_OUT);
  const loaded = loadOpenApiDocument(source);
  const label = opts.source === undefined ? DEFAULT_SOURCE : relative(process.cwd(), source).split("\\").join("/") || source;
  const { files } = extractSchemas(loaded, opts.operationId ?? DEFAULT_OPERATION_ID, label);
  const stale: string[] = [];
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(out, name);
    const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (current === text) continue;
    if (opts.check) stale.push(path);
    else {
      mkdirSync(out, { recursive: true });
      writeFileSync(path, text);
      written.push(path);
    }
  }
  return { written, stale };
}
