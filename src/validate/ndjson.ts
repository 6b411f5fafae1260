import { linesWithin } from "../io/bounded-read.ts";
import { parseJsonText } from "../schema/json-text.ts";
import { exchangeFromRecord, type Entry } from "./exchange.ts";

/** The longest line read: a cassette line is at most 16 MiB of text (cassette.ts), up to three bytes a character. */
export const MAX_NDJSON_LINE_BYTES = 48 * 1024 * 1024;

/**
 * The lines of an NDJSON file (or a cassette's exchanges.ndjson) as exchanges, STREAMED line by
 * line, each line at most MAX_NDJSON_LINE_BYTES (a longer one is skipped unread, not kept), so
 * memory stays flat however long the file and however long a line.
 * ENTRY is the 1-based line number (blank lines count, and are skipped).
 *
 * A line that is not JSON, or is JSON but not an exchange (no HTTP status), is yielded as
 * `not-an-exchange` with the reason; the command reports it and goes on (see command.ts).
 */
export async function* ndjsonEntries(chunks: AsyncIterable<Buffer>): AsyncGenerator<Entry> {
  for await (const line of linesWithin(chunks, MAX_NDJSON_LINE_BYTES)) {
    const n = line.number;
    if (line.tooLong) {
      yield { entry: n, kind: "not-an-exchange", why: `the line is longer than ${MAX_NDJSON_LINE_BYTES / 2 ** 20} MiB, more than any exchange the suite reads (not read)` };
      continue;
    }
    const text = n === 1 ? line.text.replace(/^\uFEFF/, "") : line.text;
    if (text.trim() === "") continue;
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      yield { entry: n, kind: "not-an-exchange", why: parsed.tooDeep ? `the line ${parsed.why}` : `the line is not JSON (${parsed.why})` };
      continue;
    }
    yield exchangeFromRecord(n, parsed.value);
  }
}
