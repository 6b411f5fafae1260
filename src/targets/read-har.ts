/**
 * HAR 1.2 files as recordings: read into the cassette's entries (so the one replay,
 * `installReplay`, serves both formats). Written by har.ts.
 *
 * A HAR has no manifest. One written by `record --format har` carries the cassette manifest
 * in the custom log field `_clientCertConformance`; for a HAR made by another tool (browser
 * devtools, mitmproxy, Charles, Playwright's `recordHar`...) the replay's base URL, zone,
 * certificates and credential schemes are derived from its requests, and the seed must be
 * given (`--seed`): see docs/CONTRACT.md, "HAR recordings".
 */
import { stat } from "node:fs/promises";
import { chunksWithin, FileReadProblem, readFileWithin, type ReadBound } from "../io/bounded-read.ts";
import { arrayElements, isArraySpan, isObjectSpan, JsonSplitError, objectMembers, type JsonSpan } from "../io/json-split.ts";
import { inputBound } from "../io/input-bounds.ts";
import { CREDENTIAL_PLACEHOLDERS, CREDENTIAL_REQUEST_HEADERS, derivedSecrets, nearMissHeaders, REDACTED, REDACTED_RESPONSE_HEADERS, redactText, type CredentialField, type Credentials, type CredentialScheme, type Exchange } from "../http/index.ts";
import { planProbes } from "../run/probes.ts";
import { seedSpec } from "../schema/operation-spec.ts";
import { CassetteError, type CassetteEntry, type CassetteManifest } from "./cassette.ts";
import { CASSETTE_FORMAT, entryProblem, manifestProblem } from "./recording-shape.ts";
import { redactRecordedEntry, redactReplaySource } from "./redact-recording.ts";
import { yieldToLoop } from "./read-cassette.ts";

/** The custom log field (HAR 1.2 allows fields starting with `_`) holding the recording's manifest. */
export const HAR_MANIFEST_FIELD = "_clientCertConformance";

/** What a replay takes from a recording: the same fields whether they come from a manifest or were derived. */
export type ReplaySource = Pick<CassetteManifest, "target" | "zoneId" | "certificateIds" | "schemes" | "seed" | "budget" | "burst">;

export interface HarRecording {
  replay: ReplaySource;
  entries: CassetteEntry[];
  /** One line saying where the replay's zone, certificates, schemes and seed came from. */
  note: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** `.../zones/{zone}/client_certificates[/{certificate}]`: the list and the details operation. */
const OPERATION_PATH = /^(.*)\/zones\/([^/]+)\/client_certificates(?:\/([^/]+))?\/?$/;

/** The three headers the replay matches on, and the placeholder a real value becomes. */
const MATCHED_CREDENTIAL_HEADERS = {
  authorization: `Bearer ${CREDENTIAL_PLACEHOLDERS.token}`,
  "x-auth-email": CREDENTIAL_PLACEHOLDERS.email,
  "x-auth-key": CREDENTIAL_PLACEHOLDERS.apiKey,
} as const;
type MatchedHeader = keyof typeof MATCHED_CREDENTIAL_HEADERS;
const FIELD_OF: Record<MatchedHeader, CredentialField> = { authorization: "token", "x-auth-email": "email", "x-auth-key": "apiKey" };


/**
 * The credential-header values a run with `seed` sends on purpose (a wrong token, a malformed
 * key...): public test values, kept as they are. Taken from the plan itself, so they cannot drift.
 */
function madeUpHeaderValues(seed: number): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  const add = (name: string, value: string) => values.set(name.toLowerCase(), (values.get(name.toLowerCase()) ?? new Set()).add(value));
  const probes = planProbes({ spec: seedSpec(), zoneId: "z", certificateIds: ["c"], schemes: ["token", "key"], seed });
  for (const probe of probes) {
    if (!probe.publicHeaderValues || typeof probe.auth !== "object" || !("headers" in probe.auth)) continue;
    for (const [name, value] of Object.entries(probe.auth.headers)) add(name, value);
  }
  // The made-up half of a near miss (a wrong key beside the right email, a wrong email beside the right key).
  const stand = { email: "stand-in@example.com", apiKey: "0".repeat(37), token: "stand-in" };
  for (const nearMiss of ["key-wrong", "email-wrong"] as const) {
    for (const [name, value] of Object.entries(nearMissHeaders(nearMiss, stand) ?? {})) if (value !== stand.email && value !== stand.apiKey) add(name, value);
  }
  return values;
}

