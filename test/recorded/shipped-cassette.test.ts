import { describe, expect, it } from "vitest";
import { runConfigFrom } from "../../src/run/config.ts";
import { runConformance } from "../../src/run/run-conformance.ts";
import { readManifest } from "../../src/targets/cassette.ts";
import { DEFAULT_CASSETTE, prepareRecordedTarget } from "../../src/targets/recorded.ts";

describe("the shipped cassette", () => {
  it("says it was recorded from the reference implementation", () => {
    expect(readManifest(DEFAULT_CASSETTE).source).toMatch(/^reference implementation/);
  });

  it("replays every request the run plans (not stale) and is conformant with every requirement passed", async () => {
    const target = await prepareRecordedTarget(runConfigFrom({ quiet: true }, {}));
    try {
      const { report, results } = await runConformance(target.config, { evaluator: "in-process", writeReports: false, reviewExchange: target.reviewExchange });
      const notRecorded = results.filter((r) => r.exchange.error?.kind === "not-recorded").map((r) => r.probe.label);
      expect(notRecorded, "the cassette is stale: run `npm run fixtures:record`").toEqual([]);
      expect(report.requirements.filter((r) => r.status !== "passed").map((r) => r.id)).toEqual([]);
      expect(report.target).toMatchObject({ kind: "recorded", cassette: DEFAULT_CASSETTE });
    } finally {
      await target.close();
    }
  });
});
