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

/** Cache-Control values that keep an authenticated answer out of shared caches (HTTP-CACHE-PRIVATE). */
export const PRIVATE_CACHE_CONTROLS: readonly string[] = ["no-store", "private, no-cache", "private, max-age=60", "no-cache, no-store, must-revalidate", "max-age=0"];

/** Headers besides Content-Type and Date: none, or some of Cloudflare's. */
const extraHeaders = fc.record(
  { "cf-ray": fc.constant("8f1e2d3c4b5a6978-AMS"), "cache-control": fc.constantFrom(...PRIVATE_CACHE_CONTROLS), server: fc.constant("cloudflare"), vary: fc.constant("Accept-Encoding") },
  { requiredKeys: [], noNullPrototype: true },
);

/** An IMF-fixdate (RFC 9110 §5.6.7), `Sun, 06 Nov 1994 08:49:37 GMT`, of the instant `ms`. */
export const httpDate = (ms: number) => new Date(ms).toUTCString();

const DATES_FROM = Date.UTC(2025, 0, 1) / 1000;
const DATES_TO = Date.UTC(2027, 0, 1) / 1000;

/** The Date of an answer (whole seconds), and now and then a Last-Modified up to a year before it (never after: RFC 9110 §8.8.2.1). */
const dateHeaders = fc
  .tuple(fc.integer({ min: DATES_FROM, max: DATES_TO }), fc.option(fc.integer({ min: 0, max: 365 * 86_400 }), { freq: 3 }))
  .map(([seconds, ago]): Record<string, string> => ({ date: httpDate(seconds * 1000), ...(ago === null ? {} : { "last-modified": httpDate((seconds - ago) * 1000) }) }));

/** WWW-Authenticate challenges a 401 carries (RFC 9110 §11.6.1: at least one). */
export const CHALLENGES: readonly string[] = ['Bearer realm="api.cloudflare.com"', "Bearer", 'Bearer realm="Cloudflare API", error="invalid_token"', 'X-Auth-Key realm="api.cloudflare.com", Bearer'];

/** `response` with `status`, and a challenge where the status is 401 and it has none. */
export function withStatus<R extends RawResponse>(response: R, status: number): R {
  const challenge = status === 401 && response.headers["www-authenticate"] === undefined ? { "www-authenticate": CHALLENGES[0]! } : {};
  return { ...response, status, headers: { ...response.headers, ...challenge } };
}

/** JSON text of `value`, compact or pretty-printed. */
const jsonText = (value: unknown) => fc.constantFrom(JSON.stringify(value), JSON.stringify(value, null, 2));

/**
 * An answer with one of `statuses`, a JSON content type, a Date (and sometimes a Last-Modified),
 * some of Cloudflare's headers, a challenge on a 401, and `body` as JSON text.
 */
export function jsonAnswerArbitrary(statuses: readonly number[], body: fc.Arbitrary<unknown>): fc.Arbitrary<RawResponse> {
  return fc
    .tuple(fc.constantFrom(...statuses), fc.constantFrom(...JSON_CONTENT_TYPES), extraHeaders, dateHeaders, fc.constantFrom(...CHALLENGES), body.chain(jsonText))
    .map(([s, contentType, extra, dates, challenge, text]) => ({
      status: s, headers: { ...extra, ...dates, "content-type": contentType, ...(s === 401 ? { "www-authenticate": challenge } : {}) }, body: text,
    }));
}

/** The correct answer to `exchange`: a 200 read of a pool certificate, a 400/401/403 credential refusal or a 400/403/404 identifier refusal. */
export function responseArbitrary(exchange: ExchangeCase, pool: readonly CertificateResult[]): fc.Arbitrary<RawResponse> {
  if (isReadCase(exchange)) return jsonAnswerArbitrary([200], consistentSuccessEnvelopeArbitrary(pool));
  return jsonAnswerArbitrary(ID_CASES.includes(exchange) ? IDENTIFIER_REFUSAL_STATUSES : CREDENTIAL_REFUSAL_STATUSES, failureEnvelopeArbitrary());
}
