import { runValidate } from "../validate/command.ts";
import { printLine } from "./terminal-text.ts";

/** `validate [--profile spec|strict] [--status 200|4xx] FILE...` (the logic is in src/validate/). */
export default function validate(argv: string[]): Promise<number> {
  return runValidate(argv, {
    stdin: process.stdin,
    out: (line) => printLine(process.stdout, line),
    err: (line) => printLine(process.stderr, line),
  });
}
