/**
 * Hostile echoes of a secret, and an oracle that says whether text reveals one: written apart
 * from src/http/secret-forms.ts (regular expressions here, a decoded view there), so the redaction
 * is checked against something it does not share code with.
 */
import fc from "fast-check";

/** The ways a target can echo a secret back (issue 12: raw, case-folded, percent, JSON/\u, base64, base64url). */
export const ECHO_FORMS = [
  "raw", "upper", "lower", "percent", "percent-lower", "percent-twice", "json-u", "json-u-nested", "json-u-mixed",
  "base64", "base64url", "base64-embedded", "base64url-embedded",
] as const;
export type EchoForm = (typeof ECHO_FORMS)[number];

const percentAll = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
const uEscapeAll = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");

/** `secret` as a target would send it in the form, `salt` bytes choosing the surroundings of embedded base64. */
export function echo(secret: string, form: EchoForm, salt: Uint8Array = new Uint8Array()): string {
  switch (form) {
    case "raw": return secret;
    case "upper": return secret.toUpperCase();
    case "lower": return secret.toLowerCase();
    case "percent": return percentAll(secret);
    case "percent-lower": return percentAll(secret.toLowerCase()).toLowerCase();
    case "percent-twice": return percentAll(secret).replace(/%/g, "%25");
    case "json-u": return uEscapeAll(secret);
    case "json-u-nested": return uEscapeAll(secret).replace(/\\/g, "\\\\");
    case "json-u-mixed": return [...secret].map((c, i) => (i % 2 ? c : uEscapeAll(c))).join("");
    case "base64": return Buffer.from(secret).toString("base64");
    case "base64url": return Buffer.from(secret).toString("base64url");
    case "base64-embedded": return Buffer.concat([Buffer.from(salt), Buffer.from(secret), Buffer.from(salt)]).toString("base64");
    case "base64url-embedded": return Buffer.concat([Buffer.from(salt), Buffer.from(":"), Buffer.from(secret)]).toString("base64url");
  }
}

const UNDO: ((t: string) => string)[] = [
  (t) => t.replace(/\\+u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  (t) => t.replace(/\\+([/"'])/g, "$1"),
  (t) => t.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  (t) => t.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, "&"),
];

/** `text` and every reading of it with some escapes or percent-encodings undone, in any order, a few deep. */
function readingsOf(text: string): string[] {
  const seen = new Set([text]);
  let frontier = [text];
  for (let depth = 0; depth < 4 && frontier.length; depth++) {
    const next: string[] = [];
    for (const t of frontier) for (const undo of UNDO) {
      const u = undo(t);
      if (!seen.has(u)) { seen.add(u); next.push(u); }
    }
    frontier = next;
  }
  return [...seen];
}

/** Every secret of `secrets` that `text` reveals, in any of the forms above (empty: none). */
export function revealed(text: string, secrets: string[]): string[] {
  const readings = readingsOf(text);
  const folded = readings.map((r) => r.toLowerCase());
  const runs = new Set<string>();
  for (const reading of readings) for (const run of reading.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) runs.add(run);
  const decoded: Buffer[] = [];
  for (const run of runs) for (let offset = 0; offset < 4; offset++) decoded.push(Buffer.from(run.slice(offset), "base64"));
  const all = Buffer.concat(decoded.flatMap((b) => [b, Buffer.from([0])]));
  return secrets.filter((s) => folded.some((f) => f.includes(s.toLowerCase())) || all.includes(Buffer.from(s)));
}

const unit = (chars: string) => fc.constantFrom(...chars);
const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Credentials as Cloudflare issues them: a token, a 37-hex key, an email. */
export const credentialsArb = fc.record({
  token: fc.string({ unit: unit(`${ALNUM}_-`), minLength: 20, maxLength: 48, size: "max" }),
  apiKey: fc.string({ unit: unit("0123456789abcdef"), minLength: 37, maxLength: 37 }),
  email: fc.tuple(fc.string({ unit: unit(`${ALNUM.slice(0, 36)}.+`), minLength: 3, maxLength: 16 }), fc.string({ unit: unit(ALNUM.slice(0, 26)), minLength: 3, maxLength: 12 }))
    .map(([local, domain]) => `c${local}@${domain}.example`),
});
