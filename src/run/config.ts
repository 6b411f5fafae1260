import { credentialsFromEnv, configuredSchemes, type Credentials, type CredentialScheme } from "../http/index.ts";
import type { Level } from "../registry/types.ts";
import { intFlag, MAX_SEED, type FlagValues } from "../cli/flags.ts";
import { UsageError } from "../cli/usage-error.ts";
import type { SpecRequest } from "../schema/operation-spec.ts";
import { specRequestFrom } from "../cli/spec-flags.ts";

export const LIVE_BASE_URL = "https://api.cloudflare.com/client/v4";

export type TargetKind = "recorded" | "live" | "url";

/** Everything a run needs, resolved once from flags > environment > defaults (as OCI's config.go). */
export interface RunConfig {
  target: { kind: TargetKind; baseUrl: string; cassette?: string };
  /** The OpenAPI document to judge against (`--spec`; the seed when absent). */
  spec: SpecRequest;
  zoneId: string;
  certificateIds: string[];
  credentials: Credentials;
  schemes: CredentialScheme[];
  outDir: string;
  gatingLevel: Level;
  seed: number;
  /** True when the seed came from `--seed` (a HAR recorded by another tool needs it), not the clock. */
  seedGiven?: boolean;
  budget: number;
  rate: number;
  timeoutMs: number;
  baseline?: string;
  quiet: boolean;
}

/** Defaults per target kind: live stays well inside Cloudflare's 1,200 requests per 5 minutes. */
const DEFAULTS: Record<TargetKind, { budget: number; rate: number; timeoutMs: number }> = {
  live: { budget: 300, rate: 2, timeoutMs: 15_000 },
  url: { budget: 1_000, rate: 25, timeoutMs: 5_000 },
  recorded: { budget: 1_000, rate: 0, timeoutMs: 5_000 },
};

function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

export function defaultReportDir(now = new Date()): string {
  return `reports/out/${utcStamp(now)}`;
}

/** The base URL of a `--target` value, or a UsageError saying what a target looks like. */
export function resolveTarget(value: string | undefined, env: NodeJS.ProcessEnv, cassette?: string): RunConfig["target"] {
  const target = value ?? "recorded";
  if (target === "recorded") return { kind: "recorded", baseUrl: "", cassette };
  if (target === "live") return { kind: "live", baseUrl: (env.CLOUDFLARE_BASE_URL || LIVE_BASE_URL).replace(/\/+$/, "") };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UsageError(`--target must be recorded, live or a base URL such as http://127.0.0.1:8787/client/v4 (got ${JSON.stringify(target)})`);
  }
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
export function runConfigFrom(values: FlagValues<"run">, env: NodeJS.ProcessEnv, now = new Date()): RunConfig {
  const target = resolveTarget(values.target, env, values.cassette ?? env.CONFORMANCE_CASSETTE);
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
  return {
    target, spec: specRequestFrom(values, env), zoneId, certificateIds, credentials, schemes,
    outDir: values.out ?? env.CONFORMANCE_REPORT_DIR ?? defaultReportDir(now),
    gatingLevel: parseLevel(values.level),
    seed,
    seedGiven: values.seed !== undefined,
    budget: intFlag("budget", values.budget, defaults.budget, 1),
    rate: intFlag("rate", values.rate, defaults.rate, 0),
    timeoutMs: intFlag("timeout", values.timeout, defaults.timeoutMs, 1),
    baseline: values.baseline,
    quiet: values.quiet ?? false,
  };
}
