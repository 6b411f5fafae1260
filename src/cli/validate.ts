import { runValidate } from "../validate/command.ts";

/** `validate [--profile spec|strict] [--status 200|4xx] FILE...` (the logic is in src/validate/). */
export default function validate(argv: string[]): Promise<number> {
  return runValidate(argv, {
    stdin: process.stdin,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
