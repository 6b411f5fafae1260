import type { ResponseClass } from "../schema/extract.ts";
import type { OperationSpec, SpecRequest } from "../schema/operation-spec.ts";
import { PROFILES, type Profile } from "../schema/validator.ts";
import { UsageError } from "../io/usage-error.ts";

/** The `validate` command's flags as given (parsed from argv by src/cli/), and its FILE arguments. */
export interface ValidateFlags {
  spec?: string | undefined;
  "spec-revision"?: string | undefined;
  profile?: string | undefined;
  status?: string | undefined;
  format?: string | undefined;
  jobs?: string | undefined;
  files: string[];
}

/** What the `validate` flags mean, once checked. */
export interface ValidateOptions {
  profile: Profile;
  /** The class a bare JSON body is validated as; undefined: from the body's `success`. */
  bareBodyClass?: ResponseClass;
  /** The document to judge against (`--spec`; the seed by default). */
  spec: OperationSpec;
  /** `text`: a line per violation and a summary line; `json`: one JSON document instead (see output.ts). */
  format?: "text" | "json";
  /** How it was asked for: a worker thread loads it again from this (the seed when absent). */
  specRequest?: SpecRequest;
}

/** `--format text|json` (default text). */
export function parseFormat(value: string | undefined): "text" | "json" {
  if (value === undefined || value === "text" || value === "json") return value ?? "text";
  throw new UsageError(`--format must be text or json (got ${JSON.stringify(value)})`);
}

/** `--profile spec|strict` (default spec). */
export function parseProfile(value: string | undefined): Profile {
  if (value === undefined) return "spec";
  if ((PROFILES as readonly string[]).includes(value)) return value as Profile;
  throw new UsageError(`--profile must be ${PROFILES.join(" or ")} (got ${JSON.stringify(value)})`);
}

/**
 * `--status 200|4xx`: the class of a bare JSON body. A 4xx code (404, 403, ...) reads as 4xx.
 * It does not apply to HAR, NDJSON or cassette entries, whose recorded status decides.
 */
export function parseStatusFlag(value: string | undefined): ResponseClass | undefined {
  if (value === undefined) return undefined;
  if (value === "200") return "success-200";
  if (/^4xx$/i.test(value)) return "failure-4xx";
  if (/^4\d\d$/.test(value)) return "failure-4xx";
  throw new UsageError(`--status must be 200, 4xx, or a code from 400 to 499 (got ${JSON.stringify(value)})`);
}
