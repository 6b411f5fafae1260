import type { Fault } from "../../src/reference/index.ts";

/**
 * Which catalogued faults a test file runs. `npm test` (under two minutes on two cores) takes a
 * covering sample: for every requirement some fault trips, one fault that trips it (chosen greedily,
 * in catalogue order, so the sample is the same on every machine), and every fault whose run must
 * end errored rather than failed (the verdict's other path).
 * `npm run test:long` (CONFORMANCE_MATRIX=full; CI runs it after `npm test`) takes every fault.
 */
export function faultsUnderTest<F extends Pick<Fault, "name" | "trips" | "expect">>(faults: readonly F[]): F[] {
  return fullMatrix() ? [...faults] : coveringSample(faults);
}

/** Whether this run is the whole matrix (every fault of the catalogue). */
export const fullMatrix = (): boolean => process.env.CONFORMANCE_MATRIX === "full";

/** A fault for every requirement any fault trips, and every fault expected to leave requirements errored; in catalogue order. */
export function coveringSample<F extends Pick<Fault, "name" | "trips" | "expect">>(faults: readonly F[]): F[] {
  const chosen = new Set<F>(faults.filter((f) => f.expect === "errored"));
  const left = new Set(faults.flatMap((f) => f.trips));
  for (const f of chosen) for (const id of f.trips) left.delete(id);
  while (left.size > 0) {
    let best: F | undefined;
    let covers = 0;
    for (const f of faults) {
      const n = f.trips.filter((id) => left.has(id)).length;
      if (n > covers) [best, covers] = [f, n];
    }
    chosen.add(best!);
    for (const id of best!.trips) left.delete(id);
  }
  return faults.filter((f) => chosen.has(f));
}

/** The first fault of each family, in catalogue order: every family's faults met by the oracle in `npm test`. */
export function oneOfEachFamily<F extends Pick<Fault, "family">>(faults: readonly F[]): F[] {
  return faults.filter((f, i) => faults.findIndex((g) => g.family === f.family) === i);
}
