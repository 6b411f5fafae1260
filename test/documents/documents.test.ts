import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { FAILURE_MUTATIONS, failureEnvelopeArbitrary, SUCCESS_MUTATIONS, successEnvelopeArbitrary, tagUnder, type CertificateResult, type Mutation } from "../../generators/index.ts";
import { configuredSchemes } from "../../src/http/index.ts";
import { FAULTS } from "../../src/reference/faults/index.ts";
import { startReferenceServer } from "../../src/reference/index.ts";
import type { RunConfig } from "../../src/run/config.ts";
import { runConformance } from "../../src/run/run-conformance.ts";
import { seedSpec, type OperationSpec } from "../../src/schema/operation-spec.ts";
import { PROFILES, responseValidator } from "../../src/schema/validator.ts";
import { writeCassette } from "../../src/targets/cassette.ts";
import { prepareRecordedTarget } from "../../src/targets/recorded.ts";
import { resultPool } from "../generators/support/pool.ts";
import { fullMatrix } from "../support/fault-sample.ts";
import { faultTimeoutMs, runAgainstReference } from "../support/reference-run.ts";
import { UPSTREAM_LAYOUT, upstreamRevisions, type SpecUnderTest } from "../support/specs.ts";

/**
 * The whole suite on each document other than the seed (the rest of `npm test` is the seed's):
 * the validator judges as it does with the seed wherever the versions agree, the reference is
 * conformant and its faults trip what they are tagged with, and a recorded run replays.
 * Every way a document differs from the seed is named here.
 */
const SAMPLE_FAULTS = ["status-uppercase", "result-missing-members", "success-missing-messages", "failure-errors-empty", "failure-result-not-null", "fingerprint-mismatch", "overlong-zone-id-served", "any-token-accepted", "key-scheme-refused", "success-false-on-200"];

/**
 * The seed's verdict on a mutated body, moved to what the mutation breaks under `spec` where the
 * versions differ (each mutation names such differences: see `underDocument` in generators/mutation.ts;
 * e.g. from 2024-02-16 on the envelope does not require result).
 */
function expectedVerdictOnDocument(spec: OperationSpec, seedVerdict: string[], m: Mutation): string[] {
  const [here, there] = [tagUnder(m, seedSpec()), tagUnder(m, spec)];
  if (here.requirement.id === there.requirement.id && same(here.profiles, there.profiles)) return seedVerdict;
  const moved = seedVerdict.filter((v) => !here.profiles.some((p) => v === `${p} ${here.requirement.id}`));
  return [...moved, ...there.profiles.map((p) => `${p} ${there.requirement.id}`)].sort();
}
const same = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b);

const documents: SpecUnderTest[] = [UPSTREAM_LAYOUT, ...upstreamRevisions()];