/** A value's placeholder form: a `$CLOUDFLARE_*` placeholder, with the near miss it stands for, or `Bearer ` and one. */
const isPlaceholderValue = (value: string) => /^((?:bearer|token) +)?\$CLOUDFLARE_[A-Z_]+(\([a-z ]+\))?$/i.test(value);

/** HAR `[{name, value}]` headers as a record: names lower-cased, repeats joined with `, `, HTTP/2 pseudo-headers dropped. */
function headerRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(headers)) return out;
  for (const h of headers) {
    if (!isObject(h) || typeof h.name !== "string" || h.name.startsWith(":")) continue;
    const name = h.name.toLowerCase();
    const value = String(h.value ?? "");
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

/** One HAR entry as a cassette entry, credentials still raw. */
function entryOf(e: unknown, index: number, file: string): CassetteEntry {
  if (!isObject(e) || !isObject(e.request) || typeof e.request.url !== "string") throw new CassetteError(`${file}: entry ${index + 1} has no request with a url; export the HAR again`);
  const request = { method: typeof e.request.method === "string" ? e.request.method.toUpperCase() : "GET", url: e.request.url, headers: headerRecord(e.request.headers) };
  const base = { seq: index + 1, ...(typeof e.comment === "string" && e.comment ? { label: e.comment } : {}), request };
  const response = isObject(e.response) ? e.response : {};
  const status = typeof response.status === "number" ? response.status : Number.NaN;
  // No response: how browsers (status 0, `_error`), Playwright (`_failureText`) and this suite (`_error` on the entry) record it.
  if (!(status >= 100 && status <= 599)) {
    const ours = isObject(e._error) && typeof e._error.kind === "string" ? e._error as { kind: string; message?: string } : undefined;
    const message = ours?.message ?? [response._error, response._failureText, e._error].find((m): m is string => typeof m === "string") ?? "no response recorded";
    return { ...base, error: { kind: (ours?.kind ?? "network") as NonNullable<Exchange["error"]>["kind"], message } };
  }
  const content = isObject(response.content) ? response.content : {};
  if (typeof content.text !== "string" && content.size !== 0) {
    return { ...base, error: { kind: "not-recorded", message: `the HAR has no body for this response (status ${status}); export it with response content` } };
  }
  const headers = headerRecord(response.headers);
  // HAR's `content.text` is the decoded body: the encoding and length it travelled with no longer apply.
  if (headers["content-encoding"]) {
    delete headers["content-encoding"];
    delete headers["content-length"];
  }
  delete headers["transfer-encoding"];
  const text = typeof content.text === "string" ? content.text : "";
  const body = content.encoding === "base64" ? Buffer.from(text, "base64").toString("utf8") : text;
  // This suite's own HARs carry what it saw on the wire (`_observed`); another tool's carry none.
  const observed = isObject(e._observed) ? e._observed as Pick<NonNullable<CassetteEntry["response"]>, "wire" | "decoding"> & Pick<CassetteEntry, "connection"> : {};
  return {
    ...base, response: { status, headers, body, ...(observed.wire ? { wire: observed.wire } : {}), ...(observed.decoding ? { decoding: observed.decoding } : {}) },
    ...(observed.connection ? { connection: observed.connection } : {}),
  };
}

/** The real credentials in the entries' request headers: every value that is neither a placeholder nor one of the run's made-up ones. */
function realCredentials(entries: CassetteEntry[], madeUp: Map<string, Set<string>>): Record<CredentialField, Set<string>> {
  const found: Record<CredentialField, Set<string>> = { token: new Set(), email: new Set(), apiKey: new Set() };
  const seen = new Set<CassetteEntry["request"]>(); // identical entries share their request: looked at once
  for (const { request } of entries) {
    if (seen.has(request)) continue;
    seen.add(request);
    for (const name of Object.keys(MATCHED_CREDENTIAL_HEADERS) as MatchedHeader[]) {
      const value = request.headers[name];
      if (value === undefined || isPlaceholderValue(value) || madeUp.get(name)?.has(value)) continue;
      const bearer = /^Bearer\s+(.+)$/i.exec(value);
      if (name === "authorization" && !bearer) continue; // not a bearer token: redacted below, never a configured credential
      found[FIELD_OF[name]].add(bearer && name === "authorization" ? bearer[1]! : value);
    }
  }
  return found;
}

/**
 * The configured credential among several values of one header: the one the others are near
 * misses of (the suite sends the token with its last character changed, dropped, added, case
 * flipped, and the key with a digit changed). Undefined when they are not one secret and its near misses.
 */
function configuredAmong(field: CredentialField, values: Set<string>, misplaced: ReadonlySet<string> = new Set()): string | undefined {
  if (values.size <= 1) return [...values][0];
  for (const candidate of values) {
    const near = new Set(derivedSecrets({ [field]: candidate }).map((d) => d.value));
    // The other credential may be here too: the suite sends the token as X-Auth-Key, the key as a bearer token.
    if ([...values].every((v) => v === candidate || near.has(v) || misplaced.has(v))) return candidate;
  }
  return undefined;
}

/** The entry with real credentials replaced by the `$CLOUDFLARE_*` placeholders the replay matches on. */
function redactEntry(entry: CassetteEntry, secrets: Credentials[], madeUp: Map<string, Set<string>>): CassetteEntry {
  const clean = (text: string) => secrets.reduce((t, c) => redactText(t, c), text);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(entry.request.headers)) {
    if (name in MATCHED_CREDENTIAL_HEADERS) {
      const keep = isPlaceholderValue(value) || madeUp.get(name)?.has(value);
      // A configured secret, or a near miss of one, becomes the placeholder the replay sends for it.
      const redacted = clean(value);
      const placeholder = isPlaceholderValue(redacted) ? redacted : name === "authorization" && !/^Bearer\s/i.test(value) ? REDACTED : MATCHED_CREDENTIAL_HEADERS[name as MatchedHeader];
      headers[name] = keep ? value : placeholder;
    } else {
      headers[name] = CREDENTIAL_REQUEST_HEADERS.has(name) ? REDACTED : clean(value);
    }
  }
  const response = entry.response && {
    ...entry.response,
    headers: Object.fromEntries(Object.entries(entry.response.headers).map(([k, v]) => [k, REDACTED_RESPONSE_HEADERS.has(k) ? REDACTED : clean(v)])),
    body: clean(entry.response.body),
    ...(entry.response.wire ? { wire: { ...entry.response.wire, violations: entry.response.wire.violations.map((v) => ({ ...v, message: clean(v.message) })) } } : {}),
    ...(entry.response.decoding?.error ? { decoding: { ...entry.response.decoding, error: clean(entry.response.decoding.error) } } : {}),
  };
  return {
    ...entry, request: { method: entry.request.method, url: clean(entry.request.url), headers },
    ...(response ? { response } : {}), ...(entry.error ? { error: { kind: entry.error.kind, message: clean(entry.error.message) } } : {}),
  };
}

