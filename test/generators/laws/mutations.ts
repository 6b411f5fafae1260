import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ALL_MUTATIONS, consistentSuccessEnvelopeArbitrary, EXCHANGE_CASES, FAILURE_MUTATIONS, failureEnvelopeArbitrary, isRequestOf,
  SUCCESS_MUTATIONS, successEnvelopeArbitrary, tagUnder, X509_MUTATIONS,
  type CertificateResult, type Mutation,
} from "../../../generators/index.ts";
import { applicableNearMisses } from "../../../src/http/index.ts";
import { FAMILIES, REQUIREMENTS, requirementById } from "../../../src/registry/index.ts";
import { planMethodProbes } from "../../../src/run/plan-methods.ts";
import { planProbes } from "../../../src/run/probes.ts";
import { PROFILES, responseValidator, type Profile } from "../../../src/schema/validator.ts";
import type { ResponseClass } from "../../../src/schema/extract.ts";
import { seedSpec } from "../../../src/schema/operation-spec.ts";
import { ensure, same, sorted } from "../support/check.ts";
import { resultPool } from "../support/pool.ts";
import { holds, RUNS, SEED } from "../support/seed.ts";

/** Each law draws (mutation, sample) pairs: this many per mutation on average, and never fewer than RUNS in all. */
const PER_MUTATION = 20;
const runsFor = (mutations: readonly unknown[]) => Math.max(RUNS, PER_MUTATION * mutations.length);

/** Counts how often each mutation ran, to show every one was exercised. */
function tally() {
  const seen = new Map<string, number>();
  return {
    saw: (m: Mutation) => seen.set(m.name, (seen.get(m.name) ?? 0) + 1),
    expectEach: (mutations: readonly Mutation[], atLeast: number) => {
      for (const m of mutations) expect(seen.get(m.name) ?? 0, m.name).toBeGreaterThanOrEqual(atLeast);
    },
  };
}

/** `broken` holds the mutation's requirement (as the seed makes it) and nothing but what it declares it may break too. */
function expectBreaks(m: Mutation, broken: string[], where = ""): void {
  const { requirement } = tagUnder(m, seedSpec());
  ensure(broken.includes(requirement.id), () => `${m.name}${where} does not break ${requirement.id} (broken: ${broken.join(", ") || "nothing"})`);
  const allowed = new Set([requirement.id, ...m.alsoBreaks]);
  same(broken.filter((id) => !allowed.has(id)), [], `${m.name}${where}: unrelated requirements`);
}

/** Under the profiles `m` names, the validator reports its requirement (and nothing unrelated); under the others, nothing. */
function expectSchemaVerdict(m: Mutation, cls: ResponseClass, mutated: unknown, profile: Profile): void {
  const reported = sorted(responseValidator().validate(cls, mutated, profile).map((v) => v.requirementId));
  if (tagUnder(m, seedSpec()).profiles.includes(profile)) expectBreaks(m, reported, ` under ${profile}`);
  else same(reported, [], `${m.name} must pass ${profile}`);
}

/** Every mutation fails, for the requirement it is tagged with and nothing unrelated. */
export function mutationLaws(): void {
  let pool: CertificateResult[];
  beforeAll(async () => {
    pool = await resultPool();
  });

  describe(`the mutation catalogue (seed ${SEED})`, () => {
    it("has unique names, known requirements, and mutations in every family", () => {
      const names = ALL_MUTATIONS.map((m) => m.name);
      expect(new Set(names).size).toBe(names.length);
      for (const m of ALL_MUTATIONS) expect(requirementById(m.requirement.id)).toBe(m.requirement);
      const families = new Set(ALL_MUTATIONS.map((m) => m.requirement.family));
      expect([...FAMILIES].filter((f) => !families.has(f))).toEqual([]);
    });

    it("tags every requirement of the registry (under the seed document): each is failed by some mutation", () => {
      const tagged = new Set(ALL_MUTATIONS.map((m) => tagUnder(m, seedSpec()).requirement.id));
      expect(REQUIREMENTS.filter((r) => !tagged.has(r.id)).map((r) => r.id)).toEqual([]);
    });

    it("aims only at requests a run sends: every kind of request but the control read (sent when answers go missing) is in a URL run's plan with both schemes", () => {
      const credentials = { token: "Zx9cYv8bUn7mTk6lOp5iRe4wQa3sDf2gHj1kL0zX", email: "owner@example.com", apiKey: "0123456789abcdef0123456789abcdef01234" };
      const plan = [
        ...planProbes({ spec: seedSpec(), zoneId: "f".repeat(32), certificateIds: ["a".repeat(32), "b".repeat(32)], schemes: ["key", "token"], seed: SEED, nearMisses: applicableNearMisses(credentials) }),
        ...planMethodProbes(seedSpec(), "f".repeat(32), "a".repeat(32)),
      ];
      expect(EXCHANGE_CASES.filter((c) => c !== "control" && !plan.some((p) => isRequestOf(c, p)))).toEqual([]);
    });

    it("tags X509 mutations x509 and HTTP/AUTH mutations response- or exchange-level", () => {
      for (const m of ALL_MUTATIONS) {
        if (m.requirement.family === "X509") expect(m.kind, m.name).toBe("x509");
        if (m.requirement.family === "HTTP" || m.requirement.family === "AUTH") expect(["response", "exchange"], m.name).toContain(m.kind);
      }
    });
  });

  describe(`every mutation fails for the requirement it is tagged with (seed ${SEED})`, () => {
    it(`200 schema mutations, under the profiles they name and no others (${runsFor(SUCCESS_MUTATIONS)} runs)`, () => {
      const t = tally();
      holds(fc.property(fc.constantFrom(...SUCCESS_MUTATIONS), successEnvelopeArbitrary(pool), (m, body) => {
        t.saw(m);
        const mutated = m.apply(structuredClone(body));
        for (const profile of PROFILES) expectSchemaVerdict(m, "success-200", mutated, profile);
      }), runsFor(SUCCESS_MUTATIONS));
      t.expectEach(SUCCESS_MUTATIONS, 5);
    });

    it(`4xx schema mutations, under the profiles they name and no others (${runsFor(FAILURE_MUTATIONS)} runs)`, () => {
      const t = tally();
      holds(fc.property(fc.constantFrom(...FAILURE_MUTATIONS), failureEnvelopeArbitrary(), (m, body) => {
        t.saw(m);
        const mutated = m.apply(structuredClone(body));
        for (const profile of PROFILES) expectSchemaVerdict(m, "failure-4xx", mutated, profile);
      }), runsFor(FAILURE_MUTATIONS));
      t.expectEach(FAILURE_MUTATIONS, 5);
    });

    // What the X509, response and exchange mutations break is judged by the suites' own checks, in the
    // generator-driven matrix (test/matrix/generated-matrix.test.ts); here, only what the validator alone can say.
    it(`X509 mutations stay schema-valid under both profiles: only a comparison with the certificate finds them (${runsFor(X509_MUTATIONS)} runs)`, () => {
      const t = tally();
      holds(fc.property(fc.constantFrom(...X509_MUTATIONS), consistentSuccessEnvelopeArbitrary(pool), (m, body) => {
        t.saw(m);
        const mutated = m.apply(structuredClone(body));
        for (const profile of PROFILES) same(responseValidator().validate("success-200", mutated, profile), [], `${m.name} under ${profile}`);
      }), runsFor(X509_MUTATIONS));
      t.expectEach(X509_MUTATIONS, 5);
    });
  });
}
