/**
 * Finding a configured secret in text in every form a target can echo it back in: as is, in any
 * letter case, percent-encoded (also twice: `%2554`), JSON/`\u`-escaped (at any depth: `\\u0054`),
 * any mix of those character by character, and base64 or base64url of it, at any alignment inside a
 * longer base64 text (so `Basic base64(email:key)` and a token inside an encoded blob are found).
 *
 * How: the text is decoded once into a "view" (escapes and percent-encoding undone, ASCII lower
 * case) that remembers where each of its characters came from; each form of each secret is then a
 * plain substring search of the view, and a match maps back to the exact source range to replace.
 * A regular expression with every encoding of every character as alternatives does the same but
 * was measured at 2-4 s per 8 MiB body; this is a linear pass and a few `indexOf`s.
 *
 * The near misses the client derives from the secrets (near-miss.ts: the token with a character
 * changed, the key with a digit changed...) are secrets too: they reveal all but one character.
 * They become their own placeholders (`$CLOUDFLARE_API_TOKEN(case flipped)`); where one differs
 * from its secret only in letter case, the exact decoded text decides which it is.
 *
 * Limits, on purpose: percent-encoded non-ASCII characters are not decoded (credentials are
 * ASCII); base64 is only searched for when its stable part is at least MIN_BASE64_CORE characters
 * (a shorter one would match by chance inside certificates); nested base64, HTML entities and
 * other encodings are not undone.
 */
import { CREDENTIAL_ENV_VARS } from "./credential-env.ts";
import type { CredentialField, Credentials } from "./credentials.ts";
import { derivedSecrets } from "./near-miss.ts";

/** A secret the suite holds: each credential, `email:key` (what HTTP Basic would carry), and the other secrets of the run. */
export type SecretName = CredentialField | "emailAndKey" | "extra";

/** How a secret was found: as text (any case and escaping), or base64 / base64url of it. */
export type SecretFormKind = "text" | "base64" | "base64url";

export interface SecretFinding {
  secret: SecretName;
  form: SecretFormKind;
}

/** The placeholder each secret becomes, e.g. `$CLOUDFLARE_API_TOKEN`. */
export const SECRET_PLACEHOLDERS: Record<Exclude<SecretName, "extra">, string> = {
  token: `$${CREDENTIAL_ENV_VARS.token}`,
  email: `$${CREDENTIAL_ENV_VARS.email}`,
  apiKey: `$${CREDENTIAL_ENV_VARS.apiKey}`,
  emailAndKey: `$${CREDENTIAL_ENV_VARS.email}:$${CREDENTIAL_ENV_VARS.apiKey}`,
};

/** Base64 of a secret is only looked for when at least this many of its characters depend on nothing else. */
export const MIN_BASE64_CORE = 8;

interface Form {
  secret: SecretName;
  form: SecretFormKind;
  /** What to search the view for (lower case: the view is). */
  needle: string;
  placeholder: string;
  /** Text forms only: values that fold to the same needle (a token and its case-flipped near miss), told apart by the exact text. */
  variants?: { exact: string; placeholder: string }[];
}

const HEX = /^[0-9a-fA-F]+$/;
const isHexAt = (text: string, at: number, length: number) => at + length <= text.length && HEX.test(text.slice(at, at + length));

/** The text decoded (escapes, percent-encoding, ASCII case) and, for each view character, where it started in `text`. */
export interface DecodedView {
  view: string;
  /** `starts[k]` is the index in the source of view character k; `starts[view.length]` is the source's length. */
  starts: Int32Array;
}

/**
 * The character an escape or percent-encoding at `i` stands for, and where the text goes on after
 * it; `[-1, i]` when there is none at `i`.
 */
function decodeAt(text: string, i: number): [code: number, next: number] {
  const c = text.charCodeAt(i);
  if (c === 0x5c) {
    // A run of backslashes before an escape is the same escape, escaped again (JSON inside JSON).
    let j = i;
    while (j < text.length && text.charCodeAt(j) === 0x5c) j += 1;
    const next = text.charCodeAt(j);
    if (next === 0x75 && isHexAt(text, j + 1, 4)) return [parseInt(text.slice(j + 1, j + 5), 16), j + 5];
    if (next === 0x2f || next === 0x22 || next === 0x27) return [next, j + 1];
    return [0x5c, j];
  }
  if (c === 0x25 && isHexAt(text, i + 1, 2)) {
    // %XX, and %25XX (a percent-encoded percent) as many times over as it comes.
    let j = i + 1;
    while (text.startsWith("25", j) && isHexAt(text, j + 2, 2)) j += 2;
    return [parseInt(text.slice(j, j + 2), 16), j + 2];
  }
  return [-1, i];
}

