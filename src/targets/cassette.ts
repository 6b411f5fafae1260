import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { readFileWithinSync } from "../io/bounded-read.ts";
import { writeFileAtomicSync } from "../io/write-atomic.ts";
import type { Credentials, CredentialScheme, Exchange } from "../http/index.ts";
import { describeFinding, findSecretForms, redactText } from "../http/index.ts";

import { CASSETTE_FORMAT, manifestProblem } from "./recording-shape.ts";

export { CASSETTE_FORMAT };

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
  /** The reads sent at once at the end of the recorded run (`--burst`); a replay sends as many. Absent: none. */
  burst?: number;
  redactions: string[];
  anonymized: boolean;
  exchanges: number;
}

/** One line of exchanges.ndjson. */
export interface CassetteEntry {
  seq: number;
  label?: string;
  request: Exchange["request"];
  response?: {
    status: number; headers: Record<string, string>; body: string;
    /** The body was larger than the recorder's limit: `body` is its first bytes (replayed as cut). */
    truncated?: boolean; cutAtBytes?: number;
    /** The body bytes were not valid UTF-8 (`body` has U+FFFD where they were; replayed as such). */
    invalidUtf8?: boolean;
    /** The Content-Encoding the recorder undid (the body is stored decoded), or why it would not decode. */
    decoding?: NonNullable<Exchange["response"]>["decoding"];
    /** What the recorder saw on the wire (message syntax, the close): replayed as evidence. */
    wire?: NonNullable<Exchange["response"]>["wire"];
  };
  error?: Exchange["error"];
  /** Sent on a kept-alive connection: whether the socket of an earlier request carried it. */
  connection?: Exchange["connection"];
}

export class CassetteError extends Error {}

/** The manifest of a cassette directory, checked (synchronously; a replay reads it with read-cassette.ts). */
export function readManifest(dir: string): CassetteManifest {
  const path = join(dir, "manifest.json");
  if (!existsSync(dir)) throw new CassetteError(`no cassette at ${dir}: pass --cassette DIR (a recorded cassette directory) or a HAR 1.2 file`);
  if (!statSync(dir).isDirectory()) throw new CassetteError(`cassette ${dir} is not a directory; pass --cassette DIR of a recorded cassette`);
  if (!existsSync(path)) throw new CassetteError(`cassette ${dir} has no manifest.json; record one with \`client-cert-conformance record --cassette ${dir}\``);
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileWithinSync(path, { maxBytes: 1024 * 1024 }).toString("utf8"));
  } catch (e) {
    throw new CassetteError(`cassette ${dir}: manifest.json is not JSON (${(e as Error).message.split("\n")[0]})`);
  }
  const problem = manifestProblem(manifest);
  if (problem) throw new CassetteError(`cassette ${dir}: manifest.json: ${problem}`);
  return manifest as CassetteManifest;
}

/** The longest line of exchanges.ndjson the writer writes and the reader reads (a run reads at most 12 MiB of bodies). */
export const MAX_CASSETTE_LINE_CHARS = 16 * 1024 * 1024;
/** Body text a replay keeps in memory at most (a recording reads at most 12 MiB of bodies in a run). */
export const MAX_CASSETTE_BODY_CHARS = 16 * 1024 * 1024;

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
 * True when `text` still reveals a configured credential (or a near miss of one) in any form a
 * target can echo it in (see secret-forms.ts). Every writer of a recording (cassette directory,
 * HAR file) calls it on the exact text it is about to write, and refuses on true.
 */
export function findSecret(text: string, credentials: Credentials): boolean {
  return findSecretForms(text, credentials).length > 0;
}

/** A recording ready to write: its manifest and its entries, redacted, anonymized and under the canonical base URL. */
export interface PreparedRecording {
  manifest: CassetteManifest;
  /** In the order of `WriteCassetteOptions.exchanges`, one entry each. */
  entries: CassetteEntry[];
}

/**
 * The manifest and entries of a recording. The client already redacted what it kept; every
 * string is redacted again here (the writers then check with `findSecret` / `findSecretForms`).
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
    ...(e.response ? { response: {
      status: e.response.status, headers: cleanHeaders(e.response.headers), body: clean(e.response.body),
      ...(e.response.truncated ? { truncated: true, ...(e.response.cutAtBytes ? { cutAtBytes: e.response.cutAtBytes } : {}) } : {}),
      ...(e.response.invalidUtf8 ? { invalidUtf8: true } : {}),
      ...(e.response.decoding ? { decoding: { codings: e.response.decoding.codings, ...(e.response.decoding.error ? { error: clean(e.response.decoding.error) } : {}) } } : {}),
      ...(e.response.wire ? { wire: { ...e.response.wire, violations: e.response.wire.violations.map((v) => ({ ...v, message: clean(v.message) })) } } : {}),
    } } : {}),
    ...(e.error ? { error: { kind: e.error.kind, message: clean(e.error.message) } } : {}),
    ...(e.connection ? { connection: e.connection } : {}),
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

/** Writes a cassette directory (manifest.json, exchanges.ndjson); refuses if a credential is still present, in any form. */
export function writeCassette(dir: string, opts: WriteCassetteOptions): CassetteManifest {
  const { manifest, entries } = prepareRecording(opts);
  const lineTexts = entries.map((e) => JSON.stringify(e));
  const manifestText = JSON.stringify(manifest, null, 2) + "\n";
  // Each line on its own: the search keeps a decoded copy of what it reads, and a line is bounded.
  lineTexts.forEach((text, i) => {
    if (text.length > MAX_CASSETTE_LINE_CHARS) throw new CassetteError(`refusing to write a cassette: exchange ${i + 1} is over ${MAX_CASSETTE_LINE_CHARS / 2 ** 20} MiB as JSON, more than a replay reads`);
    refuseSecrets(text, opts.credentials, `exchanges.ndjson line ${i + 1}`);
  });
  refuseSecrets(manifestText, opts.credentials, "manifest.json");
  const lines = lineTexts.join("\n") + "\n";
  mkdirSync(dir, { recursive: true });
  // The exchanges first, the manifest last: a folder with a manifest is a whole cassette.
  writeFileAtomicSync(join(dir, "exchanges.ndjson"), lines);
  writeFileAtomicSync(join(dir, "manifest.json"), manifestText);
  return manifest;
}

/** @throws CassetteError when `text` reveals a configured secret in any form (it never says the secret). */
function refuseSecrets(text: string, credentials: Credentials, where: string): void {
  const found = findSecretForms(text, credentials);
  if (found.length > 0) {
    throw new CassetteError(`refusing to write a cassette: ${where} would still contain ${found.map(describeFinding).join(", ")}`);
  }
}
