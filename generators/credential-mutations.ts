import { AUTH_401_CHALLENGE, AUTH_EXISTENCE_HIDDEN, AUTH_SYNTAX_ACCEPTED, ID_EXISTENCE_HIDDEN, HTTP_EXISTING_200 } from "../src/registry/index.ts";
import type { Conversation } from "./conversations.ts";
import { firstOf, jsonOf, responseOf, withAnswers, withJsonBody } from "./conversation-edits.ts";
import type { FailureBody } from "./envelopes.ts";
import type { ExchangeCase } from "./exchange-cases.ts";
import { exchangeMutation, responseMutation, type ExchangeMutation, type ResponseMutation } from "./mutation.ts";
import { CHALLENGES, withStatus } from "./responses.ts";

/**
 * Credential mutations (AUTH-401-CHALLENGE, AUTH-SYNTAX-ACCEPTED, AUTH-EXISTENCE-HIDDEN,
 * ID-EXISTENCE-HIDDEN): a 401 that offers no way to authenticate, good credentials refused for
 * how HTTP lets them be written, and refusals that tell whether a certificate exists. (Good
 * credentials accepted in the wrong place: served-to-refusal-token-without-scheme and the other
 * served-to-* mutations of exchange-mutations.ts.)
 */

const FAILURE = (code: number, message: string) => JSON.stringify({ success: false, errors: [{ code, message }], messages: [], result: null });

// AUTH-401-CHALLENGE

/** AUTH-401-CHALLENGE: a wrong key refused 401 with no WWW-Authenticate. */
export const refusal401WithoutChallenge = responseMutation(AUTH_401_CHALLENGE, "refusal-401-without-challenge", "refusal-wrong-key", (r) => {
  const { "www-authenticate": _dropped, ...headers } = r.headers;
  return { ...r, status: 401, headers };
});
/** AUTH-401-CHALLENGE: a 401 whose WWW-Authenticate is empty (no auth-scheme). */
export const refusal401EmptyChallenge = responseMutation(AUTH_401_CHALLENGE, "refusal-401-with-an-empty-challenge", "refusal-malformed-bearer", (r) =>
  ({ ...r, status: 401, headers: { ...r.headers, "www-authenticate": "" } }));

// AUTH-SYNTAX-ACCEPTED

/** AUTH-SYNTAX-ACCEPTED: the token with the Bearer scheme respelled (bearer, BEARER, two spaces) refused 401. */
export const respelledBearerRefused = responseMutation(AUTH_SYNTAX_ACCEPTED, "respelled-bearer-refused", "read-credential-spelling", (r) =>
  ({ ...r, status: 401, headers: { ...r.headers, "www-authenticate": CHALLENGES[0]! }, body: FAILURE(9109, "Invalid access token") }));
/** AUTH-SYNTAX-ACCEPTED: good credentials under header names in upper case refused 400. */
export const upperCaseHeaderNamesRefused = responseMutation(AUTH_SYNTAX_ACCEPTED, "upper-case-header-names-refused", "read-header-names-upper-case", (r) =>
  ({ ...r, status: 400, body: FAILURE(6003, "Invalid request headers") }), { alsoBreaks: [HTTP_EXISTING_200.id] });

// AUTH-EXISTENCE-HIDDEN, ID-EXISTENCE-HIDDEN: the twin refused otherwise than the request it must be refused as.

/** The request the twin of `twinCase` must be refused as, and the twin. */
function pairOf(conversation: Conversation, twinCase: ExchangeCase, name: string): { original: number; twin: number } {
  const twin = firstOf(conversation, twinCase, name);
  const key = conversation[twin].request.sameAnswerAs!.key;
  const original = conversation.findIndex((e) => e.request.key === key);
  if (original < 0) throw new RangeError(`${name}: no request ${key} in the conversation`);
  return { original, twin };
}

/** AUTH-EXISTENCE-HIDDEN: without credentials, an unknown certificate's refusal carries one more error code (not found) than the real one's. */
export const existenceRevealedWithoutCredentials = exchangeMutation(AUTH_EXISTENCE_HIDDEN, "existence-revealed-without-credentials", ["refusal-missing", "refusal-twin-unknown-certificate"], (conversation) => {
  const { original, twin } = pairOf(conversation, "refusal-twin-unknown-certificate", "existence-revealed-without-credentials");
  const errors = (jsonOf(conversation[original].answer) as FailureBody).errors;
  return withAnswers(conversation, [twin], (a) => ({ ...a, response: withJsonBody(responseOf(a), (b) => ({ ...(b as FailureBody), errors: [...errors, { code: 81404, message: "Client certificate not found" }] })) }));
});

/** ID-EXISTENCE-HIDDEN: under another zone, an unknown certificate is refused with another status than the real certificate. */
export const existenceRevealedUnderOtherZone = exchangeMutation(ID_EXISTENCE_HIDDEN, "existence-revealed-under-another-zone", ["id-other-zone", "id-twin-unknown-certificate"], (conversation) => {
  const { original, twin } = pairOf(conversation, "id-twin-unknown-certificate", "existence-revealed-under-another-zone");
  const status = responseOf(conversation[original].answer).status === 404 ? 403 : 404;
  return withAnswers(conversation, [twin], (a) => ({ ...a, response: withStatus(responseOf(a), status) }));
});

/** Every credential mutation. */
export const CREDENTIAL_RESPONSE_MUTATIONS: readonly ResponseMutation[] = [refusal401WithoutChallenge, refusal401EmptyChallenge, respelledBearerRefused, upperCaseHeaderNamesRefused];
export const CREDENTIAL_EXCHANGE_MUTATIONS: readonly ExchangeMutation[] = [existenceRevealedWithoutCredentials, existenceRevealedUnderOtherZone];
