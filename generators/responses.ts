import fc from "fast-check";
import type { CertificateResult } from "./certificates.ts";
import { consistentSuccessEnvelopeArbitrary, failureEnvelopeArbitrary } from "./envelopes.ts";
import { CREDENTIAL_REFUSAL_STATUSES, IDENTIFIER_REFUSAL_STATUSES, ID_CASES, isReadCase, type ExchangeCase } from "./exchange-cases.ts";

/**
 * Whole HTTP answers (status, headers, body text) for the response-level requirements
 * (HTTP, AUTH, ID): a 200 read, a credential refusal or an identifier refusal, each correct
 * as generated.
 */

/** An HTTP answer as a check sees it; header names in lower case. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type { ExchangeCase } from "./exchange-cases.ts";
export { isReadCase, READ_CASES, REFUSAL_CASES } from "./exchange-cases.ts";

/** JSON content types as servers write them (parameters, spacing and case vary). */
export const JSON_CONTENT_TYPES: readonly string[] = ["application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8", "Application/JSON", "application/json ; charset=utf-8"];

/** Headers besides Content-Type: none, or some of Cloudflare's. */
const extraHeaders = fc.record(
  { "cf-ray": fc.constant("8f1e2d3c4b5a6978-AMS"), "cache-control": fc.constant("no-store"), server: fc.constant("cloudflare"), vary: fc.constant("Accept-Encoding") },
  { requiredKeys: [], noNullPrototype: true },
);

/** JSON text of `value`, compact or pretty-printed. */
const jsonText = (value: unknown) => fc.constantFrom(JSON.stringify(value), JSON.stringify(value, null, 2));

/** An answer with one of `statuses`, a JSON content type, some of Cloudflare's headers, and `body` as JSON text. */
export function jsonAnswerArbitrary(statuses: readonly number[], body: fc.Arbitrary<unknown>): fc.Arbitrary<RawResponse> {
  return fc
    .tuple(fc.constantFrom(...statuses), fc.constantFrom(...JSON_CONTENT_TYPES), extraHeaders, body.chain(jsonText))
    .map(([s, contentType, extra, text]) => ({ status: s, headers: { ...extra, "content-type": contentType }, body: text }));
}

/** The correct answer to `exchange`: a 200 read of a pool certificate, a 400/401/403 credential refusal or a 400/403/404 identifier refusal. */
export function responseArbitrary(exchange: ExchangeCase, pool: readonly CertificateResult[]): fc.Arbitrary<RawResponse> {
  if (isReadCase(exchange)) return jsonAnswerArbitrary([200], consistentSuccessEnvelopeArbitrary(pool));
  return jsonAnswerArbitrary(ID_CASES.includes(exchange) ? IDENTIFIER_REFUSAL_STATUSES : CREDENTIAL_REFUSAL_STATUSES, failureEnvelopeArbitrary());
}
