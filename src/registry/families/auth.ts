import { requirement } from "../define.ts";
import { RESPONSE_4XX, SECURITY, SECURITY_SCHEMES, securityOf, securityScheme } from "../pointers.ts";
import type { DerivedLevel } from "../types.ts";

/** Levels the operation's security decides (written once: a document that lists the token makes its requirements must). */
const KEY_DECLARED: DerivedLevel = { declaredBy: "key", declared: "must", otherwise: "should" };
const TOKEN_DECLARED: DerivedLevel = { declaredBy: "token", declared: "must", otherwise: "should" };
const ANY_DECLARED: DerivedLevel = { declaredBy: "any", declared: "must", otherwise: "may" };

export const AUTH_MISSING_REFUSED = requirement({
  id: "AUTH-MISSING-REFUSED", level: ANY_DECLARED, place: SECURITY,
  statement: "A request with no credentials is refused with a 4xx failure envelope and no certificate data.",
  reason: "The operation's security requires credentials (must wherever it lists a scheme).",
});
export const AUTH_KEY_WRONG_REFUSED = requirement({
  id: "AUTH-KEY-WRONG-REFUSED", level: KEY_DECLARED, place: securityOf("key", "key"),
  statement: "A well-formed but wrong X-Auth-Key, or an unknown X-Auth-Email, is refused with a 4xx failure envelope and no certificate data (also one beside the right key or email, and the right key with a character changed, dropped or added).",
  reason: "The operation's security requires a valid api_email and api_key pair (must where it lists them; should where only Cloudflare's documentation does).",
});
export const AUTH_EMAIL_WITHOUT_KEY_REFUSED = requirement({
  id: "AUTH-EMAIL-WITHOUT-KEY-REFUSED", level: KEY_DECLARED, place: securityOf("key"),
  statement: "X-Auth-Email without X-Auth-Key is refused with a 4xx failure envelope and no certificate data.",
  reason: "The security requirement names api_email and api_key together (both apply).",
});
export const AUTH_MALFORMED_REFUSED = requirement({
  id: "AUTH-MALFORMED-REFUSED", level: "must", place: SECURITY_SCHEMES,
  statement: "Malformed credential headers (bad email, key or bearer syntax) are refused with a 4xx failure envelope and no certificate data.",
  reason: "The security schemes define the headers; a value that cannot be a credential authenticates no one.",
});
export const AUTH_TOKEN_WRONG_REFUSED = requirement({
  id: "AUTH-TOKEN-WRONG-REFUSED", level: TOKEN_DECLARED, place: securityOf("token"),
  statement: "A well-formed but wrong bearer token is refused with a 4xx failure envelope and no certificate data.",
  reason: "The token scheme is Cloudflare's documented alternative: must where the operation's security lists api_token, should where it is only declared among the schemes (the seed).",
});
export const AUTH_KEY_ACCEPTED = requirement({
  id: "AUTH-KEY-ACCEPTED", level: KEY_DECLARED, place: securityOf("key"),
  statement: "Good X-Auth-Email and X-Auth-Key values read the certificate (200).",
  reason: "The operation's security declares this scheme (must where it does, should where only Cloudflare's documentation does).",
});
export const AUTH_TOKEN_ACCEPTED = requirement({
  id: "AUTH-TOKEN-ACCEPTED", level: TOKEN_DECLARED, place: securityOf("token"),
  statement: "A good bearer token with #ssl:read reads the certificate (200).",
  reason: "The token scheme is Cloudflare's documented alternative: must where the operation's security lists api_token, should where it does not (the seed).",
});
export const AUTH_REFUSAL_STATUS = requirement({
  id: "AUTH-REFUSAL-STATUS", level: "should", place: RESPONSE_4XX,
  statement: "A credential refusal is answered 400, 401 or 403.",
  reason: "The document says only 4xx; Cloudflare's published refusals use these three.",
});

export const AUTH_TOKEN_NEAR_MISS_REFUSED = requirement({
  id: "AUTH-TOKEN-NEAR-MISS-REFUSED", level: ANY_DECLARED, place: securityScheme("token"),
  statement: "The configured API token with one character changed, dropped or added, or its letters' case flipped, is refused with a 4xx failure envelope and no certificate data.",
  reason: "Whichever schemes the operation's security lists, it requires a valid credential: a server that takes the configured token must compare it whole, or a near miss (a prefix, another case) reads the certificate with none.",
});

export const AUTH_401_CHALLENGE = requirement({
  id: "AUTH-401-CHALLENGE", level: "must", place: RESPONSE_4XX,
  statement: "A 401 answer carries a WWW-Authenticate field with at least one challenge.",
  reason: "RFC 9110 §11.6.1 and §15.5.2: a server generating a 401 MUST send WWW-Authenticate with at least one challenge.",
});
export const AUTH_SYNTAX_ACCEPTED = requirement({
  id: "AUTH-SYNTAX-ACCEPTED", level: TOKEN_DECLARED, place: SECURITY_SCHEMES,
  statement: "Good credentials are accepted however HTTP lets them be written: the Bearer scheme name in any letter case and followed by one or more spaces, the header names in any letter case.",
  reason: "RFC 9110 §11.1: the authentication scheme is a case-insensitive token; §11.4 and RFC 6750 §2.1: credentials = scheme 1*SP token; §5.1: field names are case-insensitive. A server that refuses these refuses good credentials. Its level is the token's: the respellings are mostly of the Bearer scheme.",
});
export const AUTH_MISPLACED_REFUSED = requirement({
  id: "AUTH-MISPLACED-REFUSED", level: ANY_DECLARED, place: SECURITY_SCHEMES,
  statement: "A good credential in the wrong place is refused with a 4xx failure envelope and no certificate data: the API token without the Bearer scheme, under another scheme name, or as X-Auth-Key; the API key as a bearer token.",
  reason: "Each security scheme names the header and form its credential travels in (Authorization: Bearer <token>; X-Auth-Email with X-Auth-Key); a value anywhere else authenticates no one.",
});
export const AUTH_EXISTENCE_HIDDEN = requirement({
  id: "AUTH-EXISTENCE-HIDDEN", level: "should", place: SECURITY,
  statement: "Without valid credentials, the answer (status and error codes) is the same whether the certificate exists or not.",
  reason: "OWASP API1:2023 and API2:2023: an unauthenticated client must learn nothing of the objects; RFC 9110 §15.5.5 lets a server hide a resource's existence. A should: the document does not state the order of its checks.",
});
export const AUTH_SECRET_NOT_ECHOED = requirement({
  id: "AUTH-SECRET-NOT-ECHOED", level: "must", place: SECURITY_SCHEMES,
  statement: "No answer carries the configured API token or API key, in any encoding (as is, in another case, percent-, JSON- or base64-encoded).",
  reason: "OWASP API2:2023 and API3:2023: a credential returned in an answer is exposed to every log and intermediary; no member or message of the operation carries one.",
});

export const AUTH_REQUIREMENTS = [AUTH_MISSING_REFUSED, AUTH_KEY_WRONG_REFUSED, AUTH_EMAIL_WITHOUT_KEY_REFUSED, AUTH_MALFORMED_REFUSED, AUTH_TOKEN_WRONG_REFUSED, AUTH_TOKEN_NEAR_MISS_REFUSED, AUTH_KEY_ACCEPTED, AUTH_TOKEN_ACCEPTED, AUTH_REFUSAL_STATUS, AUTH_401_CHALLENGE, AUTH_SYNTAX_ACCEPTED, AUTH_MISPLACED_REFUSED, AUTH_EXISTENCE_HIDDEN, AUTH_SECRET_NOT_ECHOED];
