/**
 * The shape of a recording as a replay trusts it: the cassette manifest (manifest.json, or a HAR's
 * `_clientCertConformance` field) and each entry (a line of exchanges.ndjson, or a HAR entry made
 * into one). A recording comes from a file anyone can write, so every field a replay reads is
 * checked here, once, with JSON Schema (ajv): a malformed one is one line naming the file, the
 * place and what is wrong, never an exception later in the run. Members a replay does not read are
 * dropped from the objects it keeps (ajv's removeAdditional), so nothing unchecked travels on.
 */
import { createRequire } from "node:module";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { MAX_SEED } from "../io/flag-values.ts";
import { cachedOrCompiled } from "../schema/validator-cache.ts";
import type { CassetteEntry, CassetteManifest } from "./cassette.ts";

/** The format a cassette manifest names (and a HAR's manifest field). */
export const CASSETTE_FORMAT = "client-cert-conformance-cassette/1";

/** Every kind of ExchangeError a recording may carry (src/http/types.ts). */
const ERROR_KINDS = ["timeout", "refused", "reset", "not-http", "truncated", "rate-limited", "stopped", "budget", "not-recorded", "invalid-request", "network", "tls"];

const text = { type: "string" } as const;
const headers = { type: "object", additionalProperties: { type: "string" }, maxProperties: 10_000 } as const;

const MANIFEST_SCHEMA = {
  type: "object",
  required: ["format", "seed", "target", "zoneId", "certificateIds", "schemes", "budget"],
  properties: {
    format: { const: CASSETTE_FORMAT },
    suite: { type: "object", properties: { name: text, version: text } },
    spec: { type: "object", properties: { operationId: text, sha256: text } },
    seed: { type: "integer", minimum: 0, maximum: MAX_SEED },
    target: {
      type: "object", required: ["kind", "baseUrl"],
      properties: { kind: { enum: ["live", "url"] }, baseUrl: { type: "string", minLength: 1, maxLength: 4096 } },
    },
    source: text,
    recordedAt: text,
    zoneId: { type: "string", minLength: 1, maxLength: 4096 },
    certificateIds: { type: "array", maxItems: 1_000, items: { type: "string", minLength: 1, maxLength: 4096 } },
    schemes: { type: "array", uniqueItems: true, items: { enum: ["token", "key"] } },
    budget: { type: "integer", minimum: 1, maximum: 1_000_000 },
    burst: { type: "integer", minimum: 0, maximum: 1_000 },
    redactions: { type: "array", items: text },
    anonymized: { type: "boolean" },
    exchanges: { type: "integer", minimum: 0 },
  },
} as const;

const ENTRY_SCHEMA = {
  type: "object",
  required: ["seq", "request"],
  additionalProperties: false,
  properties: {
    seq: { type: "integer" },
    label: text,
    request: {
      type: "object", required: ["method", "url", "headers"], additionalProperties: false,
      properties: { method: { type: "string", minLength: 1, maxLength: 64 }, url: { type: "string", minLength: 1 }, headers },
    },
    response: {
      type: "object", required: ["status", "headers", "body"], additionalProperties: false,
      properties: {
        status: { type: "integer", minimum: 100, maximum: 999 },
        headers,
        body: text,
        truncated: { type: "boolean" },
        cutAtBytes: { type: "integer", minimum: 0 },
        invalidUtf8: { type: "boolean" },
        decoding: {
          type: "object", required: ["codings"], additionalProperties: false,
          properties: { codings: { type: "array", maxItems: 64, items: text }, error: text },
        },
        wire: {
          type: "object", required: ["violations"], additionalProperties: false,
          properties: {
            violations: {
              type: "array", maxItems: 10_000,
              items: { type: "object", required: ["rule", "cite", "message"], additionalProperties: false, properties: { rule: text, cite: text, message: text } },
            },
            httpVersion: text,
            closedAfterAnswer: { type: "boolean" },
            lenient: { const: true },
          },
        },
      },
    },
    error: { type: "object", required: ["kind", "message"], additionalProperties: false, properties: { kind: { enum: ERROR_KINDS }, message: text } },
    connection: { type: "object", required: ["reused"], additionalProperties: false, properties: { reused: { type: "boolean" } } },
  },
} as const;

const AJV_OPTIONS = { allErrors: false, removeAdditional: true, strict: true } as const;
let compiled: { manifest: ValidateFunction; entry: ValidateFunction } | undefined;
let ajv: Ajv | undefined;

/**
 * The validator of `schema`, as an earlier process compiled it (validator-cache.ts: compiling
 * both shapes took a tenth of a second of every recorded run's start), or compiled now and kept.
 */
function compiledOnce(schema: object): ValidateFunction {
  return cachedOrCompiled(schema, `recording-shape ${JSON.stringify(AJV_OPTIONS)}`, () => {
    if (!ajv) {
      const { Ajv: AjvClass } = createRequire(import.meta.url)("ajv") as typeof import("ajv");
      ajv = new AjvClass({ ...AJV_OPTIONS, code: { source: true } });
    }
    return { ajv, fn: ajv.compile(schema) };
  });
}

function validators(): { manifest: ValidateFunction; entry: ValidateFunction } {
  compiled ??= { manifest: compiledOnce(MANIFEST_SCHEMA), entry: compiledOnce(ENTRY_SCHEMA) };
  return compiled;
}

/** `response.headers`, `certificateIds[2]`: an ajv error's place, as a reader would write it. */
function placeOf(error: ErrorObject): string {
  const segments = error.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let place = "";
  for (const s of segments) place += /^\d+$/.test(s) ? `[${s}]` : place ? `.${s}` : s;
  return place;
}

/** One ajv error as a phrase: "response.status must be >= 100", "request must have required property 'url'". */
function describe(error: ErrorObject, whole: string): string {
  const place = placeOf(error) || whole;
  if (error.keyword === "const" && error.instancePath === "/format") return `format is not ${CASSETTE_FORMAT}`;
  if (error.keyword === "enum") return `${place} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  return `${place} ${error.message ?? "is malformed"}`;
}

/** Why `url` cannot be a recording's base URL or request URL, or undefined when it can (absolute http(s), no user or password). */
export function urlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a URL";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return `is not an http(s) URL (${parsed.protocol})`;
  if (parsed.username || parsed.password) return "carries a user name or password";
  return undefined;
}

/** The manifest's problem ("budget must be >= 1"), or undefined; on success `value` is a CassetteManifest. */
export function manifestProblem(value: unknown): string | undefined {
  const check = validators().manifest;
  if (!check(value)) return describe(check.errors![0]!, "the manifest");
  const problem = urlProblem((value as CassetteManifest).target.baseUrl);
  return problem ? `target.baseUrl ${problem}` : undefined;
}

/** The entry's problem ("response.headers must be object"), or undefined; on success `value` is a CassetteEntry with nothing unchecked in it. */
export function entryProblem(value: unknown): string | undefined {
  const check = validators().entry;
  if (!check(value)) return describe(check.errors![0]!, "the entry");
  const problem = urlProblem((value as CassetteEntry).request.url);
  return problem ? `request.url ${problem}` : undefined;
}
