import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { isAbsolute, normalize } from "node:path";
import { packagePath } from "../package-path.ts";
import { credentialsFromEnv, configuredSchemes, withoutUserinfo, type Credentials, type CredentialScheme } from "../http/index.ts";
import type { Level } from "../registry/types.ts";
import { intFlag, MAX_SEED } from "../io/flag-values.ts";
import { UsageError } from "../io/usage-error.ts";
import type { SpecRequest } from "../schema/operation-spec.ts";
import { networkConfigFrom, type NetworkConfig } from "./network-config.ts";
import { specRequestFrom } from "../schema/spec-request.ts";
import { parseSelectors, selectedIds } from "./selection.ts";

/** The `run` flags a RunConfig is made from, as parsed (every value a string, as typed). */
export interface RunFlagValues {
  target?: string; cassette?: string; zone?: string; certificate?: string[]; "other-zone"?: string; out?: string; level?: string;
  seed?: string; budget?: string; rate?: string; concurrency?: string; timeout?: string; "max-time"?: string; "max-retry-after"?: string; burst?: string;
  baseline?: string; quiet?: boolean; spec?: string; "spec-revision"?: string;
  include?: string[]; exclude?: string[];
  proxy?: string; ca?: string; cert?: string; key?: string; insecure?: boolean; header?: string[];
}

export const LIVE_BASE_URL = "https://api.cloudflare.com/client/v4";

export type TargetKind = "recorded" | "live" | "url";

/** Everything a run needs, resolved once from flags > environment > defaults (as OCI's config.go). */
export interface RunConfig extends NetworkConfig {
  target: { kind: TargetKind; baseUrl: string; cassette?: string };
  /** The OpenAPI document to judge against (`--spec`; the seed when absent). */
  spec: SpecRequest;
  zoneId: string;
  certificateIds: string[];
  /** A second zone the credentials can read (`--other-zone`): its certificates must not be served under this zone, nor this zone's under it. Found with GET /zones when absent. */
  otherZoneId?: string;
  credentials: Credentials;
  /**
   * The credentials the environment holds, for a recorded target: it sends none, but redacts them,
   * in every form the live path knows, from whatever it replays (a recording is a file anyone may
   * have written).
   */
  secrets?: Credentials;
  schemes: CredentialScheme[];
  outDir: string;
  gatingLevel: Level;
  seed: number;
  /** True when the seed came from `--seed` (a HAR recorded by another tool needs it), not the clock. */
  seedGiven?: boolean;
  budget: number;
  rate: number;
  /** Most probes in flight at once (`--concurrency`); 1 or absent sends them one after another. */
  concurrency?: number;
  timeoutMs: number;
  /** Whole-run deadline (`--max-time`): when it passes, the run ends with a partial report. None when absent or 0. */
  maxTimeMs?: number;
  /** Reads sent at once at the end of the run, past the rate limit (`--burst`): how the target answers a client over its rate. 0: none. */
  burst?: number;
  /** Longest `Retry-After` waited for (`--max-retry-after`); a longer one errors the probe. Default 60 s. */
  retryAfterCapMs?: number;
  baseline?: string;
  quiet: boolean;
  /** Requirement ids and families to judge (`--include`; all when absent or empty), upper case. */
  include?: string[];
  /** Requirement ids and families not to judge (`--exclude`), upper case. */
  exclude?: string[];
}

/** TLS options of a run (`--ca`, `--cert`, `--key`, `--insecure`): PEM text or its bytes. */
export type TlsOptions = NonNullable<NetworkConfig["tls"]>;

/**
 * Defaults per target kind: live stays well inside Cloudflare's 1,200 requests per 5 minutes.
 * `maxTimeS`: a whole-run deadline a few times what a conforming target needs (a live run paces
 * about 80 requests at 2/s; a local one takes seconds), so a target that trickles or stalls
 * cannot hold a nightly job for hours. A replay is offline and bounded by its cassette: none.
 */
const DEFAULTS: Record<TargetKind, { budget: number; rate: number; concurrency: number; timeoutMs: number; maxTimeS: number; burst: number }> = {
  live: { budget: 300, rate: 2, concurrency: 1, timeoutMs: 15_000, maxTimeS: 900, burst: 0 },
  url: { budget: 1_000, rate: 25, concurrency: 8, timeoutMs: 5_000, maxTimeS: 300, burst: 120 },
  recorded: { budget: 1_000, rate: 0, concurrency: 8, timeoutMs: 5_000, maxTimeS: 0, burst: 0 },
};

/** The most `--concurrency` allows: more would be a load test, not a conformance run. */
export const MAX_CONCURRENCY = 64;

/** The longest `Retry-After` a run waits for by default, in seconds. */
export const DEFAULT_MAX_RETRY_AFTER_S = 60;

function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

/**
 * `reports/out/<UTC timestamp>-<8 random hex>`: a folder per run, never one another run started in
 * the same second also writes into.
 */
export function defaultReportDir(now = new Date()): string {
  return `reports/out/${utcStamp(now)}-${randomBytes(4).toString("hex")}`;
}

/**
 * A file the user named (`--baseline`, `--cassette`): the path as given when it exists
 * from the current folder; otherwise, for a relative path to a file the package ships
 * (`baselines/cloudflare-live.json`, `fixtures/...`), the package's copy, so the
 * README's lines work wherever an installed package is run from. Anything else is returned as
 * given, for its reader to say it is missing.
 */
