import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { FileReadProblem, readFileWithin, readFileWithinSync } from "../io/bounded-read.ts";
import { inputBound, yamlBound } from "../io/input-bounds.ts";
import { shortPointer, treeProblem } from "../io/tree-check.ts";
import { parseYamlOffThread, YamlParseError } from "../io/yaml-off-thread.ts";

const requireHere = createRequire(import.meta.url);
// YAML's parser is loaded for a YAML document only: a JSON one (the seed, Cloudflare's openapi.json) does not pay its start-up.
const parseYaml = (text: string): unknown => (requireHere("yaml") as typeof import("yaml")).parse(text);

/** An OpenAPI document as read from disk, with the sha256 of its bytes (reports cite it). */
export interface LoadedDocument {
  path: string;
  sha256: string;
  doc: Record<string, unknown>;
}

export class DocumentLoadError extends Error {}

/**
 * Deepest nesting of a document the suite walks: its steps (extraction, the converter, ajv) recurse,
 * and a schema nested 100,000 deep would take the stack. Cloudflare's full document nests about 40 deep.
 */
export const MAX_DOCUMENT_DEPTH = 512;

/** Documents read by `loadOpenApiDocumentAsync`, so the synchronous loader finds them without reading again. */
const loaded = new Map<string, LoadedDocument>();

const isJsonName = (path: string) => /\.json$/i.test(path);
/** A JSON document is read to the input bound, a YAML one to its smaller bound (its parser's memory). */
const boundFor = (path: string) => (isJsonName(path) ? inputBound() : yamlBound());

/**
 * Reads an OpenAPI 3.0 or 3.1 document, JSON or YAML (YAML is a superset, but JSON parses faster and
 * reports better errors), within the input bound (`CONFORMANCE_MAX_INPUT_MB`). Synchronous, for the
 * places that load it again (the thread that judges a run, `requirements`, `spec-diff`); the CLI reads it first
 * with `loadOpenApiDocumentAsync`, which a stop can interrupt.
 */
/**
 * The documents this process has read (by `loadOpenApiDocumentAsync`): what the thread that
 * judges a run is handed, so it never reads a user's file again (a pipe, `--spec <(curl ...)`,
 * is read once).
 */
export function documentsRead(): LoadedDocument[] {
  return [...loaded.values()];
}

/** Documents another thread read: found by the loaders as if read here. */
export function rememberDocuments(documents: readonly LoadedDocument[]): void {
  for (const d of documents) loaded.set(d.path, d);
}

export function loadOpenApiDocument(path: string): LoadedDocument {
  const known = loaded.get(path);
  if (known) return known;
  let bytes: Buffer;
  try {
    bytes = readFileWithinSync(path, boundFor(path));
  } catch (e) {
    throw readError(path, e);
  }
  const text = bytes.toString("utf8");
  let doc: unknown;
  try {
    doc = isJsonName(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw parseError(path, e);
  }
  const result = checked(path, bytes, doc);
  loaded.set(path, result);
  return result;
}

/**
 * As `loadOpenApiDocument`, with the event loop free: the bytes are read in chunks (stopping when
 * `signal` is aborted), and a YAML document, whose parser is slow (seconds a MB), is parsed in a
 * worker thread that a stop ends at once.
 */
export async function loadOpenApiDocumentAsync(path: string, signal?: AbortSignal): Promise<LoadedDocument> {
  const known = loaded.get(path);
  if (known) return known;
  let bytes: Buffer;
  try {
    bytes = await readFileWithin(path, boundFor(path), signal);
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw readError(path, e);
  }
  let doc: unknown;
  const text = bytes.toString("utf8");
  if (isJsonName(path)) {
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw parseError(path, e);
    }
  } else {
    try {
      doc = await parseYamlOffThread(text, signal);
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      if (e instanceof YamlParseError) throw new DocumentLoadError(`${path} is neither valid JSON nor YAML: ${e.tooDeep ? `it nests too deep to parse (${e.message})` : e.message}`);
      throw e;
    }
  }
  const result = checked(path, bytes, doc);
  loaded.set(path, result);
  return result;
}

function readError(path: string, e: unknown): unknown {
  // The error code alone where there is one (`ENOENT`), as before; the bound said in words.
  if (e instanceof FileReadProblem) return new DocumentLoadError(e.code ? `cannot read OpenAPI document ${path}: ${e.code}` : `OpenAPI document ${path} ${e.problem}`);
  return e;
}

function parseError(path: string, e: unknown): DocumentLoadError {
  const message = e instanceof RangeError ? `it nests too deep to parse (${e.message})` : (e as Error)?.message ?? String(e);
  return new DocumentLoadError(`${path} is neither valid JSON nor YAML: ${message.split("\n")[0]}`);
}

/** The parsed document, checked to be a tree the suite can walk (no alias cycle, not too deep) and OpenAPI 3.0 or 3.1. */
function checked(path: string, bytes: Buffer, doc: unknown): LoadedDocument {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new DocumentLoadError(`${path} is not an OpenAPI document (not an object)`);
  const problem = treeProblem(doc, MAX_DOCUMENT_DEPTH);
  if (problem) {
    throw new DocumentLoadError(problem.kind === "cycle"
      ? `${path}: at ${shortPointer(problem.pointer) || "/"} a YAML alias refers to a node that contains it: the document is not a tree; write the repeated part out, or use a $ref`
      : `${path}: at ${shortPointer(problem.pointer)} it nests deeper than ${MAX_DOCUMENT_DEPTH} levels, more than the suite walks`);
  }
  const version = (doc as Record<string, unknown>).openapi;
  if (typeof version !== "string" || !/^3\.[01]\./.test(version)) {
    throw new DocumentLoadError(`${path}: only OpenAPI 3.0 and 3.1 are supported (found openapi: ${JSON.stringify(version)?.slice(0, 80)})`);
  }
  return { path, sha256: createHash("sha256").update(bytes).digest("hex"), doc: doc as Record<string, unknown> };
}
