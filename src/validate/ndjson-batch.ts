import type { SpecRequest } from "../schema/operation-spec.ts";
import type { Profile } from "../schema/validator.ts";
import { checkExchange, type Outcome } from "./check.ts";
import { exchangeFromRecord } from "./exchange.ts";
import { parseJson } from "./parse-json.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";

/** What a batch of NDJSON lines needs to be checked, in this thread or a worker's. */
export interface BatchOptions {
  profile: Profile;
  spec: OperationSpec;
}

/** What a worker is started with (the document is loaded again there, from the same request). */
export interface WorkerSetup {
  profile: Profile;
  spec: SpecRequest;
}

/** A line worth telling about: one that is not an exchange, or an exchange that is not simply valid. LINE counts from 1 in its batch. */
export type NotableLine =
  | { line: number; kind: "not-an-exchange"; why: string }
  | { line: number; kind: "outcome"; outcome: Outcome };

/** The outcome of a batch of whole lines: counts, and the notable lines in order. */
export interface BatchResult {
  /** Lines in the batch, blank ones included (the next batch's numbering starts after them). */
  lines: number;
  /** Lines that were not blank (each an exchange or not). */
  records: number;
  valid: number;
  ignored: number;
  notable: NotableLine[];
}

/** The longest line read: a cassette line is at most 16 MiB of text (cassette.ts), up to three bytes a character. */
export const MAX_NDJSON_LINE_BYTES = 48 * 1024 * 1024;
/** What stands in the batches for a line past MAX_NDJSON_LINE_BYTES, not read (no JSON text starts with NUL). */
const TOO_LONG_MARKER = "\u0000\u0000conformance: a line past the bound, not read";
export const TOO_LONG_LINE = Buffer.from(`${TOO_LONG_MARKER}\n`, "utf8");

// Where node:readline ends a line (crlfDelay Infinity): CRLF, LF, or a CR alone.
const LINE_END = /\r?\n|\r(?!\n)/;
const LF = 0x0a;
const isBlank = (line: string) => line.length === 0 || (line.charCodeAt(0) <= 0x20 && line.trim() === "");

/**
 * Checks a batch of whole NDJSON lines (the bytes end at a line end, or at the end of the input),
 * as node:readline and the command did line by line: a BOM dropped from the input's first line,
 * blank lines counted and skipped, a line that is not JSON or not an exchange noted, each
 * exchange checked. A batch never splits a character: a line end is a byte no UTF-8 sequence
 * holds. Each line is decoded on its own (a line of ASCII stays a one-byte string, which
 * JSON.parse reads fastest, whatever the other lines hold).
 */
export function checkBatch(bytes: Uint8Array, first: boolean, options: BatchOptions): BatchResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result: BatchResult = { lines: 0, records: 0, valid: 0, ignored: 0, notable: [] };
  const checkLine = (line: string) => {
    const n = ++result.lines;
    if (n === 1 && first) line = line.replace(/^\uFEFF/, "");
    if (isBlank(line)) return;
    result.records++;
    if (line === TOO_LONG_MARKER) {
      result.notable.push({ line: n, kind: "not-an-exchange", why: `the line is longer than ${MAX_NDJSON_LINE_BYTES / 2 ** 20} MiB, more than any exchange the suite reads (not read)` });
      return;
    }
    const parsed = parseJson(line);
    if (!parsed.ok) {
      result.notable.push({ line: n, kind: "not-an-exchange", why: parsed.tooDeep ? `the line ${parsed.why}` : `the line is not JSON (${parsed.why})` });
      return;
    }
    const entry = exchangeFromRecord(n, parsed.value);
    if (entry.kind === "not-an-exchange") {
      result.notable.push({ line: n, kind: "not-an-exchange", why: entry.why });
      return;
    }
    const outcome = checkExchange(entry.request, entry.response, options.profile, options.spec);
    if (outcome.kind === "ignored") result.ignored++;
    else if (outcome.kind === "checked" && outcome.findings.length === 0) result.valid++;
    else result.notable.push({ line: n, kind: "outcome", outcome });
  };
  for (let start = 0; start < buf.length;) {
    let end = buf.indexOf(LF, start);
    if (end < 0) end = buf.length;
    const text = buf.toString("utf8", start, end);
    start = end + 1;
    if (!text.includes("\r")) {
      checkLine(text);
      continue;
    }
    // A CR: before the LF it ends the line with it; alone, it ends a line of its own.
    const parts = text.split(LINE_END);
    if (parts.length > 1 && parts[parts.length - 1] === "" && text.endsWith("\r")) parts.pop();
    for (const part of parts) checkLine(part);
  }
  return result;
}
