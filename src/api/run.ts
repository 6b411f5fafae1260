import type { Report } from "../../reports/model.ts";
import { redactReport } from "../../reports/text.ts";
import { applyBaseline, loadBaseline } from "../baseline/index.ts";
import { loadSpecOrExplain } from "../schema/load-spec.ts";
import { UsageError } from "../io/usage-error.ts";
import type { Level } from "../registry/types.ts";
import { resolveShippedFile, runConfigFrom, type RunConfig, type TlsOptions } from "../run/config.ts";
import { dryRunPlan, type DryRunPlan } from "../run/dry-run.ts";
import { loadChecks } from "../run/evaluate-checks.ts";
import { runConformance as runWithConfig, RunStop } from "../run/run-conformance.ts";
import { prepareTarget } from "../targets/prepare.ts";
import { ConformanceOptionsError } from "./errors.ts";

/** Credentials in the shape the library takes: the API token, the email + global API key, or both. */
export interface ConformanceCredentials {
  token?: string;
  email?: string;
  key?: string;
}

/** TLS towards the target (`--ca`, `--cert`, `--key`, `--insecure`): PEM text or its bytes. */
export type ConformanceTlsOptions = TlsOptions;

/** What `runConformance` runs against and how; the CLI's `run` flags, as an object. */
export interface ConformanceOptions {
  /** A base URL (`http://127.0.0.1:8787/client/v4`), `"recorded"` (a cassette or HAR, offline) or `"live"` (api.cloudflare.com). */
  target: string;
  /** The zone under test (not for `"recorded"`: the recording names it). */
  zone?: string;
  /** Certificate ids to read; discovered read-only with the list operation when absent. */
  certificates?: string[];
  /** A second zone the credentials can read (`--other-zone`); else the first other zone `GET /zones` lists, if any. */
  otherZone?: string;
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
  /** The whole run's deadline in seconds (`--max-time`; default: live 900, URL 300, recorded none; 0: none): then the partial report, verdict `error`. */
  maxTime?: number;
  /** The longest `Retry-After` waited for, in seconds (`--max-retry-after`, default 60); a longer one errors the probe as rate-limited. */
  maxRetryAfter?: number;
  /** Reads sent at once at the end, past the rate (`--burst`; default: URL 120, sized to a published RateLimit-Policy quota; live and recorded 0). */
  burst?: number;
  /** A known-deviation baseline file (`--baseline`): failures it matches are reported, not gating. */
  baseline?: string;
  /** Requirement ids or families to judge (`--include`; default all); the rest are reported as not selected. */
  include?: string[];
  /** Requirement ids or families not to judge (`--exclude`). */
  exclude?: string[];
  /** Stops the run: the request in flight ends, nothing more is sent, and the promise resolves with the partial report (verdict `error`, `interrupted.by` `"signal"`). */
  signal?: AbortSignal;
  /** Headers sent on every request (`--header`); their values are redacted in every output. */
  headers?: Record<string, string>;
  /** A forward proxy for every request (`--proxy`); the library reads no HTTPS_PROXY itself. */
  proxy?: string;
  /** TLS towards the target: extra trusted roots, a client certificate and key, or no verification (`--ca`, `--cert`, `--key`, `--insecure`). */
  tls?: ConformanceTlsOptions;
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

/** Flag names in a message, as the library's option names (`--max-time` → `maxTime`). */
const OPTION_NAMES: Record<string, string> = {
  timeout: "timeoutMs", certificate: "certificates", "other-zone": "otherZone", "spec-revision": "specRevision",
  "max-time": "maxTime", "max-retry-after": "maxRetryAfter",
};
function inOptionTerms(message: string): string {
  return message
    .replace(/pass --zone ID or set CLOUDFLARE_ZONE_ID/, "pass zone")
    .replace(/set CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY/, "pass credentials: { token } or { email, key }")
    .replace(/--([a-z][a-z-]*)/g, (_, flag: string) => OPTION_NAMES[flag] ?? flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()));
}

