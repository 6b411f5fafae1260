import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { parseJsonText } from "../schema/json-text.ts";
import { exchangeFromRecord, type Entry } from "./exchange.ts";

/**
 * The lines of an NDJSON file (or a cassette's exchanges.ndjson) as exchanges, STREAMED:
 * node:readline reads the stream line by line, so memory stays flat however long the file is.
 * ENTRY is the 1-based line number (blank lines count, and are skipped).
 *
 * A line that is not JSON, or is JSON but not an exchange (no HTTP status), is yielded as
 * `not-an-exchange` with the reason; the command reports it and goes on (see command.ts).
 */
export async function* ndjsonEntries(chunks: AsyncIterable<Buffer>): AsyncGenerator<Entry> {
  const lines = createInterface({ input: Readable.from(chunks, { objectMode: false }), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      const line = n === 1 ? raw.replace(/^\uFEFF/, "") : raw;
      if (line.trim() === "") continue;
      const parsed = parseJsonText(line);
      if (!parsed.ok) {
        yield { entry: n, kind: "not-an-exchange", why: parsed.tooDeep ? `the line ${parsed.why}` : `the line is not JSON (${parsed.why})` };
        continue;
      }
      yield exchangeFromRecord(n, parsed.value);
    }
  } finally {
    lines.close();
  }
}
