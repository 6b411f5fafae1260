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
  return { maxBytes, raise: `raise ${INPUT_BOUND_ENV} (now ${formatBytes(maxBytes).replace(" MiB", "")}) if it really is that large` };
}

/**
 * A YAML OpenAPI document: its parser takes some 40 times a document's size in memory (measured:
 * 8 MB of YAML, 420 MB; a run with 4 MB of YAML peaked at 500 MB), and the suites parse it once
 * more in their worker, so YAML is read to a thirty-second of the input bound (2 MiB by default).
 * JSON, which parses lean, has the whole bound.
 */
export function yamlBound(env: NodeJS.ProcessEnv = process.env): ReadBound {
  const maxBytes = Math.floor(boundFromEnv(INPUT_BOUND_ENV, DEFAULT_INPUT_MIB, env) / 32);
  return { maxBytes, raise: `convert it to JSON (Cloudflare publishes openapi.json), or raise ${INPUT_BOUND_ENV} (a YAML document is read to a thirty-second of it: its parser takes some 40 times a document's size in memory)` };
}

/** A baseline: a list of known deviations written by hand. */
export const BASELINE_BOUND: ReadBound = { maxBytes: 1024 * 1024 };
