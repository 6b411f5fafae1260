import { readFileSync } from "node:fs";
import { UsageError } from "./usage-error.ts";

/** A file the user named, as text; anything unreadable is one UsageError line (exit 2) saying what and where to look. */
export function readUserFile(file: string, describe: (problem: string) => string, directoryHint = "is a directory, not a file"): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(describe(code === "ENOENT" ? "no such file" : code === "EISDIR" ? directoryHint : (e as Error).message));
  }
}
