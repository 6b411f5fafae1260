import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { claimOutputDir, claimOutputFile, LOCK_FILE } from "../../src/io/output-claim.ts";
import { UsageError } from "../../src/io/usage-error.ts";
import { writeReports } from "../../reports/write-reports.ts";
import { hostileReport } from "../reports/fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "output-claim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function usageLine(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).not.toContain("\n");
    return (e as Error).message;
  }
  throw new Error("claimed");
}

/** A process that stays alive until killed: the holder of a lock. */
function aliveProcess(): { pid: number; stop(): void } {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  return { pid: child.pid!, stop: () => child.kill("SIGKILL") };
}

describe("claiming an output before the run", () => {
  it("creates the folder and its parents, writes the lock, and removes it on release", () => {
    const out = join(dir, "a", "b", "c");
    const claim = claimOutputDir(out, "--out");
    expect(JSON.parse(readFileSync(join(out, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid });
    claim.release();
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it("a path that is a file, or under a file, is one line naming the flag", () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    expect(usageLine(() => claimOutputDir(file, "--out"))).toBe(`--out ${file} is a file, not a folder; pass a folder (created when missing)`);
    expect(usageLine(() => claimOutputDir(join(file, "sub"), "--out"))).toBe(`--out ${join(file, "sub")} cannot be created (a part of the path is a file); pass a folder this user can write`);
    expect(usageLine(() => claimOutputFile(dir, "--cassette"))).toMatch(/^--cassette .* is a folder; pass a file name/);
  });

  it("a folder another live run holds is refused, naming its pid; one whose run is gone is taken over", () => {
    const out = join(dir, "held");
    const holder = aliveProcess();
    try {
      claimOutputDir(out, "--out").release();
      writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: holder.pid, startedAt: "2026-01-01T00:00:00Z" }));
      expect(usageLine(() => claimOutputDir(out, "--out"))).toBe(`--out ${out} is being written by another run (pid ${holder.pid}, started 2026-01-01T00:00:00Z); give this run another --out, or wait for that one to end`);
    } finally {
      holder.stop();
    }
    // A pid that is gone: a run killed before it removed its lock.
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12_345, startedAt: "2026-01-01T00:00:00Z" }));
    writeFileSync(join(out, `.report.json.tmp-${2 ** 22 + 12_345}-abcd1234`), "half a report");
    const claim = claimOutputDir(out, "--out");
    expect(JSON.parse(readFileSync(join(out, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    expect(readdirSync(out).filter((n) => n.includes(".tmp-"))).toEqual([]);
    claim.release();
    // A run killed while it took a dead lock over leaves its ticket (run-lock.ts, takeOver): it does not block the next.
    const dead = JSON.stringify({ pid: 2 ** 22 + 12_346, startedAt: "" });
    writeFileSync(join(out, LOCK_FILE), dead);
    writeFileSync(join(out, `${LOCK_FILE}.takeover-${createHash("sha256").update(dead).digest("hex").slice(0, 16)}`), JSON.stringify({ pid: 2 ** 22 + 12_347, startedAt: "" }));
    claimOutputDir(out, "--out").release();
    expect(readdirSync(out)).toEqual([]);
  });

  it("runs racing for one folder, free or left by a dead run: exactly one holds it, every other is refused naming a live run", async () => {
    // Separate processes (the lock is between runs): each claims the moment it reads "go", and holds until "release".
    const out = join(dir, "raced");
    const racer = `
      import { claimOutputDir } from ${JSON.stringify(new URL("../../dist/src/io/output-claim.js", import.meta.url).href)};
      import { createInterface } from "node:readline";
      let claim;
      console.log("ready");
      for await (const line of createInterface({ input: process.stdin })) {
        if (line === "go") {
          try { claim = claimOutputDir(${JSON.stringify(out)}, "--out"); console.log("won"); }
          catch (e) { console.log(JSON.stringify(e.message)); }
        } else { claim?.release(); claim = undefined; console.log("released"); }
      }`;
    const children: ChildProcessWithoutNullStreams[] = [];
    const lines: AsyncIterator<string>[] = [];
    const next = async (i: number) => (await lines[i]!.next()).value as string;
    try {
      for (let i = 0; i < 6; i++) {
        const child = spawn(process.execPath, ["--input-type=module", "-e", racer]);
        children.push(child);
        lines.push(createInterface({ input: child.stdout })[Symbol.asyncIterator]());
      }
      for (let i = 0; i < children.length; i++) expect(await next(i)).toBe("ready");
      for (let round = 0; round < 12; round++) {
        // Every other round starts from the lock of a run that was killed.
        if (round % 2) writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 54_321, startedAt: "" }));
        for (const child of children) child.stdin.write("go\n");
        const said = await Promise.all(children.map((_, i) => next(i)));
        const winners = children.filter((_, i) => said[i] === "won").map((c) => c.pid);
        expect(winners, `round ${round}: ${said.join(" | ")}`).toHaveLength(1);
        expect(JSON.parse(readFileSync(join(out, LOCK_FILE), "utf8")).pid).toBe(winners[0]);
        for (const line of said.filter((l) => l !== "won")) expect(line).toMatch(new RegExp(`is being written by another run \\(pid ${winners[0]},|is being taken by another run at the same moment`));
        for (const child of children) child.stdin.write("release\n");
        expect(await Promise.all(children.map((_, i) => next(i)))).toEqual(children.map(() => "released"));
        expect(readdirSync(out)).toEqual([]);
      }
    } finally {
      for (const child of children) child.kill("SIGKILL");
    }
  }, 60_000);

  it("a HAR's folder is created and its lock sits beside it", () => {
    const file = join(dir, "har", "run.har");
    const claim = claimOutputFile(file, "--cassette");
    expect(readdirSync(join(dir, "har"))).toEqual([`.run.har${LOCK_FILE}`]);
    claim.release();
    expect(readdirSync(join(dir, "har"))).toEqual([]);
  });
});

describe("writing reports", () => {
  it("leaves the four files and no temporary behind", async () => {
    const out = join(dir, "reports");
    await writeReports(hostileReport(), out);
    expect(readdirSync(out).sort()).toEqual(["junit.xml", "report.html", "report.json", "report.md"]);
  });

  it("refuses a folder another live run holds: its reports are that run's", async () => {
    const out = join(dir, "reports-held");
    claimOutputDir(out, "--out").release();
    const holder = aliveProcess();
    try {
      writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: holder.pid, startedAt: "" }));
      await expect(writeReports(hostileReport(), out)).rejects.toThrow(`reports not written: ${out} is being written by another run (pid ${holder.pid})`);
      expect(readdirSync(out)).toEqual([LOCK_FILE]);
    } finally {
      holder.stop();
    }
  });
});
