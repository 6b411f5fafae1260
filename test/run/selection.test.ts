import { describe, expect, it } from "vitest";
import { validateReport } from "../../reports/validate-report.ts";
import { REQUIREMENTS } from "../../src/registry/index.ts";
import { runConfigFrom } from "../../src/run/config.ts";
import { parseSelectors, selectedIds } from "../../src/run/selection.ts";
import { runAgainstReference } from "../support/reference-run.ts";
import { usageMessage } from "../support/usage.ts";

const env = { CLOUDFLARE_ZONE_ID: "023e105f4ecef8ad9ca31a8372d0c353", CLOUDFLARE_API_TOKEN: "tok" };
const ids = (family: string) => REQUIREMENTS.filter((r) => r.family === family).map((r) => r.id);

describe("--include / --exclude", () => {
  it("take requirement ids and families, in any case, comma-separated and repeated", () => {
    expect(parseSelectors(["status,ID-ZONE-SCOPED", " x509-serial-matches ", "STATUS"], "include")).toEqual(["STATUS", "ID-ZONE-SCOPED", "X509-SERIAL-MATCHES"]);
    expect([...selectedIds({ include: ["STATUS"] })]).toEqual(ids("STATUS"));
    expect(selectedIds({ exclude: ["STATUS", "AUTH-401-CHALLENGE"] }).size).toBe(REQUIREMENTS.length - ids("STATUS").length - 1);
    expect([...selectedIds({ include: ["STATUS", "ID"], exclude: ["STATUS-TRANSITIONS"] })]).toEqual([...ids("STATUS").filter((id) => id !== "STATUS-TRANSITIONS"), ...ids("ID")]);
  });

  it("an unknown name is one line naming the closest and where the ids are listed", () => {
    expect(usageMessage(() => parseSelectors(["STATUS-ENUMS"], "include"))).toMatch(/^--include "STATUS-ENUMS" is neither a requirement id nor a family; did you mean STATUS-ENUM\? \(families: HTTP, ENV, .*`client-cert-conformance requirements` lists the ids\)$/);
    expect(usageMessage(() => runConfigFrom({ target: "live", exclude: ["x509s"] }, env))).toMatch(/^--exclude "x509s" is neither a requirement id nor a family; did you mean X509\?/);
  });

  it("a selection of nothing is refused", () => {
    expect(usageMessage(() => runConfigFrom({ target: "live", include: ["STATUS"], exclude: ["STATUS"] }, env))).toBe("--include STATUS with --exclude STATUS selects no requirement: exclude less");
  });

  it("judges only the selection: the rest skipped as not selected (no evidence either way), and only the probes that feed the selection sent", async () => {
    const full = await runAgainstReference([], {});
    const { report } = await runAgainstReference([], { include: ["STATUS"] });
    expect(validateReport(report).errors).toEqual([]);
    const judged = report.requirements.filter((r) => !r.notSelected);
    expect(judged.map((r) => [r.id, r.status])).toEqual(ids("STATUS").map((id) => [id, "passed"]));
    for (const r of report.requirements.filter((x) => x.notSelected)) {
      expect(r.status, r.id).toBe("skipped");
      expect(r.reason, r.id).toBe("not selected: not in --include STATUS; not judged, no evidence either way");
      expect(r.checks).toBe(0);
    }
    expect(report.summary).toMatchObject({ passed: ids("STATUS").length, failed: 0, errored: 0, skipped: REQUIREMENTS.length - ids("STATUS").length, notSelected: REQUIREMENTS.length - ids("STATUS").length });
    expect(report.selection).toMatchObject({ include: ["STATUS"], exclude: [], selected: ids("STATUS").length, notSelected: REQUIREMENTS.length - ids("STATUS").length });
    expect(report.selection!.probesNotSent).toBeGreaterThan(0);
    expect(report.summary.requests).toBeLessThan(full.report.summary.requests / 2);
    expect(full.report.selection).toBeUndefined();
  }, 60_000);

  it("a fault in the selection fails it; a fault left out is not judged", async () => {
    const caught = await runAgainstReference(["status-uppercase"], { include: ["STATUS-ENUM"] });
    expect(caught.report.verdict).toBe("non-conformant");
    expect(caught.report.requirements.filter((r) => r.status === "failed").map((r) => r.id)).toEqual(["STATUS-ENUM"]);
    const excluded = await runAgainstReference(["status-uppercase"], { exclude: ["STATUS"], level: "must" });
    expect(excluded.report.requirements.find((r) => r.id === "STATUS-ENUM")).toMatchObject({ status: "skipped", notSelected: true, reason: "not selected: --exclude STATUS; not judged, no evidence either way" });
    expect(excluded.report.requirements.filter((r) => r.status === "failed")).toEqual([]);
  }, 60_000);
});
