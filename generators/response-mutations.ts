import {
  AUTH_EMAIL_WITHOUT_KEY_REFUSED, AUTH_KEY_ACCEPTED, AUTH_KEY_WRONG_REFUSED, AUTH_MALFORMED_REFUSED, AUTH_MISSING_REFUSED,
  AUTH_EXISTENCE_HIDDEN, AUTH_REFUSAL_STATUS, AUTH_TOKEN_ACCEPTED, AUTH_TOKEN_WRONG_REFUSED,
  ENV_REQUIRED_MEMBERS, ENV_RESULT_TYPE, ENV_SUCCESS_TRUE, ERR_ERRORS_NONEMPTY, ERR_SUCCESS_FALSE,
  HTTP_EVERY_REQUEST_ANSWERED, HTTP_EXISTING_200, HTTP_JSON_BODY, HTTP_JSON_CONTENT_TYPE, HTTP_NO_5XX, ID_MALFORMED_REFUSED, ID_UNKNOWN_REFUSED,
  RESULT_REQUIRED_MEMBERS,
} from "../src/registry/index.ts";
import { responseMutation, type ResponseMutation } from "./mutation.ts";
import type { RawResponse } from "./responses.ts";

/**
 * Response-level mutations (HTTP, AUTH, ID): the status, the Content-Type or the body text of
 * an answer made wrong. Each names the request it answers (`on`): a read of an existing
 * certificate, a request whose credentials must be refused, or one whose identifier must be.
 */

const HTML_PAGE = "<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>Something went wrong</h1></body></html>\n";

/** A 200 body carrying a certificate (a stub: a refusal must not carry even that much). */
const SERVED_CERTIFICATE = JSON.stringify({
  success: true, errors: [], messages: [],
  result: {
    id: "023e105f4ecef8ad9ca31a8372d0c353", status: "active", serial_number: "3bb94ff144ac567b9f75ad664b6c55f8d5e48182",
    fingerprint_sha256: "256c24690243359fb8cf139a125bd05ebf1d968b71e4caf330718e9f5c8a89ea",
    certificate: "-----BEGIN CERTIFICATE-----\nMIIDmDCCAoC...dhDDE\n-----END CERTIFICATE-----\n",
  },
});

/** A 200 with the stub is a 200 body too, and it lacks members the strict profile requires (the exchange mutations served-to-* serve a whole one). */
const STUB_IS_NO_WHOLE_RESULT = { alsoBreaks: [RESULT_REQUIRED_MEMBERS.id] };

const FAILURE = (code: number, message: string) => JSON.stringify({ success: false, errors: [{ code, message }], messages: [], result: null });

const json = { "content-type": "application/json" };
const withHeaders = (r: RawResponse, headers: Record<string, string>) => ({ ...r, headers: { ...r.headers, ...headers } });
const withoutContentType = (r: RawResponse) => {
  const { "content-type": _dropped, ...headers } = r.headers;
  return { ...r, headers };
};

// HTTP

/** HTTP-JSON-CONTENT-TYPE: a read served as text/html (body still JSON). */
export const contentTypeHtml = responseMutation(HTTP_JSON_CONTENT_TYPE, "content-type-text-html", "read-key", (r) => withHeaders(r, { "content-type": "text/html; charset=utf-8" }));
/**
 * HTTP-JSON-CONTENT-TYPE: a read served as text/plain. (The second read, with the scheme the
 * document declares: a read with a scheme it does not declare counts only toward that scheme's
 * own requirements.)
 */
