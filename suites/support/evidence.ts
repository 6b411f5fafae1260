import type { ExchangeResponse } from "../../src/http/index.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import { jsonLexicalFacts, type JsonLexicalFacts } from "../../src/schema/json-lexemes.ts";
import { firstMalformedValue, type MalformedValue } from "../../src/schema/json-malformed-value.ts";
import { parseJsonText } from "../../src/schema/json-text.ts";

/**
 * The body as JSON, or why it is not (an HTML page, truncated JSON, an empty body, bytes that are
 * not UTF-8, nesting past what the suite parses). `cut`: the suite itself cut the body at its size
 * limit, so nothing can be said about it as JSON (HTTP-BODY-BOUNDED judges its size).
 */
export type JsonBody = { ok: true; value: unknown; bom?: true } | { ok: false; why: string; cut?: boolean };

const parsedBodies = new WeakMap<ExchangeResponse, JsonBody>();

function parseBody(response: ExchangeResponse): JsonBody {
  if (response.truncated) {
    const limit = response.cutAtBytes ? `${Math.round((response.cutAtBytes / 2 ** 20) * 10) / 10} MiB ` : "";
    return { ok: false, cut: true, why: `the body is larger than the suite's ${limit}limit: it was cut there and cannot be judged as JSON` };
  }
  if (response.decoding?.error?.startsWith("the suite cannot undo")) return { ok: false, cut: true, why: `the body is coded ${response.decoding.codings.join(", ")}, which the suite cannot undo: it cannot be judged as JSON` };
  if (response.invalidUtf8) return { ok: false, why: "the body is not valid UTF-8 (RFC 8259 §8.1: JSON exchanged between systems must be UTF-8)" };
  // RFC 8259 §8.1: a sender MUST NOT add a byte order mark; a parser MAY ignore one. The value is read past it, and HTTP-JSON-BODY fails it.
  const bom = response.body.charCodeAt(0) === 0xfeff;
  const parsed = parseJsonText(bom ? response.body.slice(1) : response.body);
  if (parsed.ok) return bom ? { ...parsed, bom } : parsed;
  const start = response.body.trimStart().slice(0, 1);
  const why = response.body.trim() === "" ? "the body is empty"
    : parsed.tooDeep ? `the body ${parsed.why}`
    : start === "<" ? "the body is HTML or XML, not JSON"
    : `the body is not complete JSON (${parsed.why})`;
  return { ok: false, why };
}

export function jsonBody(response: ExchangeResponse): JsonBody {
  let parsed = parsedBodies.get(response);
  if (!parsed) {
    parsed = parseBody(response);
    parsedBodies.set(response, parsed);
  }
  return parsed;
}

const malformedValues = new WeakMap<ExchangeResponse, MalformedValue | null>();

/** The first value of a body that is not JSON whose own token RFC 8259 refuses; read once per response, however many places ask. */
export function malformedValueOf(response: ExchangeResponse): MalformedValue | undefined {
  let found = malformedValues.get(response);
  if (found === undefined) malformedValues.set(response, (found = firstMalformedValue(response.body) ?? null));
  return found ?? undefined;
}

const lexicalFacts = new WeakMap<ExchangeResponse, JsonLexicalFacts>();

/** How the body's JSON text is written (number spellings, repeated names, surrogates), when it is JSON. */
export function jsonLexicalFactsOf(response: ExchangeResponse): JsonLexicalFacts | undefined {
  if (!jsonBody(response).ok) return undefined;
  let facts = lexicalFacts.get(response);
  if (!facts) lexicalFacts.set(response, (facts = jsonLexicalFacts(response.body)));
  return facts;
}

/** application/json, with or without parameters (charset). */
export function isJsonContentType(response: ExchangeResponse): boolean {
  const type = response.headers["content-type"];
  return type !== undefined && /^application\/json\s*(;|$)/i.test(type.trim());
}

export const is4xx = (r: ExchangeResponse) => r.status >= 400 && r.status < 500;

/** True when the response carries anything of a certificate (a refusal must not). */
export function carriesCertificateData(response: ExchangeResponse): boolean {
  return /-----BEGIN CERTIFICATE|fingerprint_sha256|"serial_number"/.test(response.body);
}

/** The 200 body's result object, when the body is JSON with an object result. */
export function resultObject(response: ExchangeResponse): Record<string, unknown> | undefined {
  const body = jsonBody(response);
  if (!body.ok || body.value === null || typeof body.value !== "object") return undefined;
  const result = (body.value as { result?: unknown }).result;
  return result !== null && typeof result === "object" && !Array.isArray(result) ? (result as Record<string, unknown>) : undefined;
}

/** A member's value as a message shows it: JSON, or "missing" when there is none. */
export function shown(value: unknown): string {
  return value === undefined ? "missing" : JSON.stringify(value);
}

export function describeProbe(r: ProbeResult): string {
  return `${r.probe.label} (${r.exchange.request.method} ${r.probe.path.length > 90 ? r.probe.path.slice(0, 89) + "…" : r.probe.path})`;
}