/** The most frequent value (the first seen among equals). */
function mostFrequent(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].reduce<[string, number] | undefined>((best, c) => (!best || c[1] > best[1] ? c : best), undefined)?.[0];
}

/**
 * Base URL, zone, certificates and schemes from the requests of a HAR made by another tool:
 * the zone is the one most requests name; the base URL is what precedes `/zones/` in them;
 * with a list request in the HAR the certificates are discovered from it as the run did,
 * otherwise they are the ones read with a 200; a scheme is configured when its placeholder was sent.
 */
function deriveReplay(entries: CassetteEntry[], file: string, seed: number, budget: number): { replay: ReplaySource; note: string } {
  // Each distinct URL parsed once (a recording may repeat one request many times).
  const parts = new Map<string, { base: string; zone: string; certificate: string | undefined } | null>();
  const operations = entries.flatMap((e) => {
    let part = parts.get(e.request.url);
    if (part === undefined) {
      const url = new URL(e.request.url);
      const m = OPERATION_PATH.exec(url.pathname);
      part = m ? { base: `${url.origin}${m[1]}`, zone: m[2]!, certificate: m[3] } : null;
      parts.set(e.request.url, part);
    }
    return part ? [{ entry: e, ...part }] : [];
  });
  const zoneId = mostFrequent(operations.map((o) => o.zone));
  if (zoneId === undefined) throw new CassetteError(`${file} holds no request to /zones/{zone}/client_certificates/{certificate}: nothing to replay; record the suite's own requests (see docs/CONTRACT.md, HAR recordings)`);
  const ofZone = operations.filter((o) => o.zone === zoneId);
  const baseUrl = mostFrequent(ofZone.map((o) => o.base))!;
  const hasList = ofZone.some((o) => o.certificate === undefined && o.entry.response?.status === 200);
  const certificateIds = hasList ? [] : [...new Set(ofZone.filter((o) => o.certificate !== undefined && o.entry.response?.status === 200).map((o) => o.certificate!))];
  const sent = (name: MatchedHeader) => entries.some((e) => e.request.headers[name] === MATCHED_CREDENTIAL_HEADERS[name]);
  const schemes: CredentialScheme[] = [...(sent("authorization") ? ["token" as const] : []), ...(sent("x-auth-email") && sent("x-auth-key") ? ["key" as const] : [])];
  const certificates = hasList ? "discovered from its list request" : `${certificateIds.length} read with a 200`;
  return {
    replay: { target: { kind: "url", baseUrl }, zoneId, certificateIds, schemes, seed, budget },
    note: `HAR from ${file} (no ${HAR_MANIFEST_FIELD} field: derived from its requests): base URL ${baseUrl}, zone ${zoneId}, certificates ${certificates}, schemes ${schemes.join("+") || "none"}, seed ${seed} from --seed`,
  };
}