export const contentTypePlain = responseMutation(HTTP_JSON_CONTENT_TYPE, "content-type-text-plain", "read-again", (r) => withHeaders(r, { "content-type": "text/plain" }));
/** HTTP-JSON-CONTENT-TYPE: a JSON Patch document's type, which starts like application/json. */
export const contentTypeJsonPatch = responseMutation(HTTP_JSON_CONTENT_TYPE, "content-type-json-patch", "read-key", (r) => withHeaders(r, { "content-type": "application/json-patch+json" }));
/** HTTP-JSON-CONTENT-TYPE: JSON Lines, application/jsonl. */
export const contentTypeJsonLines = responseMutation(HTTP_JSON_CONTENT_TYPE, "content-type-jsonl", "refusal-wrong-key", (r) => withHeaders(r, { "content-type": "application/jsonl; charset=utf-8" }));
/** HTTP-JSON-CONTENT-TYPE: text/json, an old alias no registry lists for this API. */
export const contentTypeTextJson = responseMutation(HTTP_JSON_CONTENT_TYPE, "content-type-text-json", "id-unknown", (r) => withHeaders(r, { "content-type": "text/json" }));
/** HTTP-JSON-CONTENT-TYPE: a vendor type with a +json suffix. */
export const contentTypeVendorJson = responseMutation(HTTP_JSON_CONTENT_TYPE, "content-type-vendor-json", "read-again", (r) => withHeaders(r, { "content-type": "application/vnd.api+json" }));
/** HTTP-JSON-CONTENT-TYPE: application/json not at the start of the type. */
export const contentTypeJsonInside = responseMutation(HTTP_JSON_CONTENT_TYPE, "content-type-json-not-first", "refusal-missing", (r) => withHeaders(r, { "content-type": "x-application/json" }));
/** HTTP-JSON-CONTENT-TYPE: a refusal without Content-Type. */
export const contentTypeMissing = responseMutation(HTTP_JSON_CONTENT_TYPE, "content-type-missing", "refusal-missing", withoutContentType);
/** HTTP-JSON-CONTENT-TYPE: a refusal as application/problem+json. */
export const contentTypeProblemJson = responseMutation(HTTP_JSON_CONTENT_TYPE, "content-type-problem-json", "refusal-malformed", (r) => withHeaders(r, { "content-type": "application/problem+json" }));
/** A 200 body that is not JSON is no success envelope either (ENV-REQUIRED-MEMBERS: "the body is no envelope"). */
const NO_ENVELOPE = { alsoBreaks: [ENV_REQUIRED_MEMBERS.id] };

/** HTTP-JSON-BODY: an HTML error page labelled application/json. */
export const bodyHtmlPage = responseMutation(HTTP_JSON_BODY, "body-html-page", "read-key", (r) => ({ ...r, body: HTML_PAGE }), NO_ENVELOPE);
/** HTTP-JSON-BODY: the body cut in half. */
export const bodyTruncated = responseMutation(HTTP_JSON_BODY, "body-truncated", "read-key", (r) => ({ ...r, body: r.body.slice(0, Math.floor(r.body.length / 2)) }), NO_ENVELOPE);
/** HTTP-JSON-BODY: an empty body (on the second read: see contentTypePlain). */
export const bodyEmpty = responseMutation(HTTP_JSON_BODY, "body-empty", "read-again", (r) => ({ ...r, body: "" }), NO_ENVELOPE);
/** HTTP-JSON-BODY: JSON nested past what any envelope needs (300 arrays), which the suite does not parse. */
export const bodyNestedTooDeep = responseMutation(HTTP_JSON_BODY, "body-nested-too-deep", "read-key", (r) => ({ ...r, body: `${"[".repeat(300)}${"]".repeat(300)}` }), NO_ENVELOPE);
/** HTTP-JSON-BODY: two JSON documents, one after the other. */
export const bodyTwoDocuments = responseMutation(HTTP_JSON_BODY, "body-two-documents", "read-key", (r) => ({ ...r, body: `${r.body}\n${r.body}` }), NO_ENVELOPE);
/** HTTP-NO-5XX: a refusal answered 500 (so it is no refusal either). */
export const refusal500 = responseMutation(HTTP_NO_5XX, "refusal-as-500", "refusal-wrong-token", (r) => ({ ...r, status: 500, body: FAILURE(10001, "Internal server error") }), { alsoBreaks: [AUTH_TOKEN_WRONG_REFUSED.id] });
/** HTTP-NO-5XX: a refusal answered 502 with an HTML page. */
export const refusal502 = responseMutation(HTTP_NO_5XX, "refusal-as-502-html", "refusal-malformed", (r) => ({ status: 502, headers: { "content-type": "text/html" }, body: HTML_PAGE }), { alsoBreaks: [AUTH_MALFORMED_REFUSED.id] });
/** HTTP-NO-5XX: a malformed identifier answered 503 (so it is not refused either). */
export const idRefusal503 = responseMutation(HTTP_NO_5XX, "id-refusal-as-503", "id-malformed", (r) => ({ ...r, status: 503, body: FAILURE(10000, "Service unavailable") }), { alsoBreaks: [ID_MALFORMED_REFUSED.id] });
/** HTTP-EXISTING-200: a read answered 500 with an HTML page (a 5xx is not judged as JSON: HTTP-EXISTING-200 speaks for it). */
export const read500Html = responseMutation(HTTP_EXISTING_200, "read-as-500-html", "read-key", () => ({ status: 500, headers: { "content-type": "text/html" }, body: HTML_PAGE }), { alsoBreaks: [AUTH_KEY_ACCEPTED.id] });
/** HTTP-EXISTING-200: a read answered 404 (also a refusal of good credentials). */
export const read404 = responseMutation(HTTP_EXISTING_200, "read-as-404", "read-key", (r) => ({ ...r, status: 404, body: FAILURE(1404, "Client certificate not found") }), { alsoBreaks: [AUTH_KEY_ACCEPTED.id] });
/**
 * HTTP-EXISTING-200: a token read answered 203 with the same body. Where the document does not
 * declare the token (the seed), that read counts only toward AUTH-TOKEN-ACCEPTED.
 */
