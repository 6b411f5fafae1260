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

// Where node:readline ends a line (crlfDelay Infinity): CRLF, LF, or a CR alone.
const LINE_END = /\r?\n|\r(?!\n)/;

/**
 * Checks a batch of whole NDJSON lines (the bytes end at a line end, or at the end of the input),
 * as ndjsonEntries and the command do line by line: a BOM dropped from the input's first line,
 * blank lines counted and skipped, a line that is not JSON or not an exchange noted, each
 * exchange checked. A batch never splits a character: a line end is a byte no UTF-8 sequence holds.
 */
export function checkBatch(bytes: Uint8Array, first: boolean, options: BatchOptions): BatchResult {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (first) text = text.replace(/^\uFEFF/, "");
  const lines = text.includes("\r") ? text.split(LINE_END) : text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop(); // the end of the last line, not a line
  const result: BatchResult = { lines: lines.length, records: 0, valid: 0, ignored: 0, notable: [] };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    result.records++;
    const parsed = parseJson(line);
    if (!parsed.ok) {
      result.notable.push({ line: i + 1, kind: "not-an-exchange", why: parsed.tooDeep ? `the line ${parsed.why}` : `the line is not JSON (${parsed.why})` });
      continue;
    }
    const entry = exchangeFromRecord(i + 1, parsed.value);
    if (entry.kind === "not-an-exchange") {
      result.notable.push({ line: i + 1, kind: "not-an-exchange", why: entry.why });
      continue;
    }
    const outcome = checkExchange(entry.request, entry.response, options.profile, options.spec);
    if (outcome.kind === "ignored") result.ignored++;
    else if (outcome.kind === "checked" && outcome.findings.length === 0) result.valid++;
    else result.notable.push({ line: i + 1, kind: "outcome", outcome });
  }
  return result;
}
