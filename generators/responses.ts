import fc from "fast-check";
import type { CertificateResult } from "./certificates.ts";
import { consistentSuccessEnvelopeArbitrary, failureEnvelopeArbitrary } from "./envelopes.ts";

/**
 * Whole HTTP answers (status, headers, body text) for the response-level requirements
 * (HTTP and AUTH): a 200 read, or a credential refusal, each correct as generated.
 */

/** An HTTP answer as a check sees it; header names in lower case. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Which request an answer is for, as far as HTTP and AUTH care: a read of an existing
 * certificate with the key or the token scheme, or a request the credentials of which
 * must be refused (the AUTH-*-REFUSED cases).
 */
export type ExchangeCase =
  | "read-key" | "read-token"
  | "refusal-missing" | "refusal-wrong-key" | "refusal-email-without-key" | "refusal-malformed" | "refusal-wrong-token";

/** The requests answered 200. */
export const READ_CASES: readonly ExchangeCase[] = ["read-key", "read-token"];
/** The requests whose credentials must be refused. */
export const REFUSAL_CASES: readonly ExchangeCase[] = ["refusal-missing", "refusal-wrong-key", "refusal-email-without-key", "refusal-malformed", "refusal-wrong-token"];

/** True for the cases answered 200. */
export const isReadCase = (c: ExchangeCase) => c === "read-key" || c === "read-token";

/** JSON content types as servers write them (parameters and case vary). */
const JSON_CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8", "Application/JSON"];

/** Headers besides Content-Type: none, or some of Cloudflare's. */
const extraHeaders = fc.record(
  { "cf-ray": fc.constant("8f1e2d3c4b5a6978-AMS"), "cache-control": fc.constant("no-store"), server: fc.constant("cloudflare"), vary: fc.constant("Accept-Encoding") },
  { requiredKeys: [], noNullPrototype: true },
);

/** JSON text of `value`, compact or pretty-printed. */
const jsonText = (value: unknown) => fc.constantFrom(JSON.stringify(value), JSON.stringify(value, null, 2));

/** The correct answer to `exchange`: a 200 read of a pool certificate, or a 400/401/403 refusal. */
export function responseArbitrary(exchange: ExchangeCase, pool: readonly CertificateResult[]): fc.Arbitrary<RawResponse> {
  const body = isReadCase(exchange) ? consistentSuccessEnvelopeArbitrary(pool) : failureEnvelopeArbitrary();
  const status = isReadCase(exchange) ? fc.constant(200) : fc.constantFrom(400, 401, 403);
  return fc
    .tuple(status, fc.constantFrom(...JSON_CONTENT_TYPES), extraHeaders, body.chain(jsonText))
    .map(([s, contentType, extra, text]) => ({ status: s, headers: { ...extra, "content-type": contentType }, body: text }));
}