export const read203 = responseMutation(HTTP_EXISTING_200, "read-as-203", "read-token", (r) => ({ ...r, status: 203 }), {
  alsoBreaks: [AUTH_TOKEN_ACCEPTED.id],
  underDocument: (spec) => (spec.declaredSchemes.has("token") ? undefined : { requirement: AUTH_TOKEN_ACCEPTED, profiles: ["spec", "strict"] }),
});

// AUTH

/** The answer's fields (its Date among them) with a JSON content type. */
const jsonFields = (r: RawResponse) => ({ ...r.headers, ...json });

/** AUTH-MISSING-REFUSED: no credentials, and the certificate is served. */
export const missingCredentialsServed = responseMutation(AUTH_MISSING_REFUSED, "missing-credentials-served", "refusal-missing", (r) => ({ status: 200, headers: jsonFields(r), body: SERVED_CERTIFICATE }), STUB_IS_NO_WHOLE_RESULT);
/** AUTH-KEY-WRONG-REFUSED: a refusal whose message quotes the certificate. */
export const wrongKeyRefusalCarriesCertificate = responseMutation(AUTH_KEY_WRONG_REFUSED, "wrong-key-refusal-carries-certificate", "refusal-wrong-key", (r) => ({
  ...r, body: JSON.stringify({ success: false, errors: [{ code: 9103, message: "Unknown X-Auth-Key for -----BEGIN CERTIFICATE-----\nMIIDmDCCAoC...\n-----END CERTIFICATE-----" }], messages: [], result: null }),
}));
/** ID-UNKNOWN-REFUSED: a refusal whose message quotes the certificate's fingerprint. */
export const unknownIdRefusalQuotesFingerprint = responseMutation(ID_UNKNOWN_REFUSED, "unknown-id-refusal-quotes-fingerprint", "id-unknown", (r) => ({
  ...r, body: FAILURE(1404, "No certificate with fingerprint_sha256 256c24690243359fb8cf139a125bd05ebf1d968b71e4caf330718e9f5c8a89ea here"),
}));
/** AUTH-MISSING-REFUSED: a refusal whose first error item carries the certificate's serial_number (its codes as they were). */
export const missingRefusalCarriesSerial = responseMutation(AUTH_MISSING_REFUSED, "missing-credentials-refusal-carries-serial", "refusal-missing", (r) => {
  const body = JSON.parse(r.body) as { errors: Record<string, unknown>[] };
  return { ...r, body: JSON.stringify({ ...body, errors: [{ ...body.errors[0], serial_number: "3bb94ff144ac567b9f75ad664b6c55f8d5e48182" }, ...body.errors.slice(1)] }) };
});
/** AUTH-EMAIL-WITHOUT-KEY-REFUSED: a 4xx whose body says success. */
export const emailWithoutKeySuccessBody = responseMutation(AUTH_EMAIL_WITHOUT_KEY_REFUSED, "email-without-key-success-body", "refusal-email-without-key", (r) => ({
  ...r, body: JSON.stringify({ success: true, errors: [], messages: [], result: null }),
}), { alsoBreaks: [ERR_SUCCESS_FALSE.id, ERR_ERRORS_NONEMPTY.id] }); // the 4xx body is no failure envelope either
/** AUTH-MALFORMED-REFUSED: malformed credentials answered 200 with a failure envelope. */
export const malformedAnswered200 = responseMutation(AUTH_MALFORMED_REFUSED, "malformed-credentials-answered-200", "refusal-malformed", (r) => ({ ...r, status: 200 }), {
  alsoBreaks: [ENV_SUCCESS_TRUE.id, ENV_RESULT_TYPE.id], // a 200 is judged as a success envelope, which a failure envelope is not
});
/** AUTH-TOKEN-WRONG-REFUSED: a wrong token, and the certificate is served. */
export const wrongTokenServed = responseMutation(AUTH_TOKEN_WRONG_REFUSED, "wrong-token-served", "refusal-wrong-token", (r) => ({ status: 200, headers: jsonFields(r), body: SERVED_CERTIFICATE }), STUB_IS_NO_WHOLE_RESULT);
/** AUTH-REFUSAL-STATUS: a credential refusal answered 404. */
export const refusal404 = responseMutation(AUTH_REFUSAL_STATUS, "refusal-as-404", "refusal-wrong-key", (r) => ({ ...r, status: 404 }));
/** AUTH-REFUSAL-STATUS: a malformed key refused with 422. */
export const refusal422 = responseMutation(AUTH_REFUSAL_STATUS, "refusal-as-422", "refusal-malformed-key", (r) => ({ ...r, status: 422 }));
/** AUTH-REFUSAL-STATUS: a near miss of the token refused with 405. */
export const refusal405 = responseMutation(AUTH_REFUSAL_STATUS, "refusal-as-405", "refusal-token-last-changed", (r) => ({ ...r, status: 405 }));
/**
 * HTTP-EVERY-REQUEST-ANSWERED: a credential probe answered 429 (after the retries) while the
 * requests after it were answered. A 429 is never a refusal: the probe's own requirements
 * could not be judged.
 */
