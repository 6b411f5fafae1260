import fc from "fast-check";

/** The seed of every generator law; printed in each describe title so a failure can be replayed. */
export const SEED = 20261127;

/** Samples per law (the issue asks for at least 1,000). */
export const RUNS = 1000;

/** fc.assert with the fixed seed and RUNS (or more) runs. */
export function holds<Ts>(property: fc.IProperty<Ts>, numRuns = RUNS): void {
  fc.assert(property, { seed: SEED, numRuns });
}
