/**
 * Plain assertions for hot properties: vitest's `expect` costs tens of microseconds a call,
 * which thousands of runs feel. Each throws an Error saying what differs; fast-check then
 * shrinks and reports the counterexample with the seed.
 */

/** Throws unless `actual` and `expected` are the same JSON. */
export function same(actual: unknown, expected: unknown, label: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${label}: got ${a}, expected ${e}`);
}

/** Throws unless `ok`. */
export function ensure(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}

/** The sorted ids of a set or list (for stable comparisons). */
export const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();