export const refusal429 = responseMutation(HTTP_EVERY_REQUEST_ANSWERED, "refusal-as-429", "refusal-missing", (r) => ({ ...r, status: 429 }), {
  couldNotTell: [AUTH_MISSING_REFUSED.id, AUTH_REFUSAL_STATUS.id, AUTH_EXISTENCE_HIDDEN.id], // nor whether it is refused as its twin for an unknown certificate
});
/** AUTH-KEY-ACCEPTED: good key credentials refused with 403 (so no 200 either). */
export const goodKeyRefused = responseMutation(AUTH_KEY_ACCEPTED, "good-key-refused", "read-key", (r) => ({ ...r, status: 403, body: FAILURE(9103, "Unknown X-Auth-Key or X-Auth-Email") }), { alsoBreaks: [HTTP_EXISTING_200.id] });
/** AUTH-TOKEN-ACCEPTED: a good token refused with 401. */
export const goodTokenRefused = responseMutation(AUTH_TOKEN_ACCEPTED, "good-token-refused", "read-token", (r) => ({ ...r, status: 401, body: FAILURE(9109, "Invalid access token") }), { alsoBreaks: [HTTP_EXISTING_200.id] });

/** Every response-level mutation. */
export const RESPONSE_MUTATIONS: readonly ResponseMutation[] = [
  contentTypeHtml, contentTypePlain, contentTypeMissing, contentTypeProblemJson,
  contentTypeJsonPatch, contentTypeJsonLines, contentTypeTextJson, contentTypeVendorJson, contentTypeJsonInside,
  bodyHtmlPage, bodyTruncated, bodyEmpty, bodyTwoDocuments, bodyNestedTooDeep,
  refusal500, refusal502, idRefusal503, read404, read203, read500Html,
  missingCredentialsServed, wrongKeyRefusalCarriesCertificate, unknownIdRefusalQuotesFingerprint, missingRefusalCarriesSerial,
  emailWithoutKeySuccessBody, malformedAnswered200, wrongTokenServed,
  refusal404, refusal422, refusal405, refusal429, goodKeyRefused, goodTokenRefused,
];

/** The brief's name for them. */
export const responseMutations = RESPONSE_MUTATIONS;
