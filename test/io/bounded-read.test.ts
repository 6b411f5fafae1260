import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { boundFromEnv, FileReadProblem, linesWithin, readFileWithin, readFileWithinSync, type BoundedLine } from "../../src/io/bounded-read.ts";
import { UsageError } from "../../src/io/usage-error.ts";

const dir = mkdtempSync(join(tmpdir(), "bounded-read-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MiB = 1024 * 1024;
const bound = { maxBytes: MiB, raise: "raise SOME_VAR if it really is that large" };

async function problemOf(read: () => unknown): Promise<FileReadProblem> {
  try {
    await read();
  } catch (e) {
    expect(e).toBeInstanceOf(FileReadProblem);
    return e as FileReadProblem;
  }
  throw new Error("read");
}

describe("reading a user's file within a bound", () => {
  it("/dev/zero ends at the bound, with one line naming it and how to raise it (sync and async)", async () => {
    for (const read of [() => readFileWithinSync("/dev/zero", bound), () => readFileWithin("/dev/zero", bound)]) {
      expect((await problemOf(read)).problem).toBe("is larger than 1 MiB, the most the suite reads of it; raise SOME_VAR if it really is that large");
    }
  });

  it("a regular file past the bound is refused by its size, a file within it is read whole", async () => {
    const big = join(dir, "big");
    writeFileSync(big, Buffer.alloc(MiB + 1, 0x20));
    expect((await problemOf(() => readFileWithin(big, { maxBytes: MiB }))).problem).toBe("is larger than 1 MiB, the most the suite reads of it");
    const small = join(dir, "small");
    writeFileSync(small, "x".repeat(3 * 1024 * 1024 - 7));
    expect((await readFileWithin(small, { maxBytes: 4 * MiB })).length).toBe(3 * 1024 * 1024 - 7);
    expect(readFileWithinSync(small, { maxBytes: 4 * MiB }).length).toBe(3 * 1024 * 1024 - 7);
  });

  it("a missing file and a directory say so, with the error code", async () => {
    expect(await problemOf(() => readFileWithin(join(dir, "none"), bound))).toMatchObject({ problem: "no such file", code: "ENOENT" });
    expect(await problemOf(() => readFileWithin(dir, bound, undefined, "is a folder"))).toMatchObject({ problem: "is a folder", code: "EISDIR" });
    expect(await problemOf(() => readFileWithinSync(dir, bound))).toMatchObject({ code: "EISDIR" });
  });

  it("a named pipe whose writer never comes is read through the event loop: a stop ends the read with the stop's reason", async () => {
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    const stop = new AbortController();
    const reading = readFileWithin(fifo, bound, stop.signal);
    setTimeout(() => stop.abort(new Error("stopped by the test")), 50);
    await expect(reading).rejects.toThrow("stopped by the test");
  });

  it("a stop before the read starts throws its reason at once", async () => {
    await expect(readFileWithin("/dev/zero", bound, AbortSignal.abort(new Error("already stopped")))).rejects.toThrow("already stopped");
  });
});

describe("lines within a bound", () => {
  async function lines(chunks: string[], max: number): Promise<BoundedLine[]> {
    const out: BoundedLine[] = [];
    for await (const line of linesWithin(Readable.from(chunks.map((c) => Buffer.from(c))), max)) out.push(line);
    return out;
  }

  it("splits on LF across chunks, drops a CR before it, keeps a last line without LF", async () => {
    expect(await lines(["ab", "c\r\nd", "e\n\nf"], 10)).toEqual([{ number: 1, text: "abc" }, { number: 2, text: "de" }, { number: 3, text: "" }, { number: 4, text: "f" }]);
  });

  it("a line past the bound is reported once and skipped unread, and the lines after it are read", async () => {
    expect(await lines(["short\n", "x".repeat(8), "y".repeat(8), "z\nafter\n"], 10)).toEqual([
      { number: 1, text: "short" }, { number: 2, tooLong: true }, { number: 3, text: "after" },
    ]);
    expect(await lines(["0123456789AB\nok"], 10)).toEqual([{ number: 1, tooLong: true }, { number: 2, text: "ok" }]);
  });
});

describe("a bound from the environment", () => {
  it("is the default when unset, the value in MiB when a whole number, and a usage error otherwise", () => {
    expect(boundFromEnv("CONFORMANCE_MAX_INPUT_MB", 64, {})).toBe(64 * MiB);
    expect(boundFromEnv("CONFORMANCE_MAX_INPUT_MB", 64, { CONFORMANCE_MAX_INPUT_MB: "128" })).toBe(128 * MiB);
    for (const bad of ["0", "-1", "1.5", "lots", "501"]) {
      expect(() => boundFromEnv("CONFORMANCE_MAX_INPUT_MB", 64, { CONFORMANCE_MAX_INPUT_MB: bad })).toThrow(UsageError);
    }
    expect(() => boundFromEnv("CONFORMANCE_MAX_INPUT_MB", 64, { CONFORMANCE_MAX_INPUT_MB: "0" })).toThrow('CONFORMANCE_MAX_INPUT_MB must be a whole number of MiB from 1 to 500 (got "0")');
  });
});
