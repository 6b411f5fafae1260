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
  it("reads each certificate with every scheme, the scheme the document declares first, the first again, then the first asked every other legitimate way", () => {
    const plain = planProbes(input).filter((p) => p.kind === "read" && !p.variant).map((p) => p.key);
    // The seed declares api_email + api_key: reads, re-reads and control reads use that scheme first.
    expect(plain).toEqual([`read:${A}:key`, `read:${A}:token`, `read:${B}:key`, `read:${A}:key:again`, `read:${B}:token`]);
    const variants = planProbes(input).filter((p) => p.kind === "read" && p.variant).map((p) => p.variant);
    expect(new Set(variants)).toEqual(new Set([
      "accept-any", "accept-absent", "accept-application-any", "accept-json-weighted", "accept-html", "encoding-gzip", "encoding-br", "encoding-absent",
      "encoding-gzip-refused", "header-names-upper-case", "if-none-match-unissued", "http-1.0", "keep-alive-first", "keep-alive-second", "percent-encoded-digits", "credential-spelling",
    ]));
    // The re-read asks the server to close the connection after it, and waits to see it closed.
    expect(planProbes(input).find((p) => p.repeat)?.awaitClose).toBe(true);
  });

  it("has every credential case, near miss, misplaced credential and respelling, and identifier cases in both positions, made up and derived from the real ids", () => {
    const probes = planProbes(input);
    expect(new Set(probes.filter((p) => p.kind === "auth").map((p) => p.authCase)).size).toBe(8 + 9 + 4);
    expect(probes.filter((p) => p.variant === "credential-spelling").map((p) => p.authCase)).toEqual(["bearer-lower-case", "bearer-upper-case", "bearer-two-spaces"]);
    expect(probes.filter((p) => p.idCase === "overlong" && !p.derived).map((p) => [p.idPosition, (p.idPosition === "zone" ? p.zoneId : p.certificateId)!.length]).slice(0, 2))
      .toEqual([["zone", 33], ["certificate", 33]]);
    const derived = probes.filter((p) => p.derived).map((p) => (p.idPosition === "zone" ? p.zoneId : p.certificateId));
    expect(derived).toEqual(expect.arrayContaining([`${ZONE}0`, `${A}0`, ZONE.slice(0, -1), A.slice(0, -1), A.toUpperCase(), `${A}.json`, `${A};v=1`, `${A}%00x`, `${A}%20`, `${A}%2F`, `${A}/`, `${A}%0A`, `%20${A}`]));
    expect(probes.some((p) => p.idCase === "unknown" && !p.derived)).toBe(true);
    expect(probes.some((p) => p.idCase === "other-zone" && p.certificateId === A)).toBe(true);
    expect(probes.filter((p) => p.kind === "path").map((p) => p.path)).toEqual(expect.arrayContaining([`/zones/${ZONE}/Client_certificates/${A}`, `/zones/${ZONE}/client_certificate/${A}`]));
  });

  it("pairs the refusals that must not tell whether a certificate exists", () => {
    const probes = planProbes(input);
    const keys = new Set(probes.map((p) => p.key));
    const pairs = probes.filter((p) => p.sameAnswerAs);
    expect(pairs.map((p) => [p.key, p.sameAnswerAs!.key]).sort()).toEqual([
      ["auth:missing:unknown-certificate", "auth:missing"], ["auth:wrong-token:unknown-certificate", "auth:wrong-token"], ["id:other-zone:zone:unknown", "id:other-zone:zone:0"],
    ]);
    for (const p of pairs) expect(keys.has(p.sameAnswerAs!.key), p.key).toBe(true);
  });

  it("with a second zone, reads across zones both ways", () => {
    const probes = planProbes({ ...input, otherZone: { zoneId: "e".repeat(32), certificateIds: ["c".repeat(32)] } });
    const across = probes.filter((p) => p.otherZone);
    expect(across.map((p) => p.path)).toEqual([`/zones/${"e".repeat(32)}/client_certificates/${A}`, `/zones/${ZONE}/client_certificates/${"c".repeat(32)}`]);
    expect(across[1]!.sameAnswerAs).toEqual({ key: "id:unknown:certificate:0", requirement: "ID-EXISTENCE-HIDDEN" });
  });

  it("takes its limits from the document: one past the zone parameter's maxLength", () => {
    const spec = Object.create(seedSpec(), { maxLength: { value: (which: "zone" | "certificate") => (which === "zone" ? 40 : 32) } });
    const lengths = planProbes({ ...input, spec }).filter((p) => p.idCase === "overlong" && !p.derived && p.idPosition === "zone").map((p) => p.zoneId.length);
    expect(lengths).toEqual([41]);
  });

  it("puts one probe of each kind first (priority 0) and every second sample after", () => {
    const probes = planProbes(input);
    const firstPass = probes.filter((p) => p.priority === 0);
    expect(probes.slice(0, firstPass.length)).toEqual(firstPass);
    expect(new Set(firstPass.map((p) => p.kind))).toEqual(new Set(["read", "auth", "id", "path"]));
    expect(new Set(firstPass.filter((p) => p.kind === "id").map((p) => p.idCase))).toEqual(new Set(["overlong", "malformed", "unknown", "other-zone"]));
    // --budget 40: one request to discover, the second zone's two, four kept for control reads, the first pass in the rest.
    expect(firstPass.length).toBeLessThanOrEqual(40 - 3 - 4);
  });

  it("fits a budget: never more than the room, the rest listed as left out", () => {
    const probes = planProbes(input);
    const { planned, leftOut } = fitToBudget(probes, 10);
    expect(planned).toHaveLength(10);
    expect([...planned, ...leftOut]).toEqual(probes);
    expect(fitToBudget(probes, -3).planned).toEqual([]);
  });

  it("is the same for every seed (the seed shapes only the fuzzed samples); keys are unique", () => {
    expect(planProbes({ ...input, seed: 43 })).toEqual(planProbes(input));
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