/**
 * One linear pass: every escape or percent-encoding becomes the character it stands for, ASCII
 * letters lower case. With `decode` false, only the case is folded (decoding can swallow the start
 * of a raw secret: `%` before `aa...` reads as the byte 0xAA, so both views are searched).
 */
export function decodedView(text: string, decode = true): DecodedView {
  const n = text.length;
  const units = new Uint16Array(n);
  const starts = new Int32Array(n + 1);
  let v = 0;
  let i = 0;
  while (i < n) {
    const start = i;
    let [c, next] = decode ? decodeAt(text, i) : [-1, i];
    if (c === -1) {
      c = text.charCodeAt(i);
      next = i + 1;
    }
    i = next;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    units[v] = c;
    starts[v] = start;
    v += 1;
  }
  starts[v] = n;
  const view = Buffer.from(units.buffer, 0, v * 2).toString("utf16le");
  return { view, starts: starts.subarray(0, v + 1) };
}

/** The characters of base64 of `bytes` that depend only on `bytes`, when they start `offset` bytes into a longer text. */
function base64Core(bytes: Buffer, offset: number, alphabet: "base64" | "base64url"): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes, Buffer.alloc(3)]).toString(alphabet);
  return encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
}

const formCache = new WeakMap<Credentials, Form[]>();

/** Every form of every configured secret, longest first (a longer match wins an overlap). */
function formsOf(credentials: Credentials): Form[] {
  const cached = formCache.get(credentials);
  if (cached) return cached;
  const secrets: [SecretName, string, string][] = [];
  if (credentials.token) secrets.push(["token", credentials.token, SECRET_PLACEHOLDERS.token]);
  if (credentials.email) secrets.push(["email", credentials.email, SECRET_PLACEHOLDERS.email]);
  if (credentials.apiKey) secrets.push(["apiKey", credentials.apiKey, SECRET_PLACEHOLDERS.apiKey]);
  if (credentials.email && credentials.apiKey) secrets.push(["emailAndKey", `${credentials.email}:${credentials.apiKey}`, SECRET_PLACEHOLDERS.emailAndKey]);
  for (const extra of credentials.extraSecrets ?? []) if (extra.value.length >= 4) secrets.push(["extra", extra.value, extra.placeholder]);
  // After the secrets, so that where a near miss folds to a secret's needle the secret's placeholder is the default.
  for (const d of derivedSecrets(credentials)) secrets.push([d.placeholder.includes("API_KEY") ? "apiKey" : "token", d.value, d.placeholder]);
  const forms: Form[] = [];
  const textForms = new Map<string, Form>();
  for (const [secret, value, placeholder] of secrets) {
    // The value as the view would show it (decoding its own escapes too, so a secret with `%41` in it is still found).
    const needle = decodedView(value).view;
    const same = textForms.get(needle);
    if (same) same.variants!.push({ exact: decodedText(value), placeholder });
    else {
      const form: Form = { secret, form: "text", needle, placeholder, variants: [{ exact: decodedText(value), placeholder }] };
      textForms.set(needle, form);
      forms.push(form);
    }
    const bytes = Buffer.from(value, "utf8");
    for (const alphabet of ["base64", "base64url"] as const) {
      const needles = new Set([bytes.toString(alphabet), ...[0, 1, 2].map((offset) => base64Core(bytes, offset, alphabet))]);
      for (const n of needles) {
        if (n.length >= MIN_BASE64_CORE) forms.push({ secret, form: alphabet, needle: n.toLowerCase(), placeholder });
      }
    }
  }
  const sorted = forms.filter((f) => f.needle.length > 0).sort((a, b) => b.needle.length - a.needle.length);
  formCache.set(credentials, sorted);
  return sorted;
}