export interface ReadHarOptions {
  /** From `--seed`: needed only when the HAR does not carry the manifest. */
  seed?: number;
  budget: number;
  /** Stops the reading (its reason is thrown). */
  signal?: AbortSignal;
  /** The environment's credentials: replaced in everything read, in every form. */
  secrets?: Credentials;
  /** The bound of the file (default: the input bound, CONFORMANCE_MAX_INPUT_MB). */
  bound?: ReadBound;
}

/** A URL no run sends: a browser's HAR also holds data:, blob: and extension URLs (one that is no URL at all is malformed, not skipped). */
function notSentByARun(url: string): boolean {
  try {
    return !/^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** The text of a HAR file, within its bound; what does not start as a JSON object is refused at its first bytes. */
async function harText(file: string, bound: ReadBound, signal?: AbortSignal): Promise<string> {
  const notJson = `${file} is neither a cassette directory nor a readable HAR file (it does not start as a JSON object); pass --cassette DIR or a HAR 1.2 file`;
  const startsAsObject = (bytes: Buffer) => {
    const start = bytes.toString("utf8", 0, Math.min(bytes.length, 64)).replace(/^\uFEFF/, "").trimStart();
    return !start || start.startsWith("{");
  };
  let bytes: Buffer;
  try {
    // A device or a pipe (/dev/zero) is refused at its first bytes, not after the bound.
    const first = await firstBytes(file, signal);
    if (first && !startsAsObject(first)) throw new CassetteError(notJson);
    bytes = await readFileWithin(file, bound, signal);
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    if (e instanceof FileReadProblem) {
      throw new CassetteError(e.code ? `${file} is neither a cassette directory nor a readable HAR file (${e.code}); pass --cassette DIR or a HAR 1.2 file` : `HAR file ${file} ${e.problem}`);
    }
    throw e;
  }
  if (!startsAsObject(bytes)) throw new CassetteError(notJson);
  return bytes.toString("utf8").replace(/^\uFEFF/, "");
}

/** The first bytes of a file that is not a regular one (a device: its beginning says whether it can be a HAR), undefined for a regular file or a pipe (read once only). */
async function firstBytes(file: string, signal?: AbortSignal): Promise<Buffer | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info || info.isFile() || info.isFIFO() || info.isDirectory()) return undefined;
  for await (const chunk of chunksWithin(file, { maxBytes: 64 * 1024 * 1024 }, signal)) return chunk.subarray(0, 64);
  return undefined;
}

