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
  statement: "A well-formed but wrong X-Auth-Key, or an unknown X-Auth-Email, is refused with a 4xx failure envelope and no certificate data (also one beside the right key or email).",
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

export const AUTH_REQUIREMENTS = [AUTH_MISSING_REFUSED, AUTH_KEY_WRONG_REFUSED, AUTH_EMAIL_WITHOUT_KEY_REFUSED, AUTH_MALFORMED_REFUSED, AUTH_TOKEN_WRONG_REFUSED, AUTH_TOKEN_NEAR_MISS_REFUSED, AUTH_KEY_ACCEPTED, AUTH_TOKEN_ACCEPTED, AUTH_REFUSAL_STATUS];
