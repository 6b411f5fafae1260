import { X509ParseError } from "./parse-error.ts";

/** One decoded PEM block: its label (e.g. "CERTIFICATE") and the DER bytes it carries. */
export interface PemBlock {
  label: string;
  der: Uint8Array<ArrayBuffer>;
}

const PEM_BLOCK = /-----BEGIN ([^\r\n-]+)-----([\s\S]*?)-----END ([^\r\n-]+)-----/g;
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Turns literal `\n` (and `\r\n`) escape sequences into real line breaks. Cloudflare's
 * documentation shows PEMs with `\n` written out, and such text gets pasted into fixtures.
 */
export function unescapePemNewlines(text: string): string {
  return text.replace(/\\r\\n|\\n|\\r/g, "\n");
}

/**
 * Decodes text that must hold exactly one PEM block whose label is one of `labels`.
 * Stricter than Buffer.from(…, "base64"), which silently skips characters it dislikes:
 * a damaged PEM must fail here rather than decode into different bytes.
 */
export function decodeSinglePem(text: string, labels: readonly string[], what: string): PemBlock {
  if (typeof text !== "string") {
    throw new X509ParseError(`${what}: expected PEM text, got ${text === null ? "null" : typeof text}`);
  }
  const blocks = [...unescapePemNewlines(text).matchAll(PEM_BLOCK)];
  const expected = labels.map((label) => `"-----BEGIN ${label}-----"`).join(" or ");
  if (blocks.length === 0) {
    throw new X509ParseError(`${what}: no complete PEM block found (expected ${expected} … matching END line)`);
  }
  if (blocks.length > 1) {
    throw new X509ParseError(`${what}: expected exactly one PEM block, found ${blocks.length}`);
  }
  const [, begin, body, end] = blocks[0];
  if (begin !== end) {
    throw new X509ParseError(`${what}: PEM block begins as "${begin}" but ends as "${end}"`);
  }
  if (!labels.includes(begin)) {
    throw new X509ParseError(`${what}: expected a PEM block labelled ${labels.join(" or ")}, found "${begin}"`);
  }
  const base64 = body.replace(/\s+/g, "");
  if (base64.length === 0 || base64.length % 4 !== 0 || !BASE64_BODY.test(base64)) {
    throw new X509ParseError(`${what}: the ${begin} PEM body is not valid base64 (truncated or damaged?)`);
  }
  // Copied into a plain ArrayBuffer: @peculiar/x509 rejects Buffer's ArrayBufferLike typing.
  return { label: begin, der: new Uint8Array(Buffer.from(base64, "base64")) };
}

/** Encodes DER as PEM with real "\n" line breaks and a final newline, as Cloudflare returns it. */
export function encodePem(der: ArrayBuffer | Uint8Array, label: string): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString("base64");
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
