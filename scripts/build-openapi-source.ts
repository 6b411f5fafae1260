/**
 * One-off: assembles schemas/source/openapi.json from a seed file of the operation
 * (a text export of Cloudflare's published definition; it is not in this repository,
 * and the result, schemas/source/openapi.json, is). The seed is five header lines
 * (summary, path, method, tag, operationId) then six JSON values: plan availability,
 * permissions, parameters, request body, responses, security. The seed's values are
 * copied untouched; only the document around them is added (see schemas/source/SOURCE.md).
 *
 *   npx tsx scripts/build-openapi-source.ts SEED.txt
 *
 * Exit 2 with one line when no seed file is given or it cannot be read.
 */
import { readFileSync, writeFileSync } from "node:fs";

const USAGE = "usage: npx tsx scripts/build-openapi-source.ts SEED.txt (the seed file of the operation; schemas/source/SOURCE.md says what it holds)";

function splitJsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let depth = 0, inString = false, j = i;
    for (; j < text.length; j++) {
      const c = text[j]!;
      if (inString) { if (c === "\\") j++; else if (c === '"') inString = false; continue; }
      if (c === '"') inString = true;
      else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") depth--;
      else if (depth === 0 && /\s/.test(c)) break;
      if (depth === 0 && (c === "}" || c === "]")) { j++; break; }
    }
    values.push(JSON.parse(text.slice(i, j)));
    i = j;
  }
  return values;
}

function fail(line: string): never {
  console.error(`build-openapi-source: ${line}`);
  process.exit(2);
}

const seedPath = process.argv[2];
if (!seedPath || seedPath === "--help" || seedPath === "-h") fail(`no seed file given; ${USAGE}`);
let seedText: string;
try {
  seedText = readFileSync(seedPath, "utf8");
} catch (e) {
  fail(`cannot read ${seedPath} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ${USAGE}`);
}
const lines = seedText.split("\n");
const [summary, path, method, tag, operationId] = lines.slice(0, 5).map((l) => l.trim());
let values: unknown[];
try {
  values = splitJsonValues(lines.slice(5).join("\n"));
} catch (e) {
  fail(`${seedPath} is not a seed file: after five header lines it should hold six JSON values (${(e as Error).message})`);
}
if (!path?.startsWith("/") || values.length !== 6) fail(`${seedPath} is not a seed file: five header lines (summary, path, method, tag, operationId) then six JSON values`);
const [plans, permissions, parameters, requestBody, responses, security] = values;

const operation: Record<string, unknown> = {
  summary, tags: [tag], operationId, parameters, responses, security,
  "x-cfPlanAvailability": plans,
  "x-cfPermissionsRequired": permissions,
};
if (requestBody !== null) operation.requestBody = requestBody;

const doc = {
  openapi: "3.0.3",
  info: {
    title: "Cloudflare API: API Shield Client Certificates for a Zone (one operation)",
    version: "4.0.0",
    description: "The seed operation of client-cert-conformance, as published by Cloudflare, wrapped in a complete OpenAPI 3.0.3 document. See SOURCE.md.",
  },
  servers: [{ url: "https://api.cloudflare.com/client/v4", description: "Client API" }],
  paths: { [path!]: { [method!]: operation } },
  components: {
    securitySchemes: {
      api_email: { type: "apiKey", in: "header", name: "X-Auth-Email" },
      api_key: { type: "apiKey", in: "header", name: "X-Auth-Key" },
      api_token: { type: "http", scheme: "bearer" },
    },
  },
  tags: [{ name: tag }],
};
writeFileSync("schemas/source/openapi.json", JSON.stringify(doc, null, 2) + "\n");
console.log(`wrote schemas/source/openapi.json (${operationId})`);
