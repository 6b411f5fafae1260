import { describe, expect, it } from "vitest";
import { applicableNearMisses } from "../../src/http/index.ts";
import { fitToBudget, planProbes, type ProbePlanInput } from "../../src/run/probes.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const A = "a".repeat(32);
const B = "b".repeat(32);
const CREDENTIALS = { token: "T0ken-with-Letters-and-digits-0123456789", email: "someone@example.com", apiKey: "0123456789abcdef0123456789abcdef01234" };
const input: ProbePlanInput = {
  spec: seedSpec(), zoneId: ZONE, certificateIds: [A, B], schemes: ["token", "key"], seed: 42, nearMisses: applicableNearMisses(CREDENTIALS),
};

describe("the probe plan", () => {
  it("reads the first certificate with every scheme, the scheme the document declares first, then again, then the second certificate", () => {
    const reads = planProbes(input).filter((p) => p.kind === "read").map((p) => p.key);
    // The seed declares api_email + api_key: reads, re-reads and control reads use that scheme first.
    expect(reads).toEqual([`read:${A}:key`, `read:${A}:token`, `read:${B}:key`, `read:${A}:key:again`, `read:${B}:token`]);
  });

  it("has every credential case and near miss, and identifier cases in both positions, made up and derived from the real ids", () => {
    const probes = planProbes(input);
    expect(new Set(probes.filter((p) => p.kind === "auth").map((p) => p.authCase)).size).toBe(8 + 7);
    expect(probes.filter((p) => p.idCase === "overlong" && !p.derived).map((p) => [p.idPosition, (p.idPosition === "zone" ? p.zoneId : p.certificateId)!.length]).slice(0, 6))
      .toEqual([["zone", 33], ["certificate", 33], ["zone", 64], ["certificate", 64], ["zone", 256], ["certificate", 256]]);
    const derived = probes.filter((p) => p.derived).map((p) => (p.idPosition === "zone" ? p.zoneId : p.certificateId));
    expect(derived).toEqual(expect.arrayContaining([`${ZONE}0`, `${A}0`, ZONE.slice(0, -1), A.slice(0, -1), A.toUpperCase(), `${A}.json`, `${A}%2Ejson`, `${A};v=1`, `${A}%3Bv%3D1`, `${A}%00x`, `${A}%20`, `${A}%2F`, `${A}/`]));
    expect(probes.some((p) => p.idCase === "unknown" && !p.derived)).toBe(true);
    expect(probes.some((p) => p.idCase === "other-zone" && p.certificateId === A)).toBe(true);
  });

  it("takes its limits from the document: one past the zone parameter's maxLength", () => {
    const spec = Object.create(seedSpec(), { maxLength: { value: (which: "zone" | "certificate") => (which === "zone" ? 40 : 32) } });
    const lengths = planProbes({ ...input, spec }).filter((p) => p.idCase === "overlong" && !p.derived && p.idPosition === "zone").map((p) => p.zoneId.length);
    expect(lengths).toEqual([41, 80, 320]);
  });

  it("puts one probe of each kind first (priority 0) and every second sample after", () => {
    const probes = planProbes(input);
    const firstPass = probes.filter((p) => p.priority === 0);
    expect(probes.slice(0, firstPass.length)).toEqual(firstPass);
    expect(new Set(firstPass.map((p) => p.kind))).toEqual(new Set(["read", "auth", "id"]));
    expect(new Set(firstPass.filter((p) => p.kind === "id").map((p) => p.idCase))).toEqual(new Set(["overlong", "malformed", "unknown", "other-zone"]));
    // --budget 20: one request to discover, two kept for control reads, the first pass in the rest.
    expect(firstPass.length).toBeLessThanOrEqual(20 - 1 - 2);
  });

  it("fits a budget: never more than the room, the rest listed as left out", () => {
    const probes = planProbes(input);
    const { planned, leftOut } = fitToBudget(probes, 10);
    expect(planned).toHaveLength(10);
    expect([...planned, ...leftOut]).toEqual(probes);
    expect(fitToBudget(probes, -3).planned).toEqual([]);
  });

  it("is the same for the same seed and different for another; keys are unique", () => {
    expect(planProbes(input)).toEqual(planProbes(input));
    expect(planProbes({ ...input, seed: 43 })).not.toEqual(planProbes(input));
    const keys = planProbes(input).map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("marks made-up credential values public, and no near miss of a configured secret", () => {
    for (const p of planProbes(input)) {
      const nearMissOfSecret = typeof p.auth === "object" && "nearMiss" in p.auth && !["key-wrong", "email-wrong"].includes(p.auth.nearMiss);
      expect(p.publicHeaderValues === true, p.key).toBe(p.kind === "auth" && !nearMissOfSecret);
    }
  });
});
