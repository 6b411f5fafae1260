import { describe, expect, it } from "vitest";
import { planProbes, type ProbePlanInput } from "../../src/run/probes.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";

const input: ProbePlanInput = {
  spec: seedSpec(), zoneId: "023e105f4ecef8ad9ca31a8372d0c353", certificateIds: ["a".repeat(32), "b".repeat(32)], schemes: ["token", "key"], seed: 42, budget: 1000,
  malformedIdentifiers: Array.from({ length: 100 }, (_, i) => ({ value: `bad-${i}`, class: "malformed", label: `sample ${i}` })),
};

describe("the probe plan", () => {
  it("reads every certificate with every configured scheme, first", () => {
    const probes = planProbes(input);
    expect(probes.slice(0, 4).map((p) => p.key)).toEqual([`read:${"a".repeat(32)}:token`, `read:${"a".repeat(32)}:key`, `read:${"b".repeat(32)}:token`, `read:${"b".repeat(32)}:key`]);
  });

  it("has every credential case and identifier case, in both positions", () => {
    const probes = planProbes(input);
    expect(new Set(probes.filter((p) => p.kind === "auth").map((p) => p.authCase)).size).toBe(8);
    expect(probes.filter((p) => p.idCase === "overlong").map((p) => [p.idPosition, (p.idPosition === "zone" ? p.zoneId : p.certificateId)!.length])).toEqual([["zone", 33], ["certificate", 33], ["zone", 64], ["certificate", 64], ["zone", 256], ["certificate", 256]]);
    expect(probes.some((p) => p.idCase === "unknown")).toBe(true);
    expect(probes.some((p) => p.idCase === "other-zone" && p.certificateId === "a".repeat(32))).toBe(true);
  });

  it("is the same for the same seed and different for another", () => {
    expect(planProbes(input)).toEqual(planProbes(input));
    expect(planProbes({ ...input, seed: 43 })).not.toEqual(planProbes(input));
  });

  it("keys are unique", () => {
    const keys = planProbes(input).map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("fuzzes within the budget, 40 malformed identifiers at most", () => {
    const fixed = planProbes({ ...input, malformedIdentifiers: [] }).length;
    expect(planProbes(input).filter((p) => p.idCase === "malformed")).toHaveLength(40);
    expect(planProbes({ ...input, budget: fixed + 5 }).filter((p) => p.idCase === "malformed")).toHaveLength(5);
    expect(planProbes({ ...input, budget: fixed - 1 }).filter((p) => p.idCase === "malformed")).toHaveLength(0);
  });

  it("marks made-up credential values public, and only those", () => {
    for (const p of planProbes(input)) expect(p.publicHeaderValues === true).toBe(p.kind === "auth");
  });
});
