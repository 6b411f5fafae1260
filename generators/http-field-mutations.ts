import {
  AUTH_EXISTENCE_HIDDEN, AUTH_MISSING_REFUSED, AUTH_REFUSAL_STATUS, HTTP_CACHE_PRIVATE, HTTP_DATE_FORMAT, HTTP_DATE_PRESENT, HTTP_EVERY_REQUEST_ANSWERED,
  HTTP_RETRY_AFTER_AGREES, HTTP_RETRY_AFTER_VALID,
} from "../src/registry/index.ts";
import type { GeneratedResponse } from "./conversations.ts";
import { responseMutation, type ResponseMutation } from "./mutation.ts";
import { httpDate } from "./responses.ts";

/**
 * Field mutations (HTTP-DATE-PRESENT, HTTP-DATE-FORMAT, HTTP-RETRY-AFTER-VALID,
 * HTTP-CACHE-PRIVATE): an answer right in status and body, with one field missing or written
 * in a form RFC 9110 does not allow, or one that lets a shared cache keep a certificate.
 */

/** The answer's fields with `changes` applied (undefined: the field removed). */
function withFields(r: GeneratedResponse, changes: Record<string, string | undefined>): GeneratedResponse {
  const headers = { ...r.headers };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return { ...r, headers };
}

/** The instant of the answer's Date (generated answers all have one). */
const dateOf = (r: GeneratedResponse) => Date.parse(r.headers.date!);

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** RFC 850's obsolete form, `Sunday, 06-Nov-94 08:49:37 GMT`, which RFC 9110 §5.6.7 lets recipients read and forbids senders to write. */
function rfc850(ms: number): string {
  const d = new Date(ms);
  const [, day, month, year, time] = /^\w+, (\d\d) (\w+) \d\d(\d\d) (\S+) GMT$/.exec(d.toUTCString())!;
  return `${DAYS[d.getUTCDay()]}, ${day}-${month}-${year} ${time} GMT`;
}

// HTTP-DATE-PRESENT

/** HTTP-DATE-PRESENT: a read answered without Date. */
export const readWithoutDate = responseMutation(HTTP_DATE_PRESENT, "read-without-date", "read-key", (r) => withFields(r, { date: undefined, "last-modified": undefined }));
/** HTTP-DATE-PRESENT: a refusal answered without Date. */
export const refusalWithoutDate = responseMutation(HTTP_DATE_PRESENT, "refusal-without-date", "id-malformed", (r) => withFields(r, { date: undefined, "last-modified": undefined }));

// HTTP-DATE-FORMAT

/** HTTP-DATE-FORMAT: Date in RFC 850's obsolete form. */
export const dateInRfc850Form = responseMutation(HTTP_DATE_FORMAT, "date-in-rfc-850-form", "refusal-wrong-token", (r) => withFields(r, { date: rfc850(dateOf(r)) }));
/** HTTP-DATE-FORMAT: Date as an ISO 8601 timestamp. */
export const dateAsIso8601 = responseMutation(HTTP_DATE_FORMAT, "date-as-iso-8601", "read-key", (r) => withFields(r, { date: new Date(dateOf(r)).toISOString() }));
/** HTTP-DATE-FORMAT: Date with a day name that is not the date's. */
export const dateWrongDayName = responseMutation(HTTP_DATE_FORMAT, "date-with-the-wrong-day-name", "id-unknown", (r) =>
  withFields(r, { date: httpDate(dateOf(r)).replace(/^(\w+)/, (day) => (day === "Mon" ? "Tue" : "Mon")) }));
/** HTTP-DATE-FORMAT: Last-Modified an hour after Date (RFC 9110 §8.8.2.1: an origin MUST NOT). */
export const lastModifiedAfterDate = responseMutation(HTTP_DATE_FORMAT, "last-modified-after-date", "read-again", (r) => withFields(r, { "last-modified": httpDate(dateOf(r) + 3_600_000) }));

// HTTP-RETRY-AFTER-VALID

/** HTTP-RETRY-AFTER-VALID: Retry-After of half a second (delay-seconds is 1*DIGIT). */
export const retryAfterFraction = responseMutation(HTTP_RETRY_AFTER_VALID, "retry-after-half-a-second", "refusal-wrong-key", (r) => withFields(r, { "retry-after": "0.5" }));
/** HTTP-RETRY-AFTER-VALID: Retry-After in seconds with a fraction part, on a read. */
export const retryAfterDecimal = responseMutation(HTTP_RETRY_AFTER_VALID, "retry-after-with-a-fraction-part", "read-again", (r) => withFields(r, { "retry-after": "30.0" }));

// HTTP-RETRY-AFTER-AGREES

/** HTTP-RETRY-AFTER-AGREES: a 429 asking to wait 1000 s (milliseconds written as seconds) while its RateLimit field says the quota resets in 1 s. */
export const retryAfterPastItsReset = responseMutation(HTTP_RETRY_AFTER_AGREES, "retry-after-past-its-rate-limit-reset", "refusal-missing", (r) =>
  withFields({ ...r, status: 429 }, { "retry-after": "1000", ratelimit: '"default";r=0;t=1' }), {
  alsoBreaks: [HTTP_EVERY_REQUEST_ANSWERED.id],
  couldNotTell: [AUTH_MISSING_REFUSED.id, AUTH_REFUSAL_STATUS.id, AUTH_EXISTENCE_HIDDEN.id],
});

// HTTP-CACHE-PRIVATE

/** HTTP-CACHE-PRIVATE: a read marked Cache-Control: public. */
export const readCachePublic = responseMutation(HTTP_CACHE_PRIVATE, "read-cache-control-public", "read-key", (r) => withFields(r, { "cache-control": "public, max-age=300" }));
/** HTTP-CACHE-PRIVATE: a read a shared cache may keep for ten minutes (max-age without private or no-store). */
export const readCacheMaxAge = responseMutation(HTTP_CACHE_PRIVATE, "read-cache-control-max-age-shared", "read-again", (r) => withFields(r, { "cache-control": "max-age=600" }));
/** HTTP-CACHE-PRIVATE: s-maxage, for shared caches only. */
export const readCacheSMaxAge = responseMutation(HTTP_CACHE_PRIVATE, "read-cache-control-s-maxage", "read-token", (r) => withFields(r, { "cache-control": "private, s-maxage=60" }));

/** Every field mutation. */
export const HTTP_FIELD_MUTATIONS: readonly ResponseMutation[] = [retryAfterPastItsReset, 
  readWithoutDate, refusalWithoutDate, dateInRfc850Form, dateAsIso8601, dateWrongDayName, lastModifiedAfterDate,
  retryAfterFraction, retryAfterDecimal, readCachePublic, readCacheMaxAge, readCacheSMaxAge,
];
