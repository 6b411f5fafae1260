import type { Report } from "../../reports/model.ts";
import { redactReport } from "../../reports/text.ts";
import { loadSpecOrExplain } from "../cli/spec-flags.ts";
import { UsageError } from "../cli/usage-error.ts";
import type { Level } from "../registry/types.ts";
import { runConfigFrom } from "../run/config.ts";
import { runConformance as runWithConfig } from "../run/run-conformance.ts";
import { prepareTarget } from "../targets/prepare.ts";
import { ConformanceOptionsError } from "./errors.ts";

/** Credentials in the shape the library takes: the API token, the email + global API key, or both. */
export interface ConformanceCredentials {
  token?: string;
  email?: string;
  key?: string;
}

/** What `runConformance` runs against and how; the CLI's `run` flags, as an object. */
export interface ConformanceOptions {
  /** A base URL (`http://127.0.0.1:8787/client/v4`), `"recorded"` (a cassette or HAR, offline) or `"live"` (api.cloudflare.com). */
  target: string;
  /** The zone under test (not for `"recorded"`: the recording names it). */
  zone?: string;
  /** Certificate ids to read; discovered read-only with the list operation when absent. */
  certificates?: string[];
  credentials?: ConformanceCredentials;
  /** The lowest level whose failure makes the verdict non-conformant (default `"must"`). */
  level?: Level;
  /** Seed of every property-based part (default: from the clock; printed in the report). */
  seed?: number;
  /** Most requests, and most per second (defaults as the CLI's, by target kind). */
  budget?: number;
  rate?: number;
  /** Most probes in flight at once (default as the CLI's: 8 for a URL or recording, 1 live). */
  concurrency?: number;
  /** Per request, in milliseconds. */
  timeoutMs?: number;
  /** A cassette directory or HAR file, for `target: "recorded"` (default: the shipped cassette). */
  cassette?: string;
  /** Another OpenAPI document to judge against (default: the seed), and its upstream revision. */
  spec?: string;
  specRevision?: string;
  /** Where the four report files go; writing them is the default when it is given. */
  out?: string;
  writeReports?: boolean;
  /** No progress lines on standard error (default true: a library is quiet). */
  quiet?: boolean;
}

/**
 * Runs the conformance suite against a target and returns the report (the same object as
 * report.json). The checks, probes and verdict are the CLI's; they run in this process.
 * @throws ConformanceOptionsError when the options cannot make a run (the message says how to fix them).
 */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const n = (v: number | undefined) => (v === undefined ? undefined : String(v));
  const values = {
    target: options.target, cassette: options.cassette, zone: options.zone, certificate: options.certificates, level: options.level,
    seed: n(options.seed), budget: n(options.budget), rate: n(options.rate), concurrency: n(options.concurrency), timeout: n(options.timeoutMs),
    spec: options.spec, "spec-revision": options.specRevision, out: options.out, quiet: options.quiet ?? true,
  };
  // The environment a CLI run would read, made only of what the caller passed: a library never reads process.env for secrets.
  const env: NodeJS.ProcessEnv = {
    ...(options.credentials?.token ? { CLOUDFLARE_API_TOKEN: options.credentials.token } : {}),
    ...(options.credentials?.email ? { CLOUDFLARE_EMAIL: options.credentials.email } : {}),
    ...(options.credentials?.key ? { CLOUDFLARE_API_KEY: options.credentials.key } : {}),
  };
  let config;
  try {
    config = runConfigFrom(values, env);
    await loadSpecOrExplain(config.spec);
  } catch (e) {
    if (e instanceof UsageError) throw new ConformanceOptionsError(e.message.replace(/pass --zone ID or set CLOUDFLARE_ZONE_ID/, "pass zone").replace(/set CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY/, "pass credentials: { token } or { email, key }"));
    throw e;
  }
  const target = await prepareTarget(config);
  try {
    const log = config.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
    const { report } = await runWithConfig(target.config, {
      evaluator: "in-process", log, writeReports: options.writeReports ?? options.out !== undefined,
      ...(target.reviewExchange ? { reviewExchange: target.reviewExchange } : {}), ...(target.amendReport ? { amendReport: target.amendReport } : {}),
    });
    return redactReport(report);
  } finally {
    await target.close();
  }
}
