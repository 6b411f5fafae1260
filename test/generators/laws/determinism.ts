import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  certificateOptionsArbitrary, failureEnvelopeArbitrary, fakerArbitrary, fakerPoolArbitrary, identifierArbitrary, subjectArbitrary, successEnvelopeArbitrary,
  type CertificateResult,
} from "../../../generators/index.ts";
import { resultPool } from "../support/pool.ts";
import { same } from "../support/check.ts";
import { holds, RUNS, SEED } from "../support/seed.ts";

/** One value of `arb` for `seed`, twice, with other faker draws in between: the two are the same. */
const replays = <T>(arb: fc.Arbitrary<T>, noise: fc.Arbitrary<unknown>) => (seed: number) => {
  const first = fc.sample(arb, { seed, numRuns: 1 });
  fc.sample(noise, { seed: seed ^ 0x5bd1e995, numRuns: 1 });
  same(fc.sample(arb, { seed, numRuns: 1 }), first, `seed ${seed}`);
};

/** The same seed gives the same samples. */
export function determinismLaws(): void {
  let pool: CertificateResult[];
  beforeAll(async () => {
    pool = await resultPool();
  });

  describe(`the same seed gives the same samples (seed ${SEED}, ${RUNS} seeds each)`, () => {
    it("certificate options (faker seeded from fast-check), whatever faker drew in between", () => {
      holds(fc.property(fc.integer(), replays(certificateOptionsArbitrary(), fakerArbitrary((f) => f.company.name()))));
    });
    it("200 envelopes (faker pools)", () => {
      holds(fc.property(fc.integer(), replays(successEnvelopeArbitrary(pool), fakerPoolArbitrary("company", (f) => f.company.name(), "fr"))));
    });
    it("4xx envelopes and identifiers", () => {
      holds(fc.property(fc.integer(), replays(fc.tuple(failureEnvelopeArbitrary(), identifierArbitrary()), fakerArbitrary((f) => f.hacker.phrase()))));
    });
    it("different seeds give different subjects", () => {
      const names = fc.sample(subjectArbitrary(), { seed: SEED, numRuns: RUNS }).map((s) => JSON.stringify(s));
      expect(new Set(names).size).toBeGreaterThan(RUNS * 0.95);
    });
  });
}
