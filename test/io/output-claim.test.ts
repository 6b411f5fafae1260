import { spawn } from "node:child_process";
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
  });

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
