/**
 * Near-miss credentials: the configured ones changed by one small edit, so a server that
 * compares a token on a prefix, ignores the email, or folds case is caught. They are derived
 * here, inside the HTTP layer, from the configured values and never leave it as values: the
 * evidence shows a placeholder with the edit described (`$CLOUDFLARE_API_TOKEN(last character
 * changed)`), and redaction knows every derived value (a server may echo one back).
 */
import { createHash } from "node:crypto";
import { CREDENTIAL_ENV_VARS } from "./credential-env.ts";
import type { CredentialField, Credentials, CredentialScheme } from "./credentials.ts";

/**
 * How an edit of the configured credentials must be answered:
 * - `near-miss`: a wrong credential close to the right one: refused;
 * - `misplaced`: the right credential in the wrong header or form: refused;
 * - `spelling`: the right credential written another way HTTP allows (scheme name case, spaces): accepted.
 */
export type EditKind = "near-miss" | "misplaced" | "spelling";

/** The edits, each named after what it changes. */
export const NEAR_MISSES = {
  "key-wrong": { scheme: "key", kind: "near-miss", describe: "the right X-Auth-Email with a wrong, well-formed X-Auth-Key" },
  "email-wrong": { scheme: "key", kind: "near-miss", describe: "a wrong, well-formed X-Auth-Email with the right X-Auth-Key" },
  "key-digit-changed": { scheme: "key", kind: "near-miss", describe: "the right X-Auth-Email with X-Auth-Key one hex digit changed" },
  "key-char-dropped": { scheme: "key", kind: "near-miss", describe: "the right X-Auth-Email with X-Auth-Key's last character dropped" },
  "key-char-added": { scheme: "key", kind: "near-miss", describe: "the right X-Auth-Email with one character added to X-Auth-Key" },
  "token-last-changed": { scheme: "token", kind: "near-miss", describe: "the API token with its last character changed" },
  "token-char-dropped": { scheme: "token", kind: "near-miss", describe: "the API token with its last character dropped" },
  "token-char-added": { scheme: "token", kind: "near-miss", describe: "the API token with one character added" },
  "token-case-flipped": { scheme: "token", kind: "near-miss", describe: "the API token with the case of its letters flipped" },
  "token-without-scheme": { scheme: "token", kind: "misplaced", describe: "the API token as the whole Authorization value, without Bearer" },
  "token-other-scheme": { scheme: "token", kind: "misplaced", describe: "the API token under another scheme name (Authorization: Token ...)" },
  "token-as-key": { scheme: "token", kind: "misplaced", describe: "the API token as X-Auth-Key, beside an X-Auth-Email" },
  "key-as-bearer": { scheme: "key", kind: "misplaced", describe: "the API key as a bearer token (Authorization: Bearer <key>)" },
  "bearer-lower-case": { scheme: "token", kind: "spelling", describe: "the API token with the scheme name in lower case (bearer)" },
  "bearer-upper-case": { scheme: "token", kind: "spelling", describe: "the API token with the scheme name in upper case (BEARER)" },
  "bearer-two-spaces": { scheme: "token", kind: "spelling", describe: "the API token after two spaces (Bearer  <token>)" },
} as const satisfies Record<string, { scheme: CredentialScheme; kind: EditKind; describe: string }>;

/** An edit of the configured credentials (of any kind: see EditKind). */
export type NearMiss = keyof typeof NEAR_MISSES;

/** A value the client sends that reveals a configured secret (a near miss of it), and what evidence shows instead. */
export interface DerivedSecret {
  value: string;
  placeholder: string;
}

/** A character other than `c`, of the same kind (digit for digit, letter for letter, else "x"/"y"). */
function otherThan(c: string): string {
  if (/[0-9]/.test(c)) return c === "0" ? "1" : "0";
  if (/[a-f]/.test(c)) return c === "a" ? "b" : "a";
  if (/[A-Za-z]/.test(c)) return c === "x" ? "y" : "x";
  return c === "x" ? "y" : "x";
}

const flipCase = (s: string) => s.replace(/[A-Za-z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));

/**
 * A made-up, well-formed value (Cloudflare's 37-digit key, an email at example.invalid), the same
 * whatever is configured, so a replay that sends placeholders sends what was recorded; never the configured one.
 */
function madeUp(kind: "key" | "email", configured: string): string {
  const hex = createHash("sha256").update(`near-miss:${kind}`).digest("hex");
  const value = kind === "email" ? `near-miss-${hex.slice(0, 10)}@example.invalid` : hex.slice(0, 37);
  return value === configured ? otherThan(value[0]!) + value.slice(1) : value;
}

