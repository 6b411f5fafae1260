import { createReadStream, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../io/usage-error.ts";
import { ACCEPTED_INPUTS } from "./input-error.ts";

/** One operand of `validate`, checked to exist before anything is read. */
export type Input =
  | { kind: "stdin"; name: string }
  | { kind: "file"; name: string; path: string }
  /** A cassette directory: its exchanges.ndjson is what is validated (and named in the report). */
  | { kind: "cassette"; name: string; exchanges: string };

export const STDIN_NAME = "<stdin>";
export const CASSETTE_FILES = ["manifest.json", "exchanges.ndjson"] as const;

/** A file-system error said plainly ("no such file or directory"), without the errno noise. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT": return "no such file or directory";
    case "EACCES": case "EPERM": return "cannot be read (permission denied)";
    case "EISDIR": return "is a directory";
    default: return `cannot be read (${(e as Error)?.message ?? String(e)})`;
  }
}

/**
 * The operands as inputs; a missing path, a directory that is not a cassette, `-` twice, or no
 * operand at all is a UsageError (exit 2, one line) before any input is read.
 */
export function resolveInputs(operands: string[]): Input[] {
  if (operands.length === 0) throw new UsageError(`no FILE given; ${ACCEPTED_INPUTS}`);
  if (operands.filter((o) => o === "-").length > 1) throw new UsageError("- (standard input) is given more than once; give it once");
  return operands.map((operand): Input => {
    if (operand === "-") return { kind: "stdin", name: STDIN_NAME };
    let stat;
    try {
      stat = statSync(operand);
    } catch (e) {
      throw new UsageError(`${operand}: ${describeFsError(e)}; check the path`);
    }
    if (!stat.isDirectory()) return { kind: "file", name: operand, path: operand };
    const missing = CASSETTE_FILES.filter((f) => !existsSync(join(operand, f)));
    if (missing.length > 0) {
      throw new UsageError(`${operand}: is a directory but not a cassette (it has no ${missing.join(" and no ")}); pass a cassette directory (manifest.json + exchanges.ndjson) or a file`);
    }
    return { kind: "cassette", name: join(operand, "exchanges.ndjson"), exchanges: join(operand, "exchanges.ndjson") };
  });
}

/** The input's bytes as a stream (64 KB chunks for files). */
export function openInput(input: Input, stdin: NodeJS.ReadableStream): AsyncIterable<Buffer | string> {
  if (input.kind === "stdin") return stdin as AsyncIterable<Buffer | string>;
  return createReadStream(input.kind === "file" ? input.path : input.exchanges, { highWaterMark: 64 * 1024 });
}
