/**
 * The credentials the suite was given, and how a request chooses among them.
 *
 * Values are kept exactly as configured (no trimming): what the user set is what gets sent.
 */
import { CREDENTIAL_ENV_VARS } from "./credential-env.ts";
import { NEAR_MISSES, nearMissHeaders, type NearMiss } from "./near-miss.ts";

export { CREDENTIAL_ENV_VARS };

/** The three credential values a run may be configured with. */
export type CredentialField = "token" | "email" | "apiKey";

/** The credentials a run has. An empty string counts as "not configured". */
export interface Credentials {
  /** API token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Account email, sent as `X-Auth-Email` together with `apiKey`. */
  email?: string;
  /** Global API key, sent as `X-Auth-Key` together with `email`. */
  apiKey?: string;
  /**
   * Other secrets the run holds (the values of `--header`, a proxy's password), redacted like the
   * credentials wherever they appear, each replaced by its own placeholder.
   */
  extraSecrets?: readonly { placeholder: string; value: string }[];
}

/** A credential scheme the API accepts: API token, or email + global API key. */
export type CredentialScheme = "token" | "key";

/**
 * Which credentials one request carries:
 * - `"token"`: `Authorization: Bearer $CLOUDFLARE_API_TOKEN`;
 * - `"key"`: `X-Auth-Email` + `X-Auth-Key`;
 * - `"none"`: no credential header at all;
 * - `{ headers }`: exactly these headers, for deliberately wrong or malformed credentials the suite
 *   makes up (their values are redacted in the evidence unless the request says they are public:
 *   see `GetOptions.publicHeaderValues`);
 * - `{ nearMiss }`: the configured credentials with one small edit (near-miss.ts), derived here so
 *   that no caller ever holds the value; the evidence shows a placeholder with the edit described.
 */
export type AuthChoice = CredentialScheme | "none" | { headers: Record<string, string> } | { nearMiss: NearMiss };

/** Asking for a credential scheme that is not configured: says which variables to set. */
export class MissingCredentialsError extends Error {
  constructor(
    readonly scheme: CredentialScheme,
    readonly missing: readonly string[],
  ) {
    const what = scheme === "token" ? "API token" : "email + API key";
    super(
      `the ${what} credential scheme was requested but is not configured: set ${missing.join(" and ")}`,
    );
    this.name = "MissingCredentialsError";
  }
}

/** Reads the credentials from an environment (normally `process.env`); unset or empty values are absent. */
export function credentialsFromEnv(env: Record<string, string | undefined>): Credentials {
  const credentials: Credentials = {};
  for (const field of Object.keys(CREDENTIAL_ENV_VARS) as (CredentialField)[]) {
    const value = env[CREDENTIAL_ENV_VARS[field]];
    if (value) credentials[field] = value;
  }
  return credentials;
}

/** The schemes `credentials` can authenticate with, token first (both are exercised when both exist). */
export function configuredSchemes(credentials: Credentials): CredentialScheme[] {
  const schemes: CredentialScheme[] = [];
  if (credentials.token) schemes.push("token");
  if (credentials.email && credentials.apiKey) schemes.push("key");
  return schemes;
}

/**
 * The headers (names lower-cased) that carry `choice`.
 * @throws MissingCredentialsError when `choice` names a scheme `credentials` does not have.
 */
export function authHeadersFor(choice: AuthChoice, credentials: Credentials): Record<string, string> {
  if (choice === "none") return {};
  if (choice === "token") {
    if (!credentials.token) throw new MissingCredentialsError("token", [CREDENTIAL_ENV_VARS.token]);
    return { authorization: `Bearer ${credentials.token}` };
  }
  if (choice === "key") {
    const missing: string[] = [];
    if (!credentials.email) missing.push(CREDENTIAL_ENV_VARS.email);
    if (!credentials.apiKey) missing.push(CREDENTIAL_ENV_VARS.apiKey);
    if (missing.length > 0) throw new MissingCredentialsError("key", missing);
    return { "x-auth-email": credentials.email!, "x-auth-key": credentials.apiKey! };
  }
  if ("nearMiss" in choice) {
    const headers = nearMissHeaders(choice.nearMiss, credentials);
    if (!headers) throw new MissingCredentialsError(NEAR_MISSES[choice.nearMiss].scheme, NEAR_MISSES[choice.nearMiss].scheme === "token" ? [CREDENTIAL_ENV_VARS.token] : [CREDENTIAL_ENV_VARS.email, CREDENTIAL_ENV_VARS.apiKey]);
    return headers;
  }
  return lowerCaseNames(choice.headers);
}

/** Copies `headers` with lower-cased names; a later duplicate (by case-insensitive name) wins. */
export function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
