import {
  ENV_ERRORS_ITEMS, ENV_MESSAGES_ITEMS, ENV_REQUIRED_MEMBERS, ERR_ITEMS_SHAPE, HTTP_JSON_BODY, HTTP_JSON_INTEROPERABLE, RESULT_MEMBER_TYPES,
} from "../src/registry/index.ts";
import type { GeneratedResponse } from "./conversations.ts";
import { responseMutation, type ResponseMutation } from "./mutation.ts";

/**
 * JSON text mutations: what `JSON.parse` hides, written into an answer's text. A byte order mark
 * (HTTP-JSON-BODY); a member named twice, an unpaired surrogate, a number no double holds
 * (HTTP-JSON-INTEROPERABLE); an `integer` written with a fraction or exponent part, whose value
 * is still whole (RESULT-MEMBER-TYPES, ENV-*-ITEMS, ERR-ITEMS-SHAPE); a certificate member given
 * two values, or written as no JSON value (RESULT-MEMBER-TYPES, beside the HTTP requirement).
 */

/** A value that becomes `lexeme`, written as is, in the JSON text. */
const as = (lexeme: string) => `@@number:${lexeme}@@`;

/** The body parsed, edited, and written again with every `as(...)` value spelled as its lexeme. */
function rewritten(r: GeneratedResponse, edit: (body: Record<string, unknown>) => unknown): GeneratedResponse {
  const text = JSON.stringify(edit(JSON.parse(r.body) as Record<string, unknown>));
  return { ...r, body: text.replace(/"@@number:([^@"]+)@@"/g, "$1") };
}

type Item = { code: number; message: string };
const items = (body: Record<string, unknown>, member: "errors" | "messages") => body[member] as Item[];

// HTTP-JSON-BODY

/** HTTP-JSON-BODY: a byte order mark before the JSON text (RFC 8259 §8.1: MUST NOT be added). */
export const byteOrderMark = responseMutation(HTTP_JSON_BODY, "body-with-byte-order-mark", "read-key", (r) => ({ ...r, body: `\uFEFF${r.body}` }));

// HTTP-JSON-INTEROPERABLE

/** HTTP-JSON-INTEROPERABLE: `success` named twice in a refusal (the same value both times: no member has two values). */
export const memberNamedTwice = responseMutation(HTTP_JSON_INTEROPERABLE, "member-named-twice", "refusal-wrong-key", (r) => ({ ...r, body: r.body.replace(/^\s*\{/, '{"success":false,') }));
/**
 * RESULT-MEMBER-TYPES: the certificate's status named twice with two values, another status first (a default left in);
 * JSON.parse keeps the last, a first-wins reader the other. The text is also not interoperable JSON.
 */
export const resultMemberGivenTwoValues = responseMutation(RESULT_MEMBER_TYPES, "result-member-given-two-values", "read-key", (r) => {
  const status = (JSON.parse(r.body) as { result: { status: string } }).result.status === "active" ? "pending_revocation" : "active";
  return { ...r, body: r.body.replace('"result":{', `"result":{"status":"${status}",`) };
}, { alsoBreaks: [HTTP_JSON_INTEROPERABLE.id] });
/** HTTP-JSON-INTEROPERABLE: an error message holding half of a surrogate pair (written escaped, as JSON.stringify writes it). */
export const unpairedSurrogate = responseMutation(HTTP_JSON_INTEROPERABLE, "unpaired-surrogate-in-a-message", "id-unknown", (r) =>
  rewritten(r, (b) => ({ ...b, errors: items(b, "errors").map((e, i) => (i === 0 ? { ...e, message: `${e.message} \uD83D` } : e)) })));
/** HTTP-JSON-INTEROPERABLE: a member beside the result whose number no double holds (1e400). */
export const numberBeyondDouble = responseMutation(HTTP_JSON_INTEROPERABLE, "number-beyond-a-double", "read-key", (r) => rewritten(r, (b) => ({ ...b, request_cost: as("1e400") })));
/** HTTP-JSON-INTEROPERABLE: an error code past 2^53, which a double rounds to another integer. */
export const errorCodeBeyond2To53 = responseMutation(HTTP_JSON_INTEROPERABLE, "error-code-beyond-2-to-the-53", "refusal-email-without-key", (r) =>
  rewritten(r, (b) => ({ ...b, errors: items(b, "errors").map((e, i) => (i === 0 ? { ...e, code: as("9007199254740993") } : e)) })));

// integers written with a fraction or exponent part

/** RESULT-MEMBER-TYPES: validity_days written 3650.0 (its value whole). */
export const validityDaysWithFraction = responseMutation(RESULT_MEMBER_TYPES, "validity-days-with-a-fraction-part", "read-key", (r) =>
  rewritten(r, (b) => ({ ...b, result: { ...(b.result as object), validity_days: as(`${(b.result as { validity_days: number }).validity_days}.0`) } })));
/** ENV-MESSAGES-ITEMS: a message of a 200 whose code is written 10000.0. */
export const messageCodeWithFraction = responseMutation(ENV_MESSAGES_ITEMS, "message-code-with-a-fraction-part", "read-key", (r) =>
  rewritten(r, (b) => ({ ...b, messages: [...items(b, "messages"), { code: as("10000.0"), message: "Written with a fraction part" }] })));
/** ENV-ERRORS-ITEMS: an error item of a 200 whose code is written 1e4. */
export const errorCodeWithExponent = responseMutation(ENV_ERRORS_ITEMS, "error-code-with-an-exponent", "read-again", (r) =>
  rewritten(r, (b) => ({ ...b, errors: [...items(b, "errors"), { code: as("1e4"), message: "Written with an exponent" }] })));
/** ERR-ITEMS-SHAPE: a refusal's first error code written with a fraction part (9103.0). */
export const failureCodeWithFraction = responseMutation(ERR_ITEMS_SHAPE, "failure-code-with-a-fraction-part", "refusal-wrong-key", (r) =>
  rewritten(r, (b) => ({ ...b, errors: items(b, "errors").map((e, i) => (i === 0 ? { ...e, code: as(`${e.code}.0`) } : e)) })));
/** ERR-ITEMS-SHAPE: a refusal's message whose code is written with an exponent (1.0001e4). */
export const failureMessageCodeWithExponent = responseMutation(ERR_ITEMS_SHAPE, "failure-message-code-with-an-exponent", "id-malformed", (r) =>
  rewritten(r, (b) => ({ ...b, messages: [...items(b, "messages"), { code: as("1.0001e4"), message: "Written with an exponent" }] })));

// values whose own token is no JSON

/** RESULT-MEMBER-TYPES: validity_days written with a leading zero (0730): the body is not JSON, the defect is the member's. */
export const validityDaysLeadingZero = responseMutation(RESULT_MEMBER_TYPES, "validity-days-with-a-leading-zero", "read-key", (r) =>
  ({ ...r, body: r.body.replace(/"validity_days":(\d+)/, (_m, d: string) => `"validity_days":0${d}`) }), { alsoBreaks: [HTTP_JSON_BODY.id, ENV_REQUIRED_MEMBERS.id] });

/** Every JSON text mutation. */
export const JSON_TEXT_MUTATIONS: readonly ResponseMutation[] = [
  byteOrderMark, memberNamedTwice, resultMemberGivenTwoValues, unpairedSurrogate, numberBeyondDouble, errorCodeBeyond2To53,
  validityDaysWithFraction, messageCodeWithFraction, errorCodeWithExponent, failureCodeWithFraction, failureMessageCodeWithExponent,
  validityDaysLeadingZero,
];
