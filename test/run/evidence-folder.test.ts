import { existsSync, mkdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EVIDENCE_PREFIX, removeStaleEvidenceFolders } from "../../src/run/stale-evidence-folders.ts";

/** The temporary folder earlier versions handed the suites their evidence through: a killed run's is removed at the next start. */

const DEAD_PID = 2 ** 22 + 4_321; // above Linux's largest pid: no process has it
const folders = {
  killed: join(tmpdir(), `${EVIDENCE_PREFIX}${DEAD_PID}-abc123`),
  running: join(tmpdir(), `${EVIDENCE_PREFIX}${process.pid}-def456`),
  oldUnnamed: join(tmpdir(), `${EVIDENCE_PREFIX}Xy12Zz`),
  newUnnamed: join(tmpdir(), `${EVIDENCE_PREFIX}Ab34Cd`),
};
afterAll(() => { for (const dir of Object.values(folders)) rmSync(dir, { recursive: true, force: true }); });

describe("evidence folders left behind", () => {
  it("a killed run's (its pid gone) and an old one without a pid are removed; a live run's and a recent one are kept", () => {
    for (const dir of Object.values(folders)) mkdirSync(join(dir, "inside"), { recursive: true });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(folders.oldUnnamed, twoDaysAgo, twoDaysAgo);
    removeStaleEvidenceFolders();
    expect(existsSync(folders.killed)).toBe(false);
    expect(existsSync(folders.oldUnnamed)).toBe(false);
    expect(existsSync(folders.running)).toBe(true);
    expect(existsSync(folders.newUnnamed)).toBe(true);
  });
});