export function resolveShippedFile(path: string): string {
  if (existsSync(path) || isAbsolute(path)) return path;
  const relative = normalize(path);
  if (relative.startsWith("..")) return path;
  const shipped = packagePath(relative);
  return existsSync(shipped) ? shipped : path;
}

/** @throws UsageError when a target URL carries `user:password@` (the line does not repeat it). */
function refuseUserinfo(url: URL, what: string, text: string): void {
  if (!url.username && !url.password) return;
  throw new UsageError(`${what} must not carry a user name or password (got ${withoutUserinfo(text)} with ${url.password ? "a password" : "a user name"} in it): remove it; credentials go in CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY`);
}

/** The base URL of a `--target` value, or a UsageError saying what a target looks like. */
export function resolveTarget(value: string | undefined, env: NodeJS.ProcessEnv, cassette?: string): RunConfig["target"] {
  const target = value ?? "recorded";
  if (target === "recorded") return { kind: "recorded", baseUrl: "", cassette };
  if (target === "live") {
    const base = env.CLOUDFLARE_BASE_URL || LIVE_BASE_URL;
    let url: URL | undefined;
    try {
      url = new URL(base);
    } catch {
      url = undefined;
    }
    if (url) refuseUserinfo(url, "CLOUDFLARE_BASE_URL", base);
    return { kind: "live", baseUrl: base.replace(/\/+$/, "") };
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UsageError(`--target must be recorded, live or a base URL such as http://127.0.0.1:8787/client/v4 (got ${JSON.stringify(withoutUserinfo(target))})`);
  }
  refuseUserinfo(url, "--target URL", target);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--target URL must be http or https (got ${url.protocol})`);
  return { kind: "url", baseUrl: target.replace(/\/+$/, "") };
}

function parseLevel(value: string | undefined): Level {
  const level = value ?? "must";
  if (level !== "must" && level !== "should" && level !== "may") throw new UsageError(`--level must be must, should or may (got ${JSON.stringify(level)})`);
  return level;
}

/**
 * A RunConfig from `run` flags and the environment. For a recorded target, zone,
 * certificates and seed come from the cassette later (see targets/recorded.ts).
 */
export function runConfigFrom(values: RunFlagValues, env: NodeJS.ProcessEnv, now = new Date()): RunConfig {
  const cassette = values.cassette ?? (env.CONFORMANCE_CASSETTE || undefined);
  const target = resolveTarget(values.target, env, cassette === undefined ? undefined : resolveShippedFile(cassette));
  const defaults = DEFAULTS[target.kind];
  const credentials = target.kind === "recorded" ? {} : credentialsFromEnv(env);
  const schemes = configuredSchemes(credentials);
  const zoneId = values.zone ?? env.CLOUDFLARE_ZONE_ID ?? "";
  if (target.kind !== "recorded") {
    if (!zoneId) throw new UsageError("no zone to test: pass --zone ID or set CLOUDFLARE_ZONE_ID");
    if (!schemes.length) throw new UsageError("missing credentials: set CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY");
  }
  const certificateIds = values.certificate?.length
    ? values.certificate
    : (env.CLOUDFLARE_CLIENT_CERTIFICATE_IDS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const seed = intFlag("seed", values.seed, Math.floor(now.getTime() / 1000) % MAX_SEED, 0, MAX_SEED);
  const otherZoneId = values["other-zone"] ?? env.CLOUDFLARE_OTHER_ZONE_ID;
  const network = target.kind === "recorded" ? {} : networkConfigFrom(values, env);
  const include = parseSelectors(values.include, "include");
  const exclude = parseSelectors(values.exclude, "exclude");
  if ((include.length || exclude.length) && selectedIds({ include, exclude }).size === 0) {
    throw new UsageError(`--include ${include.join(",") || "(all)"} with --exclude ${exclude.join(",")} selects no requirement: exclude less`);
  }
  return {
    ...network,
    target, spec: specRequestFrom(values, env), zoneId, certificateIds, credentials, schemes, ...(otherZoneId ? { otherZoneId } : {}),
    ...(target.kind === "recorded" ? { secrets: credentialsFromEnv(env) } : {}),
    outDir: values.out ?? env.CONFORMANCE_REPORT_DIR ?? defaultReportDir(now),
    gatingLevel: parseLevel(values.level),
    seed,
    seedGiven: values.seed !== undefined,
    budget: intFlag("budget", values.budget, defaults.budget, 1),
    rate: intFlag("rate", values.rate, defaults.rate, 0),
    concurrency: intFlag("concurrency", values.concurrency, defaults.concurrency, 1, MAX_CONCURRENCY),
    burst: intFlag("burst", values.burst, defaults.burst, 0, 1_000),
    timeoutMs: intFlag("timeout", values.timeout, defaults.timeoutMs, 1),
    maxTimeMs: intFlag("max-time", values["max-time"], defaults.maxTimeS, 0) * 1000,
    retryAfterCapMs: intFlag("max-retry-after", values["max-retry-after"], DEFAULT_MAX_RETRY_AFTER_S, 0) * 1000,
    baseline: values.baseline,
    quiet: values.quiet ?? false,
    ...(include.length ? { include } : {}),
    ...(exclude.length ? { exclude } : {}),
  };
}
