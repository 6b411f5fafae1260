import { describe, expect, it } from "vitest";
import { FAULTS } from "../../src/reference/faults/index.ts";
import { REQUIREMENTS } from "../../src/registry/index.ts";
import { coveringSample, faultsUnderTest } from "../support/fault-sample.ts";
import { faultTimeoutMs, runAgainstReference } from "../support/reference-run.ts";

/**
 * The suite proves itself: conformant against the reference with no failure at any
 * level, and non-conformant against every catalogued fault, failing the requirement
 * the fault is tagged with: every fault under `npm run test:long`, a covering sample (a fault
 * for every requirement) under `npm test` (test/support/fault-sample.ts).
 */
describe("self-certification matrix", () => {
  it("the reference implementation is conformant, with no failure, error or skip at any level", async () => {
    const { report } = await runAgainstReference([], { level: "may" });
    const notPassed = report.requirements.filter((r) => r.status !== "passed").map((r) => `${r.id}: ${r.status} ${r.reason ?? r.failures[0]?.message ?? ""}`);
    expect(notPassed).toEqual([]);
    expect(report.verdict).toBe("conformant");
  });

  it.each(faultsUnderTest(FAULTS).map((f) => [f.name, f] as const))("fault %s trips what it is tagged with", async (_name, fault) => {
    const { report } = await runAgainstReference([fault.name], { level: "may", timeoutMs: faultTimeoutMs(fault) });
    const expected = fault.expect ?? "failed";
    const statuses = Object.fromEntries(report.requirements.map((r) => [r.id, r.status]));
    for (const id of fault.trips) expect(`${id}: ${statuses[id]}`).toBe(`${id}: ${expected}`);
    expect(report.verdict).toBe(expected === "failed" ? "non-conformant" : "error");
    // Only what the fault claims (and its declared knock-on effects) may fail.
    const allowed = new Set([...fault.trips, ...(fault.incidental ?? [])]);
    const unexpected = report.requirements.filter((r) => r.status === "failed" && !allowed.has(r.id)).map((r) => `${r.id}: ${r.failures[0]?.message}`);
    expect(unexpected).toEqual([]);
  });

  it("npm test's sample trips every requirement the catalogue trips, and keeps every fault that ends errored", () => {
    const sample = coveringSample(FAULTS);
    expect(new Set(sample.flatMap((f) => f.trips))).toEqual(new Set(FAULTS.flatMap((f) => f.trips)));
    expect(FAULTS.filter((f) => f.expect === "errored").every((f) => sample.includes(f))).toBe(true);
    expect(sample.length).toBeLessThan(FAULTS.length);
  });

  it("every requirement is tripped by some fault, or says in the registry why none can", () => {
    const tripped = new Set(FAULTS.flatMap((f) => f.trips));
    const uncovered = REQUIREMENTS.filter((r) => !tripped.has(r.id) && !r.untrippable).map((r) => r.id);
    expect(uncovered).toEqual([]);
  });
});
