import { createHash } from "node:crypto";
import { CREDENTIAL_FORMATS } from "./credential-formats.ts";
import type { FaultHooks } from "./faults/types.ts";

/** What the reference accepts as credentials. Unset members are generated (see resolveConfig). */
export interface ReferenceCredentials {
  /** API token, accepted as `Authorization: Bearer <token>`. */
  token?: string;
  /** Account email, accepted as `X-Auth-Email` together with `apiKey`. */
  email?: string;
  /** Global API key, accepted as `X-Auth-Key` together with `email`. */
  apiKey?: string;
}

/** Options of startReferenceServer (all optional: every value has a generated or fixed default). */
export interface ReferenceOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The zone under test (32 lower-case hex); generated from the seed when unset. */
  zoneId?: string;
  /** A second zone with certificates of its own (for ID-ZONE-SCOPED); generated when unset. */
  otherZoneId?: string;
  credentials?: ReferenceCredentials;
  /** Names from the fault catalogue (src/reference/faults), or `blind/<name>` from the blind one, applied in this order. */
  faults?: string[];
  /** Faults of your own, applied after the named ones: hooks into the reference (src/reference/faults/types.ts). */
  customFaults?: { name: string; apply: FaultHooks }[];
  /** Requests per second before 429 (a one-second window counter); 0 turns the limit off. Default 50. */
  rate?: number;
  /** Seed of the generated certificates and of every generated default. Default 1. */
  seed?: number;
  /** Certificates in the zone under test (at least one per status from 4 on). Default 6. */
  certificateCount?: number;
}

export const DEFAULT_RATE = 50;
export const DEFAULT_SEED = 1;
export const DEFAULT_CERTIFICATE_COUNT = 6;
/** Certificates the other zone holds. */
export const OTHER_ZONE_CERTIFICATE_COUNT = 2;

/** Cloudflare's identifier format: 32 lower-case hexadecimal digits. */
export const CLOUDFLARE_ID = /^[0-9a-f]{32}$/;

/** The environment variable of each credential (docs/CONTRACT.md), shared with `run`. */
export const CREDENTIAL_ENV = { token: "CLOUDFLARE_API_TOKEN", email: "CLOUDFLARE_EMAIL", apiKey: "CLOUDFLARE_API_KEY" } as const;
export const ZONE_ENV = "CLOUDFLARE_ZONE_ID";

export type CredentialName = keyof typeof CREDENTIAL_ENV;
export const CREDENTIAL_NAMES = Object.keys(CREDENTIAL_ENV) as CredentialName[];

/** A value the caller supplied that the reference cannot serve with: says which one and why, never the value. */
export class ReferenceConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReferenceConfigError";
  }
}

/** Every option resolved: what the server runs with. */
export interface ReferenceConfig {
  port: number;
  zoneId: string;
  otherZoneId: string;
  credentials: Required<ReferenceCredentials>;
  /** The credentials that were generated here (printable: they are made up), as opposed to supplied. */
  generated: ReadonlySet<CredentialName>;
  rate: number;
  seed: number;
  certificateCount: number;
}

/** A stable made-up value for a seed and a purpose: lower-case hex of `length` digits. */
export function seededHex(seed: number, purpose: string, length: number): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`reference:${seed}:${purpose}:${i}`).digest("hex");
  return out.slice(0, length);
}

/** Generated test credentials: a 40-character token, a 37-digit key (Cloudflare's lengths), an example.com email. */
export function generatedCredentials(seed: number): Required<ReferenceCredentials> {
  const token = createHash("sha256").update(`reference:${seed}:token`).digest("base64url").slice(0, 40);
  return { token, email: `conformance-${seededHex(seed, "email", 8)}@example.com`, apiKey: seededHex(seed, "api-key", 37) };
}

function wholeNumber(name: string, value: number | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw new ReferenceConfigError(`${name} must be a whole number from ${min} to ${max} (got ${value})`);
  return value;
}

function zone(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined || value === "") return fallback;
  if (!CLOUDFLARE_ID.test(value)) throw new ReferenceConfigError(`${name} must be a Cloudflare identifier: 32 lower-case hexadecimal digits`);
  return value;
}

/**
 * Resolves the options: supplied values are checked against the formats the server
 * itself enforces (so it never refuses its own credentials), the rest generated from the seed.
 * @throws ReferenceConfigError naming the option (never echoing a credential).
 */
export function resolveConfig(opts: ReferenceOptions = {}): ReferenceConfig {
  const seed = wholeNumber("seed", opts.seed, DEFAULT_SEED, 0);
  const defaults = generatedCredentials(seed);
  const credentials = { ...defaults };
  const generated = new Set<CredentialName>();
  for (const name of CREDENTIAL_NAMES) {
    const value = opts.credentials?.[name];
    if (value === undefined || value === "") {
      generated.add(name);
      continue;
    }
    if (!CREDENTIAL_FORMATS[name].test(value)) {
      throw new ReferenceConfigError(`the supplied ${name} (${CREDENTIAL_ENV[name]}) is not in the format the reference accepts: ${CREDENTIAL_FORMATS[name].describe}`);
    }
    credentials[name] = value;
  }
  const zoneId = zone(`zoneId (${ZONE_ENV})`, opts.zoneId, seededHex(seed, "zone", 32));
  const otherDefault = seededHex(seed, "other-zone", 32);
  const otherZoneId = zone("otherZoneId", opts.otherZoneId, otherDefault === zoneId ? seededHex(seed, "other-zone-2", 32) : otherDefault);
  if (otherZoneId === zoneId) throw new ReferenceConfigError("otherZoneId must differ from zoneId");
  return {
    port: wholeNumber("port", opts.port, 0, 0, 65535),
    zoneId,
    otherZoneId,
    credentials,
    generated,
    rate: wholeNumber("rate", opts.rate, DEFAULT_RATE, 0),
    seed,
    certificateCount: wholeNumber("certificateCount", opts.certificateCount, DEFAULT_CERTIFICATE_COUNT, 1, 1000),
  };
}

/** The zone and credentials the environment supplies (docs/CONTRACT.md: `serve` reads the same variables as `run`). */
export function optionsFromEnvironment(env: Record<string, string | undefined>): Pick<ReferenceOptions, "zoneId" | "credentials"> {
  const credentials: ReferenceCredentials = {};
  for (const name of CREDENTIAL_NAMES) {
    const value = env[CREDENTIAL_ENV[name]];
    if (value) credentials[name] = value;
  }
  return { ...(env[ZONE_ENV] ? { zoneId: env[ZONE_ENV] } : {}), credentials };
}
