import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Credentials, CredentialScheme, Exchange } from "../http/index.ts";
import { redactText } from "../http/index.ts";

export const CASSETTE_FORMAT = "client-cert-conformance-cassette/1";

/** manifest.json of a cassette: enough to regenerate exactly the recorded requests. */
export interface CassetteManifest {
  format: typeof CASSETTE_FORMAT;
  suite: { name: string; version: string };
  spec: { operationId: string; sha256: string };
  seed: number;
  target: { kind: "live" | "url"; baseUrl: string };
  /** What was recorded: "reference implementation", "live Cloudflare", a vendor's name... */
  source: string;
  recordedAt: string;
  zoneId: string;
  /** Certificate ids given at record time (empty: they were discovered, and the list exchange is in the cassette). */
  certificateIds: string[];
  schemes: CredentialScheme[];
  budget: number;
  redactions: string[];
  anonymized: boolean;
  exchanges: number;
}

/** One line of exchanges.ndjson. */
export interface CassetteEntry {
  seq: number;
  label?: string;
  request: Exchange["request"];
  response?: { status: number; headers: Record<string, string>; body: string };
  error?: Exchange["error"];
}

export class CassetteError extends Error {}

export function readManifest(dir: string): CassetteManifest {
  const path = join(dir, "manifest.json");
  if (!existsSync(dir)) throw new CassetteError(`no cassette at ${dir}: pass --cassette DIR (a recorded cassette directory) or a HAR 1.2 file`);
  if (!statSync(dir).isDirectory()) throw new CassetteError(`cassette ${dir} is not a directory; pass --cassette DIR of a recorded cassette`);
  if (!existsSync(path)) throw new CassetteError(`cassette ${dir} has no manifest.json; record one with \`client-cert-conformance record --cassette ${dir}\``);
  let manifest: CassetteManifest;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8")) as CassetteManifest;
  } catch (e) {
    throw new CassetteError(`cassette ${dir}: manifest.json is not JSON (${(e as Error).message})`);
  }
  if (manifest.format !== CASSETTE_FORMAT) throw new CassetteError(`cassette ${dir}: format ${JSON.stringify(manifest.format)} is not ${CASSETTE_FORMAT}`);
  return manifest;
}

/** Every entry of exchanges.ndjson (a cassette is a run's worth of exchanges: small). */
export function readEntries(dir: string): CassetteEntry[] {
  const path = join(dir, "exchanges.ndjson");
  if (!existsSync(path)) throw new CassetteError(`cassette ${dir} has no exchanges.ndjson`);
  return readFileSync(path, "utf8").split("\n").filter((l) => l.trim()).map((line, i) => {
    try {
      return JSON.parse(line) as CassetteEntry;
    } catch {
      throw new CassetteError(`cassette ${dir}: exchanges.ndjson line ${i + 1} is not JSON`);
    }
  });
}

/** Streams the entries (for `validate` on large cassettes). */
export async function* streamEntries(dir: string): AsyncGenerator<CassetteEntry> {
  const lines = createInterface({ input: createReadStream(join(dir, "exchanges.ndjson")), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as CassetteEntry;
}

/** Replaces every occurrence of each `from` with its `to`, in URLs, headers and bodies. */
function mapText(text: string, mapping: [string, string][]): string {
  return mapping.reduce((t, [from, to]) => t.split(from).join(to), text);
}

export interface WriteCassetteOptions {
  manifest: Omit<CassetteManifest, "format" | "exchanges" | "redactions" | "anonymized">;
  exchanges: Exchange[];
  credentials: Credentials;
  /** Identifier (or origin) -> stable placeholder, applied consistently across the base URL, paths, headers and bodies. */
  anonymize?: Map<string, string>;
  /** Store the exchanges under this base URL instead of the one recorded (a server on a random port records stably). */
  canonicalBaseUrl?: string;
}

/**
 * True when `text` still holds a configured credential. Every writer of a recording (cassette
 * directory, HAR file) calls it on the exact text it is about to write, and refuses on true.
 */
export function findSecret(text: string, credentials: Credentials): boolean {
  return [credentials.token, credentials.apiKey, credentials.email].some((secret) => !!secret && text.includes(secret));
}

/** A recording ready to write: its manifest and its entries, redacted, anonymized and under the canonical base URL. */
export interface PreparedRecording {
  manifest: CassetteManifest;
  /** In the order of `WriteCassetteOptions.exchanges`, one entry each. */
  entries: CassetteEntry[];
}

/**
 * The manifest and entries of a recording. The client already redacted what it kept; every
 * string is redacted again here (the writers then check with `findSecret`).
 */
export function prepareRecording(opts: WriteCassetteOptions): PreparedRecording {
  const anonymized = [...(opts.anonymize ?? new Map())];
  const mapping: [string, string][] = [
    ...(opts.canonicalBaseUrl ? [[new URL(opts.manifest.target.baseUrl).origin, new URL(opts.canonicalBaseUrl).origin] as [string, string]] : []),
    ...anonymized,
  ];
  const clean = (text: string) => mapText(redactText(text, opts.credentials), mapping);
  const cleanHeaders = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, clean(v)]));
  const entries: CassetteEntry[] = opts.exchanges.map((e) => ({
    seq: e.seq, ...(e.label ? { label: e.label } : {}),
    request: { method: e.request.method, url: clean(e.request.url), headers: cleanHeaders(e.request.headers) },
    ...(e.response ? { response: { status: e.response.status, headers: cleanHeaders(e.response.headers), body: clean(e.response.body) } } : {}),
    ...(e.error ? { error: { kind: e.error.kind, message: clean(e.error.message) } } : {}),
  }));
  const manifest: CassetteManifest = {
    format: CASSETTE_FORMAT, ...opts.manifest,
    target: { ...opts.manifest.target, baseUrl: mapText(opts.manifest.target.baseUrl, mapping) },
    zoneId: mapText(opts.manifest.zoneId, mapping),
    certificateIds: opts.manifest.certificateIds.map((id) => mapText(id, mapping)),
    redactions: [
      "credential headers (Authorization, X-Auth-Key, X-Auth-Email) replaced by $CLOUDFLARE_* placeholders",
      "every configured credential value replaced by its placeholder in URLs, headers and bodies",
      "set-cookie response headers removed",
      ...(anonymized.length ? [`${anonymized.length} identifier(s) anonymized to stable placeholders`] : []),
    ],
    anonymized: anonymized.length > 0,
    exchanges: entries.length,
  };
  return { manifest, entries };
}

/** Writes a cassette directory (manifest.json, exchanges.ndjson); refuses if a credential is still present. */
export function writeCassette(dir: string, opts: WriteCassetteOptions): CassetteManifest {
  const { manifest, entries } = prepareRecording(opts);
  const lines = entries.map((e) => JSON.stringify(e)).join("\n") + "\n";
  const manifestText = JSON.stringify(manifest, null, 2) + "\n";
  if (findSecret(lines, opts.credentials) || findSecret(manifestText, opts.credentials)) throw new CassetteError("refusing to write a cassette that still contains a credential");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "manifest.json"), manifestText);
  writeFileSync(join(dir, "exchanges.ndjson"), lines);
  return manifest;
}
