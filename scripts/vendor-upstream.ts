/**
 * Makes an excerpt of one revision of Cloudflare's published OpenAPI document
 * (cloudflare/api-schemas, openapi.json) for the suite's real-document tests: the
 * operation's path item, every component it references (transitively), the security
 * schemes (shared by every operation), the document's own security, and nothing else. Writes
 * fixtures/upstream/<date>-<commit>/openapi.json and PROVENANCE.json.
 *
 *   npm run fixtures:upstream -- --git /path/to/api-schemas.git --commit 40f68e0c...   # a revision from a clone
 *   npm run fixtures:upstream -- --document openapi.json --commit <sha> --date 2026-11-30   # a file already downloaded
 *
 * The excerpts are not committed (fixtures/upstream/ is ignored): the tests and the weekly
 * workflow make them from the upstream repository. See fixtures/UPSTREAM.md.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_OPERATION_ID } from "../src/schema/extract.ts";
import { escapePointerSegment, resolvePointer, splitPointer } from "../src/schema/json-pointer.ts";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every local `$ref` target reachable from `node`, followed through the documents' components. */
function referencedPointers(doc: Json, node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) referencedPointers(doc, n, found);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/")) {
        const pointer = decodeURIComponent(value.slice(1));
        if (found.has(pointer)) continue;
        found.add(pointer);
        referencedPointers(doc, resolvePointer(doc, pointer), found);
      } else referencedPointers(doc, value, found);
    }
  }
  return found;
}

/** Sets `value` at `pointer` in `target`, creating objects on the way. */
function setAt(target: Json, pointer: string, value: unknown): void {
  const segments = splitPointer(pointer);
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    node[segment] ??= {};
    node = node[segment] as Json;
  }
  node[segments[segments.length - 1]!] = value;
}

/** The excerpt of `doc` for `operationId`, with its keys in the upstream document's order. */
export function excerpt(doc: Json, operationId: string): Json {
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  const entry = Object.entries(paths).find(([, item]) => Object.values(item).some((op) => isObject(op) && op.operationId === operationId));
  if (!entry) throw new Error(`operationId ${operationId} is not in the document`);
  const [path, item] = entry;
  const method = Object.keys(item).find((m) => isObject(item[m]) && (item[m] as Json).operationId === operationId)!;
  const pathItem: Json = { ...(item.parameters ? { parameters: item.parameters } : {}), [method]: item[method] };
  const out: Json = { openapi: doc.openapi, info: doc.info, ...(doc.servers ? { servers: doc.servers } : {}), ...(doc.security ? { security: doc.security } : {}), paths: { [path]: pathItem } };
  for (const pointer of [...referencedPointers(doc, pathItem)].sort()) setAt(out, pointer, resolvePointer(doc, pointer));
  // Every security scheme: shared by all operations, a few lines, and the suite reads which header carries what.
  const schemes = (isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {}) as Json;
  for (const name of Object.keys(schemes)) setAt(out, `/components/securitySchemes/${escapePointerSegment(name)}`, schemes[name]);
  return out;
}

function main(): void {
  const { values } = parseArgs({ options: { git: { type: "string" }, document: { type: "string" }, commit: { type: "string" }, date: { type: "string" }, out: { type: "string" }, operation: { type: "string" } } });
  if (!values.commit || (!values.git && !values.document)) {
    console.error("vendor-upstream: pass --git DIR --commit SHA (a clone of cloudflare/api-schemas), or --document FILE --commit SHA --date YYYY-MM-DD");
    process.exit(2);
  }
  let text: string;
  let date = values.date;
  try {
    if (values.git) {
      text = execFileSync("git", ["-C", values.git, "show", `${values.commit}:openapi.json`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      date ??= execFileSync("git", ["-C", values.git, "show", "-s", "--format=%cs", values.commit], { encoding: "utf8" }).trim();
    } else text = readFileSync(values.document!, "utf8");
  } catch (e) {
    console.error(`vendor-upstream: cannot read the document: ${(e as Error).message.split("\n")[0]}`);
    process.exit(2);
  }
  if (!date) {
    console.error("vendor-upstream: pass --date YYYY-MM-DD (the revision's date) with --document");
    process.exit(2);
  }
  const operationId = values.operation ?? DEFAULT_OPERATION_ID;
  const doc = JSON.parse(text) as Json;
  const dir = join(values.out ?? "fixtures/upstream", `${date}-${values.commit.slice(0, 8)}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "openapi.json"), JSON.stringify(excerpt(doc, operationId), null, 2) + "\n");
  writeFileSync(join(dir, "PROVENANCE.json"), JSON.stringify({
    repository: "https://github.com/cloudflare/api-schemas", file: "openapi.json", commit: values.commit, date,
    sha256: createHash("sha256").update(text).digest("hex"), operationId,
    made: "scripts/vendor-upstream.ts: the operation's path item, every component it references, the security schemes, and the document's security",
    license: isObject(doc.info) && isObject(doc.info.license) ? doc.info.license.name : undefined,
  }, null, 2) + "\n");
  console.log(`wrote ${dir}/openapi.json (operation ${operationId}) and PROVENANCE.json`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) main();
