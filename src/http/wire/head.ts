/**
 * The head of an answer (status line and field lines) and the trailer section of a chunked body:
 * collecting their bytes up to the empty line, bounded, and reading them leniently while every
 * deviation from RFC 9112 §2-§5 and RFC 9110 §5 is logged.
 */
import { showText, type ViolationLog, type WireRule } from "./rules.ts";

const LF = 0x0a;
const CR = 0x0d;

/** A field line as read: the name as sent, the value without its surrounding OWS. */
export type Field = [string, string];

/** What a status line and its field lines say. */
export interface ParsedHead {
  /** After "HTTP/", as sent. */
  httpVersion: string;
  status: number;
  reason: string;
  fields: Field[];
}

/**
 * Collects bytes up to and including the first empty line (CRLF or bare LF), keeping at most
 * `max` bytes: the head of a message, or a trailer section (whose first line may be the empty one).
 */
export class HeadBuffer {
  private buffer = new Uint8Array(0);
  private length = 0;
  private lineStart = 0;

  constructor(private readonly max: number) {}

  /** Bytes collected so far. */
  get bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  /** Takes bytes of `chunk` from `from`: how many it used, and whether the empty line came or the bound was hit. */
  take(chunk: Uint8Array, from: number): { used: number; state: "more" | "done" | "too-long" } {
    let i = from;
    while (i < chunk.length) {
      const lf = chunk.indexOf(LF, i);
      const end = lf === -1 ? chunk.length : lf + 1;
      const room = this.max - this.length;
      if (end - i > room) {
        this.append(chunk.subarray(i, i + room));
        return { used: i + room - from, state: "too-long" };
      }
      this.append(chunk.subarray(i, end));
      i = end;
      if (lf === -1) break;
      const lineEnd = this.length - 1;
      const empty = lineEnd === this.lineStart || (lineEnd === this.lineStart + 1 && this.buffer[this.lineStart] === CR);
      this.lineStart = this.length;
      if (empty) return { used: i - from, state: "done" };
    }
    return { used: i - from, state: "more" };
  }

  reset(): void {
    this.buffer = new Uint8Array(0);
    this.length = 0;
    this.lineStart = 0;
  }

  private append(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buffer.length) {
      const next = new Uint8Array(Math.min(this.max, Math.max(1024, this.buffer.length * 2, this.length + bytes.length)));
      next.set(this.bytes);
      this.buffer = next;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }
}

/** Whether the bytes so far can begin a status line ("HTTP/", any case: a wrong case is judged later). */
export function startsLikeHttp(bytes: Uint8Array): "yes" | "no" | "maybe" {
  const name = "HTTP/";
  for (let k = 0; k < Math.min(bytes.length, name.length); k++) {
    const b = bytes[k]!;
    if ((b >= 0x61 && b <= 0x7a ? b - 0x20 : b) !== name.charCodeAt(k)) return "no";
  }
  return bytes.length >= name.length ? "yes" : "maybe";
}

/** Splits complete head bytes into lines (latin1, one char per byte) without their CRLF or bare LF, the empty last line dropped. */
export function splitLines(bytes: Uint8Array, log: ViolationLog, where: string): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const lines = text.split("\n");
  lines.pop(); // after the last LF
  let bare = 0;
  const out = lines.map((line) => {
    if (line.endsWith("\r")) return line.slice(0, -1);
    bare += 1;
    return line;
  });
  if (bare > 0) log.add("bare-lf", `${bare} line${bare > 1 ? "s" : ""} of the ${where} end${bare > 1 ? "" : "s"} with a bare LF instead of CRLF`);
  out.pop(); // the empty line
  return out;
}

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// field-vchar, SP, HTAB (RFC 9110 §5.5): anything else is a CTL (or DEL).
const BAD_VALUE_CHAR = /[\x00-\x08\x0a-\x1f\x7f]/;
const OWS = /^[ \t]+|[ \t]+$/g;

/** Reports a field-line problem; in a trailer section the caller maps it to chunk-syntax. */
export type FieldReport = (rule: WireRule, message: string) => void;

/**
 * Reads field lines (RFC 9112 §5): names as sent, values trimmed of OWS, obs-fold unfolded with a
 * space, CR and NUL in values replaced by SP (RFC 9110 §5.5); lines that are not field lines are
 * dropped, as are whitespace-preceded lines before the first field (RFC 9112 §2.2).
 */
