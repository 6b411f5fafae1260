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

/**
 * Where `text` departs from RFC 7468's textual encoding of one `label` block, as generators
 * must write it (§2, §3 strict grammar): the same label on both boundaries; between them only
 * lines of the standard base64 alphabet (RFC 4648 §4), each of exactly 64 characters but the
 * last, padded with `=`, with no headers, blank lines or other whitespace; nothing but line
 * breaks after the END line. Explanatory text before the BEGIN line is allowed (§2), so are CRLF
 * line breaks and the document's literal `\n` escapes. Empty: none.
 */
export function pemTextProblems(text: string, label: string): string[] {
  const key = `${label}\n${text}`;
  let problems = pemJudged.get(key);
  if (!problems) {
    if (pemJudged.size >= MAX_PEMS_JUDGED) pemJudged.clear();
    pemJudged.set(key, (problems = pemTextProblemsOf(text, label)));
  }
  return [...problems];
}

/** The judgements already made, by label and text (a run reads one certificate many times); at most this many kept. */
const MAX_PEMS_JUDGED = 512;
const pemJudged = new Map<string, readonly string[]>();

function pemTextProblemsOf(text: string, label: string): string[] {
  const lines = unescapePemNewlines(text).split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  const begin = lines.findIndex((l) => l.startsWith("-----BEGIN "));
  if (begin === -1) return ["there is no BEGIN line"];
  const problems: string[] = [];
  const beginLabel = /^-----BEGIN (.*)-----$/.exec(lines[begin]!)?.[1];
  if (beginLabel !== label) problems.push(`the BEGIN line is ${JSON.stringify(lines[begin])}; RFC 7468 requires the label ${label}`);
  const end = lines.findIndex((l, i) => i > begin && l.startsWith("-----END "));
  if (end === -1) return [...problems, "there is no END line"];
  const endLabel = /^-----END (.*)-----$/.exec(lines[end]!)?.[1];
  if (endLabel !== beginLabel) problems.push(`the END line ${JSON.stringify(lines[end])} does not repeat the BEGIN line's label`);
  const body = lines.slice(begin + 1, end);
  if (body.length === 0) return [...problems, "there is no base64 between the boundaries"];
  body.forEach((line, i) => {
    const last = i === body.length - 1;
    if (line.includes(":")) problems.push(`line ${i + 1} is a header (${JSON.stringify(line.slice(0, 40))}): RFC 7468 permits none`);
    else if (!/^[A-Za-z0-9+/]*={0,2}$/.test(line)) problems.push(`line ${i + 1} holds characters outside the base64 alphabet, or whitespace (${JSON.stringify(line.slice(0, 40))})`);
    else if (line.length === 0) problems.push(`line ${i + 1} is blank`);
    else if (!last && line.length !== 64) problems.push(`line ${i + 1} has ${line.length} characters: every base64 line but the last has exactly 64`);
    else if (last && line.length > 64) problems.push(`the last base64 line has ${line.length} characters, more than 64`);
    else if (!last && line.includes("=")) problems.push(`line ${i + 1} has padding before the last line`);
  });
  const base64 = body.join("");
  if (problems.length === 0 && base64.length % 4 !== 0) problems.push(`the base64 is ${base64.length} characters, not padded to a multiple of 4`);
  const after = lines.slice(end + 1).join("");
  if (after.trim() !== "") problems.push(`text follows the END line (${JSON.stringify(after.slice(0, 40))})`);
  return [...new Set(problems)].slice(0, 5);
}
