import type { IncomingHttpHeaders } from "node:http";
import { bearerToken, CREDENTIAL_FORMATS } from "./credential-formats.ts";
import { ERRORS, type ErrorItem } from "./envelopes.ts";
import type { ReferenceCredentials } from "./config.ts";

/** The credential headers of one request, as sent (a header sent twice reads as Node joins it). */
export interface PresentedCredentials {
  authorization?: string;
  email?: string;
  key?: string;
}

export type AuthScheme = "token" | "key";

/** Why a request was refused; faults key on it (e.g. "any-key-accepted" turns "wrong-key" into an acceptance). */
export type RefusalCategory =
  | "missing"            // no credential header: 400 9106
  | "malformed"          // a header outside its format: 400 6003 + 6102/6103/6111
  | "email-without-key"  // X-Auth-Email and no X-Auth-Key: 400 6003 + 6103
  | "key-without-email"  // X-Auth-Key and no X-Auth-Email: 400 6003 + 6102
  | "wrong-key"          // well-formed email and key, no such account: 403 9103
  | "wrong-token"        // well-formed token that is not valid: 403 9109
  | "scheme-refused";    // only ever made by a fault: good credentials refused

export type AuthDecision =
  | { accepted: true; scheme: AuthScheme | "none"; presented: PresentedCredentials }
  | { accepted: false; category: RefusalCategory; status: number; error: ErrorItem; presented: PresentedCredentials };

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

export function presentedCredentials(headers: IncomingHttpHeaders): PresentedCredentials {
  const out: PresentedCredentials = {};
  const authorization = single(headers.authorization);
  const email = single(headers["x-auth-email"]);
  const key = single(headers["x-auth-key"]);
  if (authorization !== undefined) out.authorization = authorization;
  if (email !== undefined) out.email = email;
  if (key !== undefined) out.key = key;
  return out;
}

const refuse = (category: RefusalCategory, status: number, error: ErrorItem, presented: PresentedCredentials): AuthDecision =>
  ({ accepted: false, category, status, error, presented });

/**
 * Cloudflare's credential check. An Authorization header selects the token scheme (any
 * X-Auth-* headers beside it are ignored); otherwise X-Auth-Email and X-Auth-Key must
 * both be present and well-formed, then match. A header that is present but empty is
 * malformed; one that is absent is missing.
 */
export function authenticate(presented: PresentedCredentials, configured: Required<ReferenceCredentials>): AuthDecision {
  const { authorization, email, key } = presented;
  if (authorization !== undefined) {
    const token = bearerToken(authorization);
    if (token === undefined) return refuse("malformed", 400, ERRORS.invalidHeaders([ERRORS.invalidAuthorizationFormat()]), presented);
    if (token !== configured.token) return refuse("wrong-token", 403, ERRORS.invalidToken(), presented);
    return { accepted: true, scheme: "token", presented };
  }
  if (email === undefined && key === undefined) return refuse("missing", 400, ERRORS.missingCredentials(), presented);
  if (key === undefined) {
    return CREDENTIAL_FORMATS.email.test(email!)
      ? refuse("email-without-key", 400, ERRORS.invalidHeaders([ERRORS.invalidKeyFormat()]), presented)
      : refuse("malformed", 400, ERRORS.invalidHeaders([ERRORS.invalidEmailFormat(), ERRORS.invalidKeyFormat()]), presented);
  }
  if (email === undefined) {
    return CREDENTIAL_FORMATS.apiKey.test(key)
      ? refuse("key-without-email", 400, ERRORS.invalidHeaders([ERRORS.invalidEmailFormat()]), presented)
      : refuse("malformed", 400, ERRORS.invalidHeaders([ERRORS.invalidEmailFormat(), ERRORS.invalidKeyFormat()]), presented);
  }
  const chain: ErrorItem[] = [];
  if (!CREDENTIAL_FORMATS.email.test(email)) chain.push(ERRORS.invalidEmailFormat());
  if (!CREDENTIAL_FORMATS.apiKey.test(key)) chain.push(ERRORS.invalidKeyFormat());
  if (chain.length > 0) return refuse("malformed", 400, ERRORS.invalidHeaders(chain), presented);
  if (email.toLowerCase() !== configured.email.toLowerCase() || key !== configured.apiKey) {
    return refuse("wrong-key", 403, ERRORS.unknownKey(), presented);
  }
  return { accepted: true, scheme: "key", presented };
}
