import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// YAML's parser is loaded for a YAML document only: a JSON one (the seed, Cloudflare's openapi.json) does not pay its start-up.
const parseYaml = (text: string): unknown => (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse(text);

/** An OpenAPI document as read from disk, with the sha256 of its bytes (reports cite it). */
export interface LoadedDocument {
  path: string;
  sha256: string;
  doc: Record<string, unknown>;
}

export class DocumentLoadError extends Error {}

/** Reads an OpenAPI 3.0 or 3.1 document, JSON or YAML (YAML is a superset, but JSON parses faster and reports better errors). */
export function loadOpenApiDocument(path: string): LoadedDocument {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DocumentLoadError(`cannot read OpenAPI document ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const text = bytes.toString("utf8");
  let doc: unknown;
  try {
    doc = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new DocumentLoadError(`${path} is neither valid JSON nor YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new DocumentLoadError(`${path} is not an OpenAPI document (not an object)`);
  const version = (doc as Record<string, unknown>).openapi;
  if (typeof version !== "string" || !/^3\.[01]\./.test(version)) {
    throw new DocumentLoadError(`${path}: only OpenAPI 3.0 and 3.1 are supported (found openapi: ${JSON.stringify(version)})`);
  }
  return { path, sha256: createHash("sha256").update(bytes).digest("hex"), doc: doc as Record<string, unknown> };
}
