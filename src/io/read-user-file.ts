import { DEFAULT_INPUT_MIB } from "./input-bounds.ts";
import { FileReadProblem, readFileWithinSync, type ReadBound } from "./bounded-read.ts";
import { UsageError } from "./usage-error.ts";

const DEFAULT_BOUND: ReadBound = { maxBytes: DEFAULT_INPUT_MIB * 1024 * 1024 };

/**
 * A file the user named, as text, read within `bound`; anything unreadable or too large is one
 * UsageError line (exit 2) made by `describe` from the problem ("no such file", "is larger than 1 MiB...").
 */
export function readUserFile(file: string, describe: (problem: string) => string, directoryHint = "is a directory, not a file", bound: ReadBound = DEFAULT_BOUND): string {
  try {
    return readFileWithinSync(file, bound, directoryHint).toString("utf8");
  } catch (e) {
    if (e instanceof FileReadProblem) throw new UsageError(describe(e.problem));
    throw e;
  }
}