describe.each(documents.map((d) => [d.name, d] as const))("the suite on %s", (_name, under) => {
  const spec = under.load();
  const real = under.upstream !== undefined;

  describe("the validator", () => {
    let pool: CertificateResult[];
    beforeAll(async () => { pool = await resultPool(); });

    it("judges every generated body and every mutation as with the seed, but for the named differences", () => {
      const seed = responseValidator(seedSpec());
      const other = responseValidator(spec);
      const verdict = (v: typeof seed, cls: "success-200" | "failure-4xx", body: unknown) =>
        PROFILES.flatMap((p) => [...new Set(v.validate(cls, body, p).map((x) => `${p} ${x.requirementId}`))].sort());
      fc.assert(fc.property(fc.integer({ min: 0, max: 1_000 }), successEnvelopeArbitrary(pool), failureEnvelopeArbitrary(), (i, success, failure) => {
        expect(verdict(other, "success-200", success)).toEqual([]);
        expect(verdict(other, "failure-4xx", failure)).toEqual([]);
        const m = SUCCESS_MUTATIONS[i % SUCCESS_MUTATIONS.length]!;
        const mutated = m.apply(structuredClone(success));
        expect(verdict(other, "success-200", mutated), m.name).toEqual(expectedVerdictOnDocument(spec, verdict(seed, "success-200", mutated), m));
        const f = FAILURE_MUTATIONS[i % FAILURE_MUTATIONS.length]!;
        const broken = f.apply(structuredClone(failure));
        expect(verdict(other, "failure-4xx", broken), f.name).toEqual(expectedVerdictOnDocument(spec, verdict(seed, "failure-4xx", broken), f));
      }), { seed: 20261201, numRuns: 300 });
    });
  });

  it("the reference is conformant at every level, nothing skipped or errored", async () => {
    const { report } = await runAgainstReference([], { level: "may", spec: { path: under.path } });
    expect(report.requirements.filter((r) => r.status !== "passed").map((r) => `${r.id}: ${r.status} ${r.reason ?? r.failures[0]?.message ?? ""}`)).toEqual([]);
    expect(report.suite.spec.sha256).toBe(spec.source.sha256);
    expect(report.requirements.every((r) => !r.spec.includes("{zone_identifier}") || spec.parameters.zone.name === "zone_identifier")).toBe(true);
  });

  // A sample of the faults on each document: on the hand-written one in `npm test`, on the real revisions in
  // `npm run test:long` (CI); every fault on the real revisions when CONFORMANCE_UPSTREAM_MATRIX=full (the weekly workflow).
  const sample = FAULTS.filter((f) => SAMPLE_FAULTS.includes(f.name));
  const faults = !real ? sample : process.env.CONFORMANCE_UPSTREAM_MATRIX === "full" ? FAULTS : fullMatrix() ? sample : [];
  it("samples only catalogued faults", () => expect(SAMPLE_FAULTS.filter((n) => !FAULTS.some((f) => f.name === n))).toEqual([]));
  it.each(faults.map((f) => [f.name, f] as const))("fault %s trips what it is tagged with", async (_n, fault) => {
    const { report } = await runAgainstReference([fault.name], { level: "may", timeoutMs: faultTimeoutMs(fault), spec: { path: under.path } });
    const statuses = Object.fromEntries(report.requirements.map((r) => [r.id, r.status]));
    for (const id of fault.trips) expect(`${id}: ${statuses[id]}`).toBe(`${id}: ${fault.expect ?? "failed"}`);
    const allowed = new Set([...fault.trips, ...(fault.incidental ?? [])]);
    expect(report.requirements.filter((r) => r.status === "failed" && !allowed.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it("a run recorded against the reference replays to the same statuses", async () => {
    const server = await startReferenceServer({ port: 0, rate: 1_000_000, seed: 3 });
    const dir = mkdtempSync(join(tmpdir(), "documents-"));
    try {
      const config: RunConfig = {
        target: { kind: "url", baseUrl: server.baseUrl }, spec: { path: under.path }, zoneId: server.zoneId, certificateIds: [],
        credentials: server.credentials, schemes: configuredSchemes(server.credentials), outDir: dir, gatingLevel: "may", seed: 5, budget: 1_000, rate: 0, timeoutMs: 2_000, quiet: true,
      };
      const recorded = await runConformance(config, { evaluator: "in-process", writeReports: false });
      writeCassette(join(dir, "cassette"), {
        manifest: { suite: recorded.report.suite, spec: recorded.report.suite.spec, seed: 5, target: { kind: "url", baseUrl: server.baseUrl }, source: "test", recordedAt: recorded.report.finishedAt, zoneId: server.zoneId, certificateIds: [], schemes: config.schemes, budget: 1_000 },
        exchanges: recorded.exchanges, credentials: server.credentials,
      });
      const target = await prepareRecordedTarget({ ...config, target: { kind: "recorded", baseUrl: "", cassette: join(dir, "cassette") } });
      try {
        const replayed = await runConformance(target.config, { evaluator: "in-process", writeReports: false, reviewExchange: target.reviewExchange });
        // A cassette keeps the wire evidence judged when it was recorded, so replay judges every requirement as the recording did.
        const statuses = (r: typeof recorded) => r.report.requirements.map((x) => `${x.id}: ${x.status}`);
        expect(statuses(replayed)).toEqual(statuses(recorded));
        expect(replayed.report.suite.spec.sha256).toBe(spec.source.sha256);
      } finally {
        await target.close();
      }
    } finally {
      await server.close();
    }
  });
});