/** A found occurrence: the source range it covers and what it was. */
interface Match {
  from: number;
  to: number;
  form: Form;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ESCAPE_OR_PERCENT = /[\\%]/;

/** `text` with its escapes and percent-encodings undone, as one string (the decoded view, without its index map). */
function decodedText(text: string): string {
  const parts: string[] = [];
  let run = 0;
  const escapes = /[\\%]/g;
  for (let found = escapes.exec(text); found; found = escapes.exec(text)) {
    const [code, next] = decodeAt(text, found.index);
    if (code === -1) continue;
    parts.push(text.slice(run, found.index), String.fromCharCode(code));
    run = next;
    escapes.lastIndex = next;
  }
  parts.push(text.slice(run));
  return parts.join("");
}

/**
 * Whether any form can be in `text` at all, judged on plain strings (no index map, no typed
 * arrays): most texts hold no secret, and building the mapped views for every body of a run was
 * measured to cost tens of MB of garbage, and a tenth of a run's time. `toLowerCase` folds ASCII
 * as the view does and only adds characters elsewhere (`K` to `k`), so an ASCII needle found in
 * the view is found here too; a secret with non-ASCII characters takes the exact path.
 */
function mayContain(text: string, forms: Form[]): boolean {
  if (!ASCII_ONLY.test(text) && !forms.every((f) => ASCII_ONLY.test(f.needle))) return true;
  // An ASCII needle longer than the text is in no view of it: decoding only shortens the text, and
  // lower-casing makes at most one ASCII character of each (İ becomes i and a combining dot). Most
  // texts are short header values, and the longest forms come first.
  let first = 0;
  while (first < forms.length && forms[first]!.needle.length > text.length) first++;
  if (first === forms.length) return false;
  const views = [text.toLowerCase()];
  if (ESCAPE_OR_PERCENT.test(text)) views.push(decodedText(text).toLowerCase());
  for (let i = first; i < forms.length; i++) for (const v of views) if (v.includes(forms[i]!.needle)) return true;
  return false;
}

/** Every non-overlapping occurrence of any form, in source order (longer forms claim first). */
function matchesIn(text: string, credentials: Credentials): Match[] {
  const forms = formsOf(credentials);
  if (forms.length === 0 || text.length === 0) return [];
  if (!mayContain(text, forms)) return [];
  const matches: Match[] = [];
  // Which source characters a match already covers: linear however often a hostile body repeats a secret.
  let claimed: Uint8Array | undefined;
  const free = (from: number, to: number) => {
    for (let k = from; k < to; k += 1) if (claimed![k]) return false;
    return true;
  };
  for (const decode of [true, false]) {
    const { view, starts } = decodedView(text, decode);
    for (const form of forms) {
      const length = form.needle.length;
      for (let at = view.indexOf(form.needle); at !== -1; ) {
        const from = starts[at]!;
        const to = starts[at + length]!;
        claimed ??= new Uint8Array(text.length);
        if (!free(from, to)) {
          at = view.indexOf(form.needle, at + 1);
          continue;
        }
        claimed.fill(1, from, to);
        matches.push({ from, to, form });
        at = view.indexOf(form.needle, at + length);
      }
    }
  }
  return matches.sort((a, b) => a.from - b.from);
}

// A placeholder, with the near miss it stands for when it does (`$CLOUDFLARE_API_TOKEN(case flipped)`).
const PLACEHOLDER_TEXT = new RegExp(`(?:${Object.values(SECRET_PLACEHOLDERS).map((p) => p.replace(/\$/g, "\\$")).join("|")})(?:\\([a-z ]+\\))?`, "g");

/**
 * Which secrets `text` still reveals, in which form (empty: none). Placeholders are not findings.
 * Every writer of evidence (cassette, HAR) calls this last and refuses to write when it is not empty.
 */
export function findSecretForms(text: string, credentials: Credentials): SecretFinding[] {
  const found = new Map<string, SecretFinding>();
  for (const m of matchesIn(text.replace(PLACEHOLDER_TEXT, "\n"), credentials)) {
    found.set(`${m.form.secret}:${m.form.form}`, { secret: m.form.secret, form: m.form.form });
  }
  return [...found.values()];
}

/** `text` with every form of every configured secret replaced by the secret's placeholder. */
export function replaceSecretForms(text: string, credentials: Credentials): string {
  const matches = matchesIn(text, credentials);
  if (matches.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const m of matches) {
    parts.push(text.slice(at, m.from), placeholderOf(m, text));
    at = m.to;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** The placeholder for a match: its form's, or, among case variants, the one whose exact text it is. */
function placeholderOf(m: Match, text: string): string {
  const variants = m.form.variants;
  if (!variants || variants.length === 1) return m.form.placeholder;
  const exact = decodedText(text.slice(m.from, m.to));
  return variants.find((v) => v.exact === exact)?.placeholder ?? m.form.placeholder;
}

/** "the API token (base64)": a finding said for a message that must not repeat the secret. */
export function describeFinding(f: SecretFinding): string {
  const what = { token: "the API token", email: "the account email", apiKey: "the API key", emailAndKey: "email:key", extra: "a secret of the run (a --header value or a proxy password)" }[f.secret];
  return f.form === "text" ? what : `${what} (${f.form})`;
}
