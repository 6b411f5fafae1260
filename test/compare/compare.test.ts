import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Report } from "../../reports/model.ts";
import { sampleRequirement } from "../../reports/sample.ts";
import { applyBaseline } from "../../src/baseline/index.ts";
import { main } from "../../src/cli/main.ts";
import { changeKind, compareReports, runCompare } from "../../src/compare/index.ts";
import { MISSING_MESSAGES, MISSING_SUCCESS, NOW, baseline, entry, failure, reportWith } from "../baseline/helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "compare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Writes a report (or any text) as DIR/report.json in a fresh directory; returns its path. */
function saved(report: Report | string): string {
  const path = join(dir, `r${n++}`, "report.json");
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof report === "string" ? report : JSON.stringify(report));
  return path;
}

/** Runs `compare` through the CLI; returns exit code, standard output and standard error. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const w = vi.spyOn(process.stdout, "write").mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(console, "error").mockImplementation((...a) => { err += a.join(" ") + "\n"; });
  try {
    const code = await main(["compare", ...argv]);
    return { code, out, err };
  } finally {
    w.mockRestore();
    e.mockRestore();
  }
}

describe("changeKind", () => {
  const table: [string | undefined, string | undefined, string][] = [
    ["passed", "failed", "regression"],
    ["skipped", "failed", "regression"],
    ["known-deviation", "failed", "regression"],
    ["errored", "failed", "regression"],
    [undefined, "failed", "regression"],
    ["passed", "errored", "regression"],
    ["failed", "passed", "improvement"],
    ["known-deviation", "passed", "improvement"],
    ["errored", "passed", "improvement"],
    ["failed", "known-deviation", "changed"],
    ["passed", "known-deviation", "changed"],
    ["passed", "skipped", "changed"],
    ["failed", "errored", "changed"],
    [undefined, "passed", "added"],
    ["failed", undefined, "removed"],
  ];
  for (const [old, now, kind] of table) {
    it(`${old ?? "(new)"} → ${now ?? "(gone)"} is ${kind}`, () => {
      expect(changeKind(old as never, now as never)).toBe(kind);
    });
  }
});

describe("compareReports", () => {
  it("lists changed, added and removed requirements and the verdict change", () => {
    const before = reportWith([], [sampleRequirement("X509-SKI-MATCHES", "must", "ski", "passed", 1)]);
    const after = reportWith([MISSING_MESSAGES], [sampleRequirement("X509-CSR-KEY-MATCHES", "must", "csr", "passed", 1)]);
    const c = compareReports(before, after);
    expect(c.changes.map((x) => [x.id, x.kind])).toEqual([
      ["ERR-REQUIRED-MEMBERS", "regression"], ["X509-CSR-KEY-MATCHES", "added"], ["X509-SKI-MATCHES", "removed"],
    ]);
    expect(c.verdict).toEqual({ old: "conformant", new: "non-conformant", changed: true, regression: true });
    expect(c.unchanged).toBe(2);
    expect(c.changes[0]!.detail).toBe(MISSING_MESSAGES);
  });

  it("does not count a new known deviation as a regression", () => {
    const after = applyBaseline(reportWith([MISSING_MESSAGES]), baseline(entry()), NOW);
    const c = compareReports(reportWith([]), after);
    expect(c.changes.map((x) => [x.id, x.old, x.new, x.kind])).toEqual([["ERR-REQUIRED-MEMBERS", "passed", "known-deviation", "changed"]]);
    expect(c.regressions).toBe(0);
    expect(c.verdict.regression).toBe(false);
  });

  it("counts a known deviation that fails again (a new failure, or an expired entry) as a regression", () => {
    const before = applyBaseline(reportWith([MISSING_MESSAGES]), baseline(entry()), NOW);
    const after = applyBaseline(reportWith([MISSING_MESSAGES, MISSING_SUCCESS]), baseline(entry()), NOW);
    expect(compareReports(before, after).changes.map((x) => x.kind)).toEqual(["regression"]);
  });
});

describe("compare (CLI)", () => {
  it("exits 1 on a regression, naming the changed ids in its text output", async () => {
    const extra = [sampleRequirement("X509-SKI-MATCHES", "must", "ski", "failed", 1, { failures: [failure("ski differs")] })];
    const r = await cli(saved(reportWith([], extra)), saved(reportWith([MISSING_MESSAGES], [{ ...extra[0]!, status: "passed", failures: [] }])));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/REGRESSION\s+ERR-REQUIRED-MEMBERS\s+must\s+passed → failed/);
    expect(r.out).toMatch(/improvement\s+X509-SKI-MATCHES\s+must\s+failed → passed/);
    expect(r.out).toContain("verdict: non-conformant (unchanged)");
  });

  it("exits 0 on an improvement", async () => {
    const r = await cli(saved(reportWith([MISSING_MESSAGES])), saved(reportWith([])));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/improvement\s+ERR-REQUIRED-MEMBERS/);
    expect(r.out).toContain("verdict: non-conformant → conformant");
  });

  it("exits 0 when nothing changed", async () => {
    const r = await cli(saved(reportWith()), saved(reportWith()));
    expect(r.code).toBe(0);
    expect(r.out).toContain("no requirement changed status (3 compared)");
  });

  it("writes json and md", async () => {
    const files = [saved(reportWith([])), saved(reportWith([MISSING_MESSAGES]))];
    const json = await cli("--format", "json", ...files);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ regression: true, regressions: 1, changes: [{ id: "ERR-REQUIRED-MEMBERS", kind: "regression" }] });
    const md = await cli(...files, "--format", "md");
    expect(md.out).toContain("| ❌ regression | `ERR-REQUIRED-MEMBERS` | must | passed | failed |");
  });

  const unreadable: [string, () => string[]][] = [
    ["a missing file", () => [saved(reportWith()), join(dir, "absent", "report.json")]],
    ["a file that is not JSON", () => [saved("{ nope"), saved(reportWith())]],
    ["JSON that is not a report", () => [saved(reportWith()), saved(JSON.stringify({ verdict: "conformant", requirements: [{ id: "X" }] }))]],
    ["one file only", () => [saved(reportWith())]],
    ["an unknown format", () => ["--format", "xml", saved(reportWith()), saved(reportWith())]],
  ];
  for (const [what, args] of unreadable) {
    it(`exits 2 with one line on ${what}`, async () => {
      const r = await cli(...args());
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.err).toMatch(/^client-cert-conformance compare: /);
    });
  }

  it("runCompare returns the exit code and hands the text to its writer", () => {
    let text = "";
    expect(runCompare({ files: [saved(reportWith([])), saved(reportWith([]))] }, (t) => { text += t; })).toBe(0);
    expect(text).toContain("result: no regression (exit 0)");
  });
});
