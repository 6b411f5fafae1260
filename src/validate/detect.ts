import { looksLikeExchange, mayStartNdjson } from "./exchange.ts";
import { MAX_NDJSON_LINE_BYTES } from "./ndjson-batch.ts";
import { peek, type Peeked } from "./peek.ts";

/** How many leading bytes are searched for a NUL (a binary file, or UTF-16 text). */
export const BINARY_PROBE_BYTES = 1024;

/**
 * What an input holds, judged by its content (the extension says nothing):
 * - `empty`: no bytes, or only white space;
 * - `binary`: a NUL byte in the first KB;
 * - `ndjson`: the first non-blank line is a complete JSON object with a `status` member (or a
 *   `response` object) and more lines follow, or that line is unmistakably an exchange
 *   (`{status, headers|body}` without `success`, or `{request, response}`), even alone;
 * - `document`: anything else: one JSON document (a body, a HAR), or not JSON at all.
 */
export type Detected = { format: "empty" } | { format: "binary"; offset: number } | { format: "ndjson" } | { format: "document" };

const LF = 0x0a;
const OPEN_BRACE = 0x7b;
const isBlankByte = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

type FirstLine = "exchange" | "may-start-ndjson" | "other";

/** Follows the first bytes of a stream just far enough to tell the formats apart. */
class HeadScanner {
  nul = -1;
  start = -1;
  startByte = -1;
  lineEnd = -1;
  moreAfterLine = false;
  private lineParts: Buffer[] = [];
  private lineBytes = 0;
  /** The first line passed MAX_NDJSON_LINE_BYTES before its end: not an NDJSON line the suite reads. */
  private lineTooLong = false;
  private verdict: FirstLine | undefined;

  feed(chunk: Buffer, offset: number): void {
    if (this.nul < 0 && offset < BINARY_PROBE_BYTES) {
      const i = chunk.subarray(0, BINARY_PROBE_BYTES - offset).indexOf(0);
      if (i >= 0) this.nul = offset + i;
    }
    let i = 0;
    if (this.start < 0) {
      while (i < chunk.length && (isBlankByte(chunk[i]!) || (offset + i < 3 && chunk[i] === BOM[offset + i]))) i++;
      if (i === chunk.length) return;
      this.start = offset + i;
      this.startByte = chunk[i]!;
    }
    if (this.lineEnd < 0) {
      const j = chunk.indexOf(LF, i);
      if (j < 0) {
        if (this.startByte === OPEN_BRACE) this.keep(chunk.subarray(i));
        return;
      }
      if (this.startByte === OPEN_BRACE) this.keep(chunk.subarray(i, j));
      this.lineEnd = offset + j;
      i = j + 1;
    }
    while (!this.moreAfterLine && i < chunk.length) {
      if (!isBlankByte(chunk[i]!)) this.moreAfterLine = true;
      i++;
    }
  }

  /** Keeps a part of the first line, up to the longest NDJSON line: past it, the line is no exchange to parse. */
  private keep(part: Buffer): void {
    if (this.lineTooLong) return;
    this.lineBytes += part.length;
    if (this.lineBytes > MAX_NDJSON_LINE_BYTES) {
      this.lineTooLong = true;
      this.lineParts = [];
      return;
    }
    this.lineParts.push(part);
  }

  /** What the first non-blank line is (judged once, when it is complete or the stream has ended). */
  firstLine(): FirstLine {
    if (this.verdict) return this.verdict;
    if (this.lineTooLong) return (this.verdict = "other");
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(this.lineParts).toString("utf8"));
    } catch {
      value = undefined;
    }
    this.lineParts = [];
    this.verdict = looksLikeExchange(value) ? "exchange" : mayStartNdjson(value) ? "may-start-ndjson" : "other";
    return this.verdict;
  }

  /** Whether the bytes so far settle the format (the first KB is always read, for the NUL probe). */
  enough(total: number): boolean {
    if (total < BINARY_PROBE_BYTES || this.start < 0) return false;
    if (this.startByte !== OPEN_BRACE) return true;
    if (this.lineTooLong) return true;
    if (this.lineEnd < 0) return false;
    const first = this.firstLine();
    return first !== "may-start-ndjson" || this.moreAfterLine;
  }

  decide(total: number): Detected {
    if (total === 0 || this.start < 0) return { format: "empty" };
    if (this.nul >= 0) return { format: "binary", offset: this.nul };
    if (this.startByte !== OPEN_BRACE) return { format: "document" };
    const first = this.firstLine();
    return first === "exchange" || (first === "may-start-ndjson" && this.moreAfterLine) ? { format: "ndjson" } : { format: "document" };
  }
}

/** Reads as little of `stream` as it takes to tell its format; the bytes read are replayed by `chunks`. */
export async function detectFormat(stream: AsyncIterable<Buffer | string>): Promise<{ detected: Detected; peeked: Peeked }> {
  const scanner = new HeadScanner();
  const peeked = await peek(stream, (chunk, offset, total) => {
    scanner.feed(chunk, offset);
    return scanner.enough(total);
  });
  return { detected: scanner.decide(peeked.head.length), peeked };
}
