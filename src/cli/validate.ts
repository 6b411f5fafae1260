import type { ParallelTuning } from "../validate/ndjson-parallel.ts";
import { runValidate } from "../validate/command.ts";
import type { ValidateIo } from "../validate/output.ts";
import { parseCommandFlags } from "./flags.ts";
import { printLine } from "./terminal-text.ts";

/** `validate` from its argv: the flags are read here, the inputs judged in src/validate/. */
export function validateArgv(argv: string[], io: ValidateIo, tuning?: ParallelTuning): Promise<number> {
  const { values, positionals } = parseCommandFlags("validate", argv);
  return runValidate({ ...values, files: positionals }, io, tuning);
}

/** `validate [--profile spec|strict] [--status 200|4xx] FILE...` (the logic is in src/validate/). */
export default function validate(argv: string[]): Promise<number> {
  return validateArgv(argv, {
    stdin: process.stdin,
    out: (line) => printLine(process.stdout, line),
    err: (line) => printLine(process.stderr, line),
  });
}
