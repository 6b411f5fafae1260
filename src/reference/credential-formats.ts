/**
 * The syntax of each credential header value, as the reference checks it before it
 * looks a credential up. A value outside its format is "malformed" (400, code 6003 with
 * an error_chain); a value inside it that matches no account is "wrong" (403).
 */
export interface CredentialFormat {
  test(value: string): boolean;
  /** For error messages and docs. */
  describe: string;
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** Cloudflare's global API keys are 37 lower-case hex digits; any lower-case hex key of 32 to 64 digits is well-formed here. */
const API_KEY = /^[0-9a-f]{32,64}$/;
/** RFC 6750 b64token (Cloudflare's API tokens are 40 characters of [A-Za-z0-9_-]). */
const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

export const CREDENTIAL_FORMATS = {
  email: { test: (v: string) => v.length <= 254 && EMAIL.test(v), describe: "an email address (local@domain.tld, at most 254 characters)" },
  apiKey: { test: (v: string) => API_KEY.test(v), describe: "32 to 64 lower-case hexadecimal digits (Cloudflare's global API keys have 37)" },
  token: { test: (v: string) => v.length <= 1024 && TOKEN.test(v), describe: "an RFC 6750 bearer token (letters, digits and -._~+/, then optional =), at most 1024 characters" },
} as const satisfies Record<string, CredentialFormat>;

/** `Bearer <token>`: the scheme name is case-insensitive (RFC 9110 §11.1), one or more spaces (§11.4, RFC 6750 §2.1: 1*SP), then the token. */
export function bearerToken(authorization: string): string | undefined {
  const match = /^bearer +([^ ]+)$/i.exec(authorization);
  return match && CREDENTIAL_FORMATS.token.test(match[1]) ? match[1] : undefined;
}
