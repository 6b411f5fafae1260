import { UsageError } from "./usage-error.ts";

/**
 * A whole-number flag from `min` to `max`, or a UsageError saying which flag is wrong and
 * what it takes. Digits only: "", "0x10", "1e3" and " 7" are not whole numbers here.
 */
export function intFlag(name: string, value: string | undefined, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be a whole number ${range} (got ${JSON.stringify(value)})`);
  }
  return n;
}

/** The largest seed: fast-check and the generators take 32-bit signed seeds. */
export const MAX_SEED = 2_147_483_647;
