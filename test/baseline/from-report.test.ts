import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { sampleRequirement } from "../../reports/sample.ts";
import { applyBaseline, parseBaseline } from "../../src/baseline/index.ts";
import { baselineFromReport } from "../../src/baseline/from-report.ts";
import baselineCommand from "../../src/cli/baseline.ts";
import { UsageError } from "../../src/io/usage-error.ts";
import { packagePath } from "../../src/package-path.ts";
import { resolveShippedFile } from "../../src/run/config.ts";
import { MISSING_MESSAGES, MISSING_SUCCESS, NOW, baseline, entry, failure, reportWith } from "./helpers.ts";

const work = mkdtempSync(join(tmpdir(), "baseline-from-"));

describe("baseline --from REPORT", () => {
  it("accepts every failure as it stands: an entry per failed requirement, and the same report is then conformant", () => {
    const report = reportWith([MISSING_MESSAGES, MISSING_SUCCESS], [sampleRequirement("STATUS-TRANSITIONS", "must", "statuses never go back", "failed", 2, { failures: [failure("went back")] })]);
    expect(report.verdict).toBe("non-conformant");
    const file = baselineFromReport(report, { source: "out/report.json", expires: "2027-01-31" });
    expect(file.entries.map((e) => [e.requirement, e.match, e.expires])).toEqual([["ERR-REQUIRED-MEMBERS", undefined, "2027-01-31"], ["STATUS-TRANSITIONS", undefined, "2027-01-31"]]);
    expect(file.entries[0]!.reason).toMatch(/^accepted as found by the run of .* \(first failure: GET wrong token: \/messages is required/);
    const loaded = parseBaseline(JSON.stringify(file), "b.json");
    expect(applyBaseline(report, loaded, NOW).verdict).toBe("conformant");
  });

  it("keeps the report's applied entries as they were, drops expired and unmatched ones, and gives errored requirements none", () => {
    const applied = applyBaseline(reportWith([MISSING_MESSAGES], [sampleRequirement("AUTH-401-CHALLENGE", "must", "401 has a challenge", "errored", 0, { reason: "timeout" })]),
      baseline(entry(), entry({ requirement: "STATUS-ENUM", match: "never" }), entry({ requirement: "HTTP-NO-5XX", expires: "2020-01-01" })), NOW);
    const file = baselineFromReport(applied, { source: "r.json", expires: "2027-01-31", reason: "gateway", link: "https://example.test/1" });
    expect(file.entries).toEqual([entry()]);
  });

  it("writes FILE, never over an existing one, checks --expires, and needs --from", async () => {
    const report = join(work, "report.json");
    writeFileSync(report, JSON.stringify(reportWith([MISSING_MESSAGES])));
    const out = join(work, "baseline.json");
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await baselineCommand(["--from", report, "--out", out, "--reason", "the gateway's errors"], new Date("2026-12-01T00:00:00Z"))).toBe(0);
      const written = JSON.parse(readFileSync(out, "utf8"));
      expect(written.entries).toEqual([{ requirement: "ERR-REQUIRED-MEMBERS", reason: "the gateway's errors", expires: "2027-03-01" }]);
      await expect(baselineCommand(["--from", report, "--out", out])).rejects.toThrow(new UsageError(`--out ${out} exists: the baseline is never written over one (edit it, or choose another file)`));
      await expect(baselineCommand(["--from", report, "--expires", "2027-02-30"])).rejects.toThrow('--expires "2027-02-30" is not a calendar date');
      await expect(baselineCommand([])).rejects.toThrow("--from FILE is required");
    } finally {
      error.mockRestore();
    }
  });
});

describe("files the package ships, named by their path in it", () => {
  it("are found from any folder when the current one has no such file; a file there wins", () => {
    const cwd = process.cwd();
    try {
      process.chdir(work);
      expect(resolveShippedFile("baselines/cloudflare-live.json")).toBe(packagePath("baselines", "cloudflare-live.json"));
      expect(resolveShippedFile("no/such.json")).toBe("no/such.json");
      expect(resolveShippedFile("../baselines/cloudflare-live.json")).toBe("../baselines/cloudflare-live.json");
      writeFileSync(join(work, "mine.json"), "[]");
      expect(resolveShippedFile("mine.json")).toBe("mine.json");
    } finally {
      process.chdir(cwd);
    }
    expect(existsSync(packagePath("baselines", "cloudflare-live.json"))).toBe(true);
  });
});