/** The value of the last member named `key` (as JSON.parse keeps the last of repeated names). */
function lastMember(members: { key: string; value: JsonSpan }[], key: string): JsonSpan | undefined {
  for (let i = members.length - 1; i >= 0; i--) if (members[i]!.key === key) return members[i]!.value;
  return undefined;
}

/** The part of the HAR a replay reads: its entries' texts, each parsed on its own, and the manifest field. */
interface HarParts {
  text: string;
  entries: JsonSpan[];
  field: unknown;
}

/**
 * The HAR's `log.entries` as spans of its text (each parsed when it is read, so the objects of all
 * of them never exist at once) and its manifest field, parsed. The structure down to the entries is
 * checked here; a HAR that is not JSON there is one line saying where.
 */
async function harParts(file: string, bound: ReadBound, signal?: AbortSignal): Promise<HarParts> {
  const text = await harText(file, bound, signal);
  const notHar = `${file} is not a HAR file (no log.entries); pass a HAR 1.2 file or a cassette directory to --cassette`;
  try {
    const root = objectMembers(text);
    const end = root.length ? root[root.length - 1]!.value.to : 0;
    const rest = text.slice(text.indexOf("}", end) + 1).trim();
    if (rest) throw new JsonSplitError("more follows the HAR's JSON object", text.length - rest.length);
    const log = lastMember(root, "log");
    if (!log || !isObjectSpan(text, log)) throw new CassetteError(notHar);
    const members = objectMembers(text, log);
    const entries = lastMember(members, "entries");
    if (!entries || !isArraySpan(text, entries)) throw new CassetteError(notHar);
    const fieldSpan = lastMember(members, HAR_MANIFEST_FIELD);
    let field: unknown;
    if (fieldSpan) {
      try {
        field = JSON.parse(text.slice(fieldSpan.from, fieldSpan.to));
      } catch (e) {
        throw new CassetteError(`${file}: log.${HAR_MANIFEST_FIELD} is not JSON (${(e as Error).message.split("\n")[0]})`);
      }
    }
    return { text, entries: arrayElements(text, entries), field };
  } catch (e) {
    // A JsonSplitError, or a member name JSON.parse refused.
    if (e instanceof SyntaxError) throw new CassetteError(`${file} is neither a cassette directory nor a readable HAR file (not JSON: ${e.message.split("\n")[0]}); pass --cassette DIR or a HAR 1.2 file`);
    throw e;
  }
}

/**
 * Reads a HAR file as a recording, within its bound and in time linear in its entries (the event
 * loop runs between batches, and `signal` stops it). Every entry is checked (recording-shape.ts);
 * credentials in it are redacted on load: the environment's, in every form, and in the headers the
 * replay matches on every value that is not one of the run's made-up test values becomes its
 * placeholder, and those values are replaced everywhere else too. `seed` (from `--seed`) is
 * needed only when the HAR does not carry the manifest.
 */