/** `fn`, with the CLI's one-line errors (UsageError) as ConformanceOptionsError in the library's terms. */
async function asOptionsError<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UsageError) throw new ConformanceOptionsError(inOptionTerms(e.message));
    throw e;
  }
}

/** The RunConfig the options make: the CLI's resolution, with an environment made only of what the caller passed (exported for tests, not from the package). */
export async function configFrom(options: ConformanceOptions): Promise<RunConfig> {
  const n = (v: number | undefined) => (v === undefined ? undefined : String(v));
  const values = {
    target: options.target, cassette: options.cassette, zone: options.zone, certificate: options.certificates, "other-zone": options.otherZone, level: options.level,
    seed: n(options.seed), budget: n(options.budget), rate: n(options.rate), concurrency: n(options.concurrency), timeout: n(options.timeoutMs),
    "max-time": n(options.maxTime), "max-retry-after": n(options.maxRetryAfter), burst: n(options.burst),
    baseline: options.baseline, include: options.include, exclude: options.exclude,
    spec: options.spec, "spec-revision": options.specRevision, out: options.out, quiet: options.quiet ?? true,
    // Headers and the proxy are checked as the flags are (a reserved header, a proxy that is no URL: one line).
    ...(options.headers ? { header: Object.entries(options.headers).map(([name, value]) => `${name}: ${value}`) } : {}),
    ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
  };
  // A library never reads process.env for secrets (nor for anything else).
  const env: NodeJS.ProcessEnv = {
    ...(options.credentials?.token ? { CLOUDFLARE_API_TOKEN: options.credentials.token } : {}),
    ...(options.credentials?.email ? { CLOUDFLARE_EMAIL: options.credentials.email } : {}),
    ...(options.credentials?.key ? { CLOUDFLARE_API_KEY: options.credentials.key } : {}),
  };
  const config = runConfigFrom(values, env);
  await loadSpecOrExplain(config.spec, "spec");
  return { ...config, ...(options.tls ? { tls: { ...options.tls } } : {}) };
}

/**
 * Runs the conformance suite against a target and returns the report (the same object as
 * report.json). The checks, probes and verdict are the CLI's; they run in this process. A run
 * stopped by `signal` (or `maxTime`) resolves with its partial report, verdict `error`.
 * @throws ConformanceOptionsError when the options cannot make a run (the message says how to fix them).
 */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const config = await asOptionsError(() => configFrom(options));
  const baseline = config.baseline ? { ...await asOptionsError(() => loadBaseline(resolveShippedFile(config.baseline!))), file: config.baseline } : undefined;
  // The caller's signal stops the run as SIGINT does the CLI's, and the report says it was the caller.
  const stop = new AbortController();
  const onAbort = () => stop.abort(new RunStop("signal", "stopped by the caller's AbortSignal"));
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  const target = await asOptionsError(() => prepareTarget(config));
  try {
    const log = config.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
    const amendReport = (report: Report) => {
      const amended = target.amendReport ? target.amendReport(report) : report;
      return baseline ? applyBaseline(amended, baseline, new Date()) : amended;
    };
    const { report } = await runWithConfig(target.config, {
      evaluator: "in-process", log, writeReports: options.writeReports ?? options.out !== undefined, amendReport, signal: stop.signal,
      ...(target.reviewExchange ? { reviewExchange: target.reviewExchange } : {}),
    });
    return redactReport(report);
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await target.close();
  }
}

/**
 * What `runConformance(options)` would send, sending nothing (the CLI's `run --dry-run`): every
 * request in order with the requirements it feeds, the fuzzing and burst parts, what the budget
 * or `include` / `exclude` leave out, and the most requests the run sends.
 * @throws ConformanceOptionsError as runConformance does.
 */
export async function planConformance(options: ConformanceOptions): Promise<DryRunPlan> {
  const config = await asOptionsError(() => configFrom(options));
  const target = await asOptionsError(() => prepareTarget(config));
  try {
    return dryRunPlan(target.config, await loadChecks());
  } finally {
    await target.close();
  }
}

export type { DryRunPlan, PlannedRequest } from "../run/dry-run.ts";
