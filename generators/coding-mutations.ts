import {
  AUTH_KEY_WRONG_REFUSED, ERR_REQUIRED_MEMBERS, HTTP_CODING_ACCEPTED, HTTP_CONTENT_CODING, HTTP_JSON_BODY, HTTP_JSON_CONTENT_TYPE, HTTP_NEGOTIATION, HTTP_EXISTING_200 } from "../src/registry/index.ts";
import { coded } from "./conversation-transport.ts";
import { responseMutation, type ResponseMutation } from "./mutation.ts";

/**
 * Content coding and negotiation mutations (HTTP-CONTENT-CODING, HTTP-CODING-ACCEPTED,
 * HTTP-NEGOTIATION): a body that does not decode with the codings its Content-Encoding names, a
 * coding the request did not accept, and a read whose Accept admits JSON answered otherwise.
 */

const FAILURE = (code: number, message: string) => JSON.stringify({ success: false, errors: [{ code, message }], messages: [], result: null });

// HTTP-CONTENT-CODING

/** HTTP-CONTENT-CODING: a gzip body whose trailer is wrong: all of it inflates, and the CRC check fails at the end. */
export const gzipTrailerCorrupt = responseMutation(HTTP_CONTENT_CODING, "gzip-trailer-corrupt", "read-encoding-gzip", (r) => {
  const gzip = coded(r, "gzip");
  return { ...gzip, decoding: { codings: ["gzip"], error: "the body does not decode as gzip: incorrect data check" } };
});
/**
 * HTTP-CONTENT-CODING: a refusal labelled gzip but sent uncoded: nothing inflates, so the body the
 * client has is empty (not JSON, no failure envelope, so no refusal either), and gzip is a coding
 * the request (Accept-Encoding: identity) did not accept.
 */
export const gzipLabelOnUncodedRefusal = responseMutation(HTTP_CONTENT_CODING, "gzip-label-on-an-uncoded-refusal", "refusal-wrong-key", (r) => {
  const gzip = coded(r, "gzip");
  return { ...gzip, body: "", decoding: { codings: ["gzip"], error: "the body does not decode as gzip: incorrect header check" } };
}, { alsoBreaks: [HTTP_CODING_ACCEPTED.id, HTTP_JSON_BODY.id, ERR_REQUIRED_MEMBERS.id, AUTH_KEY_WRONG_REFUSED.id] });

// HTTP-CODING-ACCEPTED

/** HTTP-CODING-ACCEPTED: gzip to a read that said Accept-Encoding: gzip;q=0, identity. */
export const gzipToRefusedCoding = responseMutation(HTTP_CODING_ACCEPTED, "gzip-to-a-request-that-refused-it", "read-encoding-refused", (r) => coded(r, "gzip"));
/** HTTP-CODING-ACCEPTED: brotli to a plain read, whose Accept-Encoding is identity. */
export const brToIdentityRead = responseMutation(HTTP_CODING_ACCEPTED, "br-to-an-identity-read", "read-key", (r) => coded(r, "br"));

// HTTP-NEGOTIATION

/** HTTP-NEGOTIATION: an Accept of every media type answered 406, though it admits application/json. */
export const acceptAnyAnswered406 = responseMutation(HTTP_NEGOTIATION, "accept-any-answered-406", "read-accept-any", (r) =>
  ({ ...r, status: 406, body: FAILURE(10406, "Not acceptable: this endpoint serves application/json") }), { alsoBreaks: [HTTP_EXISTING_200.id] });
/** HTTP-NEGOTIATION: an Accept of every media type answered as text/plain (HTTP-JSON-CONTENT-TYPE fails too). */
export const acceptAnyAnsweredTextPlain = responseMutation(HTTP_NEGOTIATION, "accept-any-answered-text-plain", "read-accept-any", (r) =>
  ({ ...r, headers: { ...r.headers, "content-type": "text/plain; charset=utf-8" } }), { alsoBreaks: [HTTP_JSON_CONTENT_TYPE.id] });

/** Every content coding and negotiation mutation. */
export const CODING_MUTATIONS: readonly ResponseMutation[] = [gzipTrailerCorrupt, gzipLabelOnUncodedRefusal, gzipToRefusedCoding, brToIdentityRead, acceptAnyAnswered406, acceptAnyAnsweredTextPlain];