export async function readHar(file: string, opts: ReadHarOptions): Promise<HarRecording> {
  const har = await harParts(file, opts.bound ?? inputBound(), opts.signal);
  opts.signal?.throwIfAborted();
  const stored = isObject(har.field) && har.field.format === CASSETTE_FORMAT ? har.field : undefined;
  if (stored) {
    const problem = manifestProblem(stored);
    if (problem) throw new CassetteError(`${file}: log.${HAR_MANIFEST_FIELD}: ${problem}`);
  }
  const manifest = stored as unknown as CassetteManifest | undefined;
  const seed = manifest?.seed ?? opts.seed;
  if (seed === undefined) {
    throw new CassetteError(`${file} does not say which seed its run used: pass --seed N, the seed in the report of the run it recorded (a HAR written by \`record --format har\` carries it)`);
  }
  const secrets = opts.secrets ?? {};
  // Identical entries (a tool that recorded one request 100,000 times) are converted once and shared.
  const converted = new Map<string, CassetteEntry | null>();
  const raw: CassetteEntry[] = [];
  for (const [i, span] of har.entries.entries()) {
    const text = har.text.slice(span.from, span.to);
    let entry = converted.get(text);
    if (entry === undefined) {
      let e: unknown;
      try {
        e = JSON.parse(text);
      } catch (error) {
        throw new CassetteError(`${file}: entry ${i + 1} (log.entries[${i}]) is not JSON (${(error as Error).message.split("\n")[0]})`);
      }
      if (isObject(e) && isObject(e.request) && typeof e.request.url === "string" && notSentByARun(e.request.url)) {
        entry = null; // a data:, blob: or extension URL: nothing a run sends
      } else {
        const made = entryOf(e, i, file);
        const problem = entryProblem(made);
        if (problem) throw new CassetteError(`${file}: entry ${i + 1} (log.entries[${i}]): ${problem}`);
        entry = redactRecordedEntry(made, secrets);
      }
      converted.set(text, entry);
    }
    if (entry) raw.push(entry.seq === i + 1 ? entry : { ...entry, seq: i + 1 });
    if ((i + 1) % 1_000 === 0) {
      await yieldToLoop();
      opts.signal?.throwIfAborted();
    }
  }
  converted.clear();
  const madeUp = madeUpHeaderValues(seed);
  const real = realCredentials(raw, madeUp);
  // The token and the key, each allowed among the other's values (sent misplaced on purpose).
  const among = (field: CredentialField) => configuredAmong(field, real[field], field === "token" ? real.apiKey : field === "apiKey" ? real.token : new Set());
  const many = (Object.entries(real) as [CredentialField, Set<string>][]).find(([field, values]) => values.size > 1 && among(field) === undefined);
  if (many) {
    throw new CassetteError(`${file}: its requests carry ${many[1].size} different ${many[0] === "token" ? "bearer tokens" : many[0] === "email" ? "X-Auth-Email values" : "X-Auth-Key values"} besides the suite's made-up ones for seed ${seed}; is ${seed} the seed of the run it recorded? (pass --seed N)`);
  }
  const found: Credentials[] = [{ token: among("token"), email: among("email"), apiKey: among("apiKey") }];
  // Each request and response redacted once, however many entries share them.
  const redacted = new Map<CassetteEntry["request"], CassetteEntry>();
  const entries: CassetteEntry[] = [];
  for (const [i, e] of raw.entries()) {
    let clean = redacted.get(e.request);
    if (!clean) {
      clean = redactEntry(e, found, madeUp);
      redacted.set(e.request, clean);
    }
    entries.push(clean.seq === e.seq ? clean : { ...clean, seq: e.seq });
    if ((i + 1) % 1_000 === 0) {
      await yieldToLoop();
      opts.signal?.throwIfAborted();
    }
  }
  if (manifest) {
    const { target, zoneId, certificateIds, schemes, budget, burst } = redactReplaySource(manifest, secrets);
    const name = redactText(`${manifest.suite?.name ?? "an unknown recorder"} ${manifest.suite?.version ?? ""}`.trim(), secrets);
    return { replay: { target, zoneId, certificateIds, schemes, seed, budget, ...(burst ? { burst } : {}) }, entries, note: `HAR from ${file}, recorded by ${name} (seed ${seed})` };
  }
  return { ...deriveReplay(entries, file, seed, opts.budget), entries };
}
