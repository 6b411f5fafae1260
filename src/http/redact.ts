/**
 * Keeping credentials out of every piece of evidence (exchanges, curl lines, reports, logs).
 *
 * Two layers: configured secrets are replaced by `$CLOUDFLARE_*` placeholders wherever they appear,
 * in whatever encoding (a server that echoes a credential back must not put it in a report), and credential-bearing
 * request headers whose value is anything else are replaced by `<redacted>` unless the caller
 * declared them public test values.
 */
import { CREDENTIAL_ENV_VARS, type CredentialField, type Credentials } from "./credentials.ts";
import { replaceSecretForms } from "./secret-forms.ts";

/** The placeholder each configured credential becomes, e.g. `$CLOUDFLARE_API_TOKEN`. */
export const CREDENTIAL_PLACEHOLDERS = {
  token: `$${CREDENTIAL_ENV_VARS.token}`,
  email: `$${CREDENTIAL_ENV_VARS.email}`,
  apiKey: `$${CREDENTIAL_ENV_VARS.apiKey}`,
} as const satisfies Record<CredentialField, string>;

/** What a credential-bearing header value that is not a configured credential becomes. */
export const REDACTED = "<redacted>";

/** Request headers that carry credentials (lower case). */
export const CREDENTIAL_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "x-auth-key",
  "x-auth-email",
  "x-auth-user-service-key",
  "cookie",
  "proxy-authorization",
]);

/** Response headers whose whole value is dropped from the evidence (lower case). */
export const REDACTED_RESPONSE_HEADERS: ReadonlySet<string> = new Set(["set-cookie"]);

/**
 * `text` with every configured credential replaced by its `$CLOUDFLARE_*` placeholder, in every
 * form a target can echo it in: as is, any letter case, percent-encoded, JSON/`\u`-escaped (or a
 * mix), base64 and base64url (also of `email:key`); see secret-forms.ts. The client applies it to
 * everything it keeps (URL, header names and values, body text, error messages), so a check that
 * parses a body and quotes a value finds nothing left to leak.
 */
export function redactText(text: string, credentials: Credentials): string {
  return replaceSecretForms(text, credentials);
}

// A placeholder, optionally with the near miss it stands for: `$CLOUDFLARE_API_TOKEN(last character changed)`.
const PLACEHOLDER_PATTERN = new RegExp(
  `(?:${Object.values(CREDENTIAL_PLACEHOLDERS)
    .map((p) => p.replace(/\$/g, "\\$"))
    .join("|")})(?:\\([a-z ]+\\))?`,
  "g",
);

/**
 * True when `value` (after `redactText`) is nothing but placeholders, optionally after an
 * authentication scheme name and spaces (`Bearer `, `bearer  `, `Token `: what the respelled and
 * misplaced credential probes send), so the evidence says which form was sent and nothing more.
 */
function isOnlyPlaceholders(value: string, name: string): boolean {
  const rest = value.replace(PLACEHOLDER_PATTERN, "");
  return rest !== value && (rest === "" || rest === "Bearer " || (name === "authorization" && /^(?:bearer|token) +$/i.test(rest)));
}

/** How `redactRequestHeaders` treats credential headers that are not configured credentials. */
export interface RequestHeaderRedactionOptions {
  /**
   * The caller made these values up for the test (e.g. a wrong token) and they may be shown:
   * they are kept, with configured secrets inside them still replaced by placeholders.
   */
  publicValues?: boolean;
}

/**
 * The request headers as evidence: configured credentials become placeholders everywhere; a
 * credential header (`authorization`, `x-auth-key`, `x-auth-email`, `cookie`...) whose value is
 * not made only of configured credentials becomes `<redacted>` unless `publicValues`.
 */
export function redactRequestHeaders(
  headers: Record<string, string>,
  credentials: Credentials,
  options: RequestHeaderRedactionOptions = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    const redacted = redactText(value, credentials);
    const keep = !CREDENTIAL_REQUEST_HEADERS.has(name) || options.publicValues || isOnlyPlaceholders(redacted, name);
    out[name] = keep ? redacted : REDACTED;
  }
  return out;
}

/**
 * The response headers as evidence: `set-cookie` dropped to `<redacted>`, echoed secrets replaced
 * in values and in names (a target chooses its header names too).
 */
export function redactResponseHeaders(
  headers: Record<string, string>,
  credentials: Credentials,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = redactText(rawName.toLowerCase(), credentials);
    const kept = REDACTED_RESPONSE_HEADERS.has(name) ? REDACTED : redactText(value, credentials);
    out[name] = name in out ? `${out[name]}, ${kept}` : kept;
  }
  return out;
}
