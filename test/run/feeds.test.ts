import { describe, expect, it } from "vitest";
import { judgedBy, probeFeeds } from "../../src/run/feeds.ts";
import { loadOperationSpec } from "../../src/schema/operation-spec.ts";
import { runAgainstReference } from "../support/reference-run.ts";
import { planRun } from "../../src/run/run-plan.ts";
import type { RunConfig } from "../../src/run/config.ts";
import { ALL_CHECKS } from "../../suites/index.ts";

describe("the requirements each probe feeds (dry run, selection)", () => {
  it("name every requirement whose check judged that probe in a real run against the reference", async () => {
    const { results, report } = await runAgainstReference([], {});
    expect(report.verdict).toBe("conformant");
    const spec = loadOperationSpec({});
    const reads = results.filter((r) => r.probe.kind === "read");
    const zoneId = results[0]!.probe.zoneId;
    const certificateIds = [...new Set(reads.map((r) => r.probe.certificateId!))];
    const schemes = [...new Set(reads.map((r) => r.probe.scheme!))];
    const real = judgedBy({ zoneId, certificateIds, schemes, results, spec: {} }, spec, ALL_CHECKS);
    const fixed = results.filter((r) => r.probe.kind !== "control" && !r.probe.key.includes(":fuzz-"));
    const planned = probeFeeds({ checks: ALL_CHECKS, spec, specRequest: {}, zoneId, certificateIds, schemes, probes: fixed.map((r) => r.probe) });
    const missing = fixed.flatMap((r) => (real.get(r.probe.key) ?? []).filter((id) => !planned.get(r.probe.key)!.includes(id)).map((id) => `${r.probe.key} ${id}`));
    expect(missing).toEqual([]);
    // The fuzzed identifiers: what they fed is what the plan says the fuzzing feeds.
    const config = { target: { kind: "url", baseUrl: "" }, spec: {}, zoneId, certificateIds, schemes, credentials: {}, budget: 1000, seed: 1, gatingLevel: "must" } as unknown as RunConfig;
    const fuzzFeeds = planRun({ config, spec, certificateIds, requestsSent: 0, checks: ALL_CHECKS }, true).fuzz.feeds;
    const fuzzed = results.filter((r) => r.probe.key.includes(":fuzz-"));
    expect(fuzzed.length).toBeGreaterThan(0);
    for (const r of fuzzed) expect(fuzzFeeds, r.probe.key).toEqual(expect.arrayContaining(real.get(r.probe.key)!));
  }, 60_000);
});