/** The last hex digit of `key` changed (or its last character, if it has no hex digit). */
function keyDigitChanged(key: string): string {
  const i = Math.max(key.search(/[0-9a-fA-F][^0-9a-fA-F]*$/), key.length - 1);
  return key.slice(0, i) + otherThan(key[i]!.toLowerCase()) + key.slice(i + 1);
}

/** Shorter derived values are not looked for (they would match ordinary text); real tokens and keys are 37 to 40 characters. */
const MIN_DERIVED_LENGTH = 8;

const placeholder = (field: CredentialField, edit: string) => `$${CREDENTIAL_ENV_VARS[field]}(${edit})`;

/** What a near miss sends, or undefined when the credentials it edits are not configured (or it would not differ). */
export function nearMissHeaders(nearMiss: NearMiss, credentials: Credentials): Record<string, string> | undefined {
  const { token, email, apiKey } = credentials;
  switch (nearMiss) {
    case "key-wrong": return email && apiKey ? { "x-auth-email": email, "x-auth-key": madeUp("key", apiKey) } : undefined;
    case "email-wrong": return email && apiKey ? { "x-auth-email": madeUp("email", email), "x-auth-key": apiKey } : undefined;
    case "key-digit-changed": return email && apiKey ? { "x-auth-email": email, "x-auth-key": keyDigitChanged(apiKey) } : undefined;
    case "token-last-changed": return token ? { authorization: `Bearer ${token.slice(0, -1)}${otherThan(token.slice(-1))}` } : undefined;
    case "token-char-dropped": return token && token.length > 1 ? { authorization: `Bearer ${token.slice(0, -1)}` } : undefined;
    case "token-char-added": return token ? { authorization: `Bearer ${token}${otherThan(token.slice(-1))}` } : undefined;
    case "token-case-flipped": return token && /[A-Za-z]/.test(token) ? { authorization: `Bearer ${flipCase(token)}` } : undefined;
    case "key-char-dropped": return email && apiKey && apiKey.length > 1 ? { "x-auth-email": email, "x-auth-key": apiKey.slice(0, -1) } : undefined;
    case "key-char-added": return email && apiKey ? { "x-auth-email": email, "x-auth-key": `${apiKey}${otherThan(apiKey.slice(-1))}` } : undefined;
    case "token-without-scheme": return token ? { authorization: token } : undefined;
    case "token-other-scheme": return token ? { authorization: `Token ${token}` } : undefined;
    // The configured email where there is one (the server must not take a token for a key), else a made-up one.
    case "token-as-key": return token ? { "x-auth-email": email ?? madeUp("email", ""), "x-auth-key": token } : undefined;
    case "key-as-bearer": return email && apiKey ? { authorization: `Bearer ${apiKey}` } : undefined;
    case "bearer-lower-case": return token ? { authorization: `bearer ${token}` } : undefined;
    case "bearer-upper-case": return token ? { authorization: `BEARER ${token}` } : undefined;
    case "bearer-two-spaces": return token ? { authorization: `Bearer  ${token}` } : undefined;
  }
}

/** The near misses `credentials` allow (those of a scheme that is configured, and that differ from it). */
export function applicableNearMisses(credentials: Credentials): NearMiss[] {
  return (Object.keys(NEAR_MISSES) as NearMiss[]).filter((n) => nearMissHeaders(n, credentials) !== undefined);
}

/**
 * Every near-miss value that reveals a configured secret, with the placeholder evidence shows
 * for it. (The made-up key and email of `key-wrong` / `email-wrong` reveal nothing: they may be shown.)
 */
export function derivedSecrets(credentials: Credentials): DerivedSecret[] {
  const { token, apiKey } = credentials;
  const out: DerivedSecret[] = [];
  if (apiKey) {
    out.push({ value: keyDigitChanged(apiKey), placeholder: placeholder("apiKey", "one hex digit changed") });
    if (apiKey.length > 1) out.push({ value: apiKey.slice(0, -1), placeholder: placeholder("apiKey", "last character dropped") });
    out.push({ value: `${apiKey}${otherThan(apiKey.slice(-1))}`, placeholder: placeholder("apiKey", "one character added") });
  }
  if (token) {
    out.push({ value: `${token.slice(0, -1)}${otherThan(token.slice(-1))}`, placeholder: placeholder("token", "last character changed") });
    if (token.length > 1) out.push({ value: token.slice(0, -1), placeholder: placeholder("token", "last character dropped") });
    out.push({ value: `${token}${otherThan(token.slice(-1))}`, placeholder: placeholder("token", "one character added") });
    if (/[A-Za-z]/.test(token)) out.push({ value: flipCase(token), placeholder: placeholder("token", "case flipped") });
  }
  // Only values that differ from the secrets themselves, and long enough to find in text without false hits.
  return out.filter((d) => d.value !== token && d.value !== apiKey && d.value.length >= MIN_DERIVED_LENGTH);
}