export function parseFields(lines: string[], report: FieldReport): Field[] {
  const fields: Field[] = [];
  let last: Field | "dropped" | undefined;
  for (const line of lines) {
    if (line.startsWith(" ") || line.startsWith("\t")) {
      if (last === undefined) {
        report("whitespace-before-first-field", `whitespace-preceded line before the first field, ignored: ${showText(line)}`);
        last = "dropped";
      } else if (last !== "dropped") {
        report("obs-fold", `the value of ${last[0]} is folded onto a line starting with whitespace (obs-fold)`);
        const more = checkValue(last[0], line.replace(OWS, ""), report);
        if (more) last[1] = last[1] ? `${last[1]} ${more}` : more;
      }
      continue;
    }
    const colon = line.indexOf(":");
    if (colon === -1) {
      report("field-line-syntax", `a line in the field section has no colon, ignored: ${showText(line)}`);
      last = "dropped";
      continue;
    }
    let name = line.slice(0, colon);
    if (/[ \t]$/.test(name)) {
      name = name.replace(/[ \t]+$/, "");
      report("space-before-colon", `whitespace between the field name ${showText(name)} and the colon`);
    }
    if (name === "" || !TCHAR.test(name)) {
      report("field-name-syntax", `field name ${showText(name)} is not a token`);
      if (name === "") {
        last = "dropped";
        continue;
      }
    }
    last = [name, checkValue(name, line.slice(colon + 1).replace(OWS, ""), report)];
    fields.push(last);
  }
  return fields;
}

/** The value with CR and NUL replaced by SP, after reporting any CTL in it. */
function checkValue(name: string, value: string, report: FieldReport): string {
  if (!BAD_VALUE_CHAR.test(value)) return value;
  report("field-value-syntax", `the value of ${name} holds a control character: ${showText(value, 48)}`);
  return value.replace(/[\r\0]/g, " ");
}

const WS = /[ \t\v\f\r]/;

/** Reads a status line leniently (whitespace-delimited words, RFC 9112 §4), logging each deviation. */
export function parseStatusLine(line: string, log: ViolationLog): Omit<ParsedHead, "fields"> {
  let at = 0;
  while (at < line.length && !WS.test(line[at]!)) at++;
  const version = line.slice(0, at);
  if (!/^HTTP\/[0-9]\.[0-9]$/.test(version)) {
    log.add("http-version-syntax", `${showText(version)} is not HTTP-version ("HTTP/" DIGIT "." DIGIT, case-sensitive)`);
  }
  const httpVersion = version.slice(version.indexOf("/") + 1);
  const gapStart = at;
  while (at < line.length && WS.test(line[at]!)) at++;
  if (line.slice(gapStart, at) !== " ") log.add("status-line-syntax", `the HTTP-version and the status code are not separated by one SP: ${showText(line, 48)}`);
  const codeStart = at;
  while (at < line.length && !WS.test(line[at]!)) at++;
  const code = line.slice(codeStart, at);
  const status = /^[0-9]+$/.test(code) ? Number(code) : 0;
  if (!/^[0-9]{3}$/.test(code) || status < 100 || status > 599) {
    log.add("status-code-syntax", `status code ${showText(code)} is not three digits from 100 to 599 (RFC 9110 §15)`);
  }
  let reason = "";
  if (at === line.length) {
    log.add("status-line-syntax", `no SP after the status code (a server sends it even without a reason phrase): ${showText(line, 48)}`);
  } else if (line[at] === " ") {
    reason = line.slice(at + 1);
  } else {
    log.add("status-line-syntax", `the status code is followed by whitespace other than SP: ${showText(line, 48)}`);
    reason = line.slice(at).replace(/^[ \t\v\f\r]+/, "");
  }
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(reason)) log.add("reason-phrase-syntax", `the reason phrase holds a control character: ${showText(reason, 48)}`);
  return { httpVersion, status, reason };
}

/** Reads the complete bytes of a head: status line, then field lines. */
export function parseHead(bytes: Uint8Array, log: ViolationLog): ParsedHead {
  const lines = splitLines(bytes, log, "header section");
  const start = parseStatusLine(lines[0] ?? "", log);
  return { ...start, fields: parseFields(lines.slice(1), (rule, message) => log.add(rule, message)) };
}
