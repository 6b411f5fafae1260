import { requirement } from "../define.ts";
import { RESPONSE_4XX, SECURITY, SECURITY_SCHEMES } from "../pointers.ts";

export const AUTH_MISSING_REFUSED = requirement({
  id: "AUTH-MISSING-REFUSED", level: "must", spec: SECURITY,
  statement: "A request with no credentials is refused with a 4xx failure envelope and no certificate data.",
  reason: "The operation's security requires api_email and api_key.",
});
export const AUTH_KEY_WRONG_REFUSED = requirement({
  id: "AUTH-KEY-WRONG-REFUSED", level: "must", spec: `${SECURITY}/0/api_key`,
  statement: "A well-formed but wrong X-Auth-Key, or an unknown X-Auth-Email, is refused with a 4xx failure envelope and no certificate data.",
  reason: "The operation's security requires a valid api_email and api_key pair.",
});
export const AUTH_EMAIL_WITHOUT_KEY_REFUSED = requirement({
  id: "AUTH-EMAIL-WITHOUT-KEY-REFUSED", level: "must", spec: `${SECURITY}/0`,
  statement: "X-Auth-Email without X-Auth-Key is refused with a 4xx failure envelope and no certificate data.",
  reason: "The security requirement names api_email and api_key together (both apply).",
});
export const AUTH_MALFORMED_REFUSED = requirement({
  id: "AUTH-MALFORMED-REFUSED", level: "must", spec: SECURITY_SCHEMES,
  statement: "Malformed credential headers (bad email, key or bearer syntax) are refused with a 4xx failure envelope and no certificate data.",
  reason: "The security schemes define the headers; a value that cannot be a credential authenticates no one.",
});
export const AUTH_TOKEN_WRONG_REFUSED = requirement({
  id: "AUTH-TOKEN-WRONG-REFUSED", level: "should", spec: `${SECURITY_SCHEMES}/api_token`,
  statement: "A well-formed but wrong bearer token is refused with a 4xx failure envelope and no certificate data.",
  reason: "The token scheme is Cloudflare's documented alternative, declared among the schemes but not in the operation's security.",
});
export const AUTH_KEY_ACCEPTED = requirement({
  id: "AUTH-KEY-ACCEPTED", level: "must", spec: `${SECURITY}/0`,
  statement: "Good X-Auth-Email and X-Auth-Key values read the certificate (200).",
  reason: "The operation's security declares this scheme.",
});
export const AUTH_TOKEN_ACCEPTED = requirement({
  id: "AUTH-TOKEN-ACCEPTED", level: "should", spec: `${SECURITY_SCHEMES}/api_token`,
  statement: "A good bearer token with #ssl:read reads the certificate (200).",
  reason: "The token scheme is Cloudflare's documented alternative, not in the operation's security.",
});
export const AUTH_REFUSAL_STATUS = requirement({
  id: "AUTH-REFUSAL-STATUS", level: "should", spec: RESPONSE_4XX,
  statement: "A credential refusal is answered 400, 401 or 403.",
  reason: "The document says only 4xx; Cloudflare's published refusals use these three.",
});

export const AUTH_REQUIREMENTS = [AUTH_MISSING_REFUSED, AUTH_KEY_WRONG_REFUSED, AUTH_EMAIL_WITHOUT_KEY_REFUSED, AUTH_MALFORMED_REFUSED, AUTH_TOKEN_WRONG_REFUSED, AUTH_KEY_ACCEPTED, AUTH_TOKEN_ACCEPTED, AUTH_REFUSAL_STATUS];
