import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { UsageError } from "../../src/io/usage-error.ts";
import { validateArgv } from "../../src/cli/validate.ts";
import { ERROR_PREFIX } from "../../src/validate/output.ts";

export const FIXTURES = "test/validate/fixtures";
export const fixture = (name: string) => join(FIXTURES, name);

export interface Run {
  code: number;
  out: string[];
  err: string[];
}

/** Standard input made of `text`, cut into chunks of `chunkSize` bytes (to cross every boundary). */
export function stdinOf(text: string | Buffer, chunkSize = 64 * 1024): Readable {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return Readable.from(chunks, { objectMode: false });
}

/** `validate ARGV` in this process, as src/cli/main.ts runs it (a UsageError is one line and exit 2). */
export async function validate(argv: string[], stdin: Readable = stdinOf("")): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await validateArgv(argv, { stdin, out: (l) => void out.push(l), err: (l) => void err.push(l) });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err.push(`${ERROR_PREFIX}${e.message}`);
    code = e.exitCode;
  }
  return { code, out, err };
}

/** The last line: the summary. */
export const summaryOf = (run: Run) => run.out.at(-1) ?? "";

/** The requirement ids the violation lines name, in order. */
export const idsOf = (run: Run) => run.out.flatMap((l) => [.../\[([A-Z0-9]+(?:-[A-Z0-9]+)+);/.exec(l)?.slice(1, 2) ?? []]);

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void; file: (name: string, content: string | Buffer) => string } {
  const dir = mkdtempSync(join(tmpdir(), "validate-test-"));
  return {
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
    /** Writes `content` to `name` in the folder; returns its path. */
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}
