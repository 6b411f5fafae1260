/**
 * How much of each kind of user file the suite reads (docs/CONTRACT.md, "Bounded input"). One
 * variable raises the bound of the files that can legitimately be large (an OpenAPI document, a
 * recording, a document given to `validate`); a baseline is a hand-written list, and stays small.
 */
import { boundFromEnv, formatBytes, type ReadBound } from "./bounded-read.ts";

/** The environment variable that raises the bound of large inputs, in MiB. */
export const INPUT_BOUND_ENV = "CONFORMANCE_MAX_INPUT_MB";
/** Its default: the full upstream OpenAPI document is a few MB, a whole run's recording a few more. */
export const DEFAULT_INPUT_MIB = 64;

/** The bound of a spec, a recording (cassette exchanges, HAR) or a document `validate` reads whole. */
export function inputBound(env: NodeJS.ProcessEnv = process.env): ReadBound {
  const maxBytes = boundFromEnv(INPUT_BOUND_ENV, DEFAULT_INPUT_MIB, env);
  return { maxBytes, raise: `raise ${INPUT_BOUND_ENV} (now ${formatBytes(maxBytes).replace(" MiB", "")})` };
}

/** A baseline: a list of known deviations written by hand. */
export const BASELINE_BOUND: ReadBound = { maxBytes: 1024 * 1024 };
