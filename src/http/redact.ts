/**
 * Keeping credentials out of every piece of evidence (exchanges, curl lines, reports, logs).
 *
 * Two layers: configured secrets are replaced by `$CLOUDFLARE_*` placeholders wherever they appear
 * (a server that echoes a credential back must not put it in a report), and credential-bearing
 * request headers whose value is anything else are replaced by `<redacted>` unless the caller
 * declared them public test values.
 */
import { CREDENTIAL_ENV_VARS, type Credentials } from "./credentials.ts";
import { derivedSecrets } from "./near-miss.ts";

/** The placeholder each configured credential becomes, e.g. `$CLOUDFLARE_API_TOKEN`. */
export const CREDENTIAL_PLACEHOLDERS = {
  token: `$${CREDENTIAL_ENV_VARS.token}`,
  email: `$${CREDENTIAL_ENV_VARS.email}`,
  apiKey: `$${CREDENTIAL_ENV_VARS.apiKey}`,
} as const satisfies Record<keyof Credentials, string>;

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

interface SecretMatcher {
  pattern: RegExp;
  /** A form exactly as found (a case-flipped token is its own near miss, not the token). */
  exactPlaceholderFor: Map<string, string>;
  /** Any letter case of a form. */
  placeholderFor: Map<string, string>;
}

// One matcher per credentials object: redaction runs on every exchange.
const matcherCache = new WeakMap<Credentials, SecretMatcher | null>();

function matcherFor(credentials: Credentials): SecretMatcher | null {
  const cached = matcherCache.get(credentials);
  if (cached !== undefined) return cached;
  const placeholderFor = new Map<string, string>();
  const exactPlaceholderFor = new Map<string, string>();
  const secrets = [
    ...(Object.keys(CREDENTIAL_PLACEHOLDERS) as (keyof Credentials)[]).filter((f) => credentials[f]).map((f) => ({ value: credentials[f]!, placeholder: CREDENTIAL_PLACEHOLDERS[f] })),
    // The near misses the client derives from them: a server may echo those back too.
    ...derivedSecrets(credentials),
  ];
  for (const { value, placeholder } of secrets) {
    // The forms an echo is likely to take: as is, URL-encoded, JSON-escaped.
    const forms = [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
    for (const form of forms) {
      exactPlaceholderFor.set(form, placeholder);
      if (!placeholderFor.has(form.toLowerCase())) placeholderFor.set(form.toLowerCase(), placeholder);
    }
  }
  if (placeholderFor.size === 0) {
    matcherCache.set(credentials, null);
    return null;
  }
  // Longest first so a secret containing another is replaced whole; one pass, so an inserted
  // placeholder is never scanned again; case-insensitive because over-redacting costs nothing.
  const alternatives = [...placeholderFor.keys()]
    .sort((a, b) => b.length - a.length)
    .map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const matcher = { pattern: new RegExp(alternatives.join("|"), "gi"), exactPlaceholderFor, placeholderFor };
  matcherCache.set(credentials, matcher);
  return matcher;
}

/**
 * `text` with every configured credential (as is, URL-encoded or JSON-escaped; any letter case)
 * replaced by its `$CLOUDFLARE_*` placeholder. Use it on anything written to a log or report.
 */
export function redactText(text: string, credentials: Credentials): string {
  const matcher = matcherFor(credentials);
  if (!matcher) return text;
  return text.replace(matcher.pattern, (found) => matcher.exactPlaceholderFor.get(found) ?? matcher.placeholderFor.get(found.toLowerCase()) ?? found);
}

// A placeholder, optionally with the near miss it stands for: `$CLOUDFLARE_API_TOKEN(last character changed)`.
const PLACEHOLDER_PATTERN = new RegExp(
  `(?:${Object.values(CREDENTIAL_PLACEHOLDERS)
    .map((p) => p.replace(/\$/g, "\\$"))
    .join("|")})(?:\\([a-z ]+\\))?`,
  "g",
);

/** True when `value` (after `redactText`) is nothing but placeholders, optionally after `Bearer `. */
function isOnlyPlaceholders(value: string): boolean {
  const rest = value.replace(PLACEHOLDER_PATTERN, "");
  return rest !== value && (rest === "" || rest === "Bearer ");
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
    const keep = !CREDENTIAL_REQUEST_HEADERS.has(name) || options.publicValues || isOnlyPlaceholders(redacted);
    out[name] = keep ? redacted : REDACTED;
  }
  return out;
}

/** The response headers as evidence: `set-cookie` dropped to `<redacted>`, echoed secrets replaced. */
export function redactResponseHeaders(
  headers: Record<string, string>,
  credentials: Credentials,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    out[name] = REDACTED_RESPONSE_HEADERS.has(name) ? REDACTED : redactText(value, credentials);
  }
  return out;
}
