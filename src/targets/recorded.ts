import { stat as statOf } from "node:fs/promises";
import { abortable } from "../io/bounded-read.ts";
import { packagePath } from "../package-path.ts";
import { validateHeaderName, validateHeaderValue } from "node:http";
import { createRequire } from "node:module";
import type Nock from "nock";
import { CREDENTIAL_PLACEHOLDERS, redactRequestHeaders, type Credentials, type Exchange } from "../http/index.ts";
import type { RunConfig } from "../run/config.ts";
import { UsageError } from "../io/usage-error.ts";
import { CassetteError, type CassetteEntry } from "./cassette.ts";
import { readHar, type ReplaySource } from "./read-har.ts";
import { readCassetteEntries, readCassetteManifest } from "./read-cassette.ts";
import type { PreparedTarget } from "./prepare.ts";
import type { AttemptRequest, Transport } from "../http/transport.ts";
import { registerReplayAnswers } from "../http/replay-answers.ts";

/** The cassette shipped in fixtures/ (recorded from the reference implementation by `npm run fixtures:record`). */
export const DEFAULT_CASSETTE = packagePath("fixtures", "cassette-reference");

// A replayed answer that is not the target's: nothing recorded for the request, or a recorded network error.
const MARK_NOT_RECORDED = "x-conformance-not-recorded";
const MARK_RECORDED_ERROR = "x-conformance-recorded-error";
const MARK_STATUS = 599;
// What the client saw of a recorded body that a replay of its text cannot show again by itself.
const MARK_CUT_AT = "x-conformance-recorded-cut-at";
const MARK_INVALID_UTF8 = "x-conformance-recorded-invalid-utf8";
// An answer recorded together with an error (a body cut at the run's budget, a 429 not waited for):
// replayed as both, the error percent-encoded JSON.
const MARK_ANSWER_ERROR = "x-conformance-recorded-answer-error";
// What the recorder saw besides the answer (its wire, its coding, its connection): percent-encoded JSON.
const MARK_OBSERVED = "x-conformance-recorded-observed";
// Framing headers describe the bytes as they were sent (compressed, 200 MB long); the replayed body
// is the decoded, possibly cut text, so they travel apart (with the headers below) and are put back after.
const FRAMING_HEADERS = ["content-length", "content-encoding", "transfer-encoding"];
// Recorded headers a replay cannot send as they are: the framing ones, those node:http refuses (a
// name that is no token, a value with control characters: a hostile target's, or a hand-made
// cassette's), and those named like the marks. They travel as percent-encoded JSON.
const MARK_HEADERS = "x-conformance-recorded-headers";
// A recorded status a replay cannot answer with (under 200: informational; over 599: fetch refuses it).
const MARK_RECORDED_STATUS = "x-conformance-recorded-status";
const MARK_PREFIX = "x-conformance-";

/** Whether node:http sends this header as it is. */
function sendable(name: string, value: string): boolean {
  if (FRAMING_HEADERS.includes(name) || name.startsWith(MARK_PREFIX)) return false;
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

/** A mark's JSON, or undefined when it does not decode (marks are ours, but a reply is only data). */
function markJson<T>(value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(decodeURIComponent(value)) as T;
  } catch {
    return undefined;
  }
}

const CREDENTIAL_HEADERS = ["authorization", "x-auth-email", "x-auth-key"];
/** Besides the credentials, what tells apart the reads of one certificate asked another way. */
const NEGOTIATION_HEADERS = ["accept", "accept-encoding"];

/** The Accept and Accept-Encoding of a request (absent ones as null), as one string. */
function negotiationOf(headers: Record<string, string | string[] | undefined>): string {
  const found: (string | null)[] = NEGOTIATION_HEADERS.map(() => null);
  for (const [k, v] of Object.entries(headers)) {
    const at = NEGOTIATION_HEADERS.indexOf(k.toLowerCase());
    if (at >= 0) found[at] = Array.isArray(v) ? v.join(", ") : v ?? "";
  }
  return JSON.stringify(found);
}

/**
 * Requests are matched on method, normalised path and query, and the (redacted) credential headers;
 * among the entries alike in those, on Accept and Accept-Encoding (see AnswerQueue).
 * What a replay sends is redacted the same way first: a near miss derived from a placeholder
 * (`$CLOUDFLARE_API_TOKEN` with its last character changed) becomes the placeholder that was recorded for it.
 */
function requestKey(method: string, pathAndQuery: string, headers: Record<string, string | string[] | undefined>, credentials: Credentials = {}): string {
  const url = new URL(pathAndQuery, "http://cassette.invalid");
  // Only the credential headers are matched: only they are redacted (every request's every header was a tenth of a replay's time).
  const sent: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase();
    if (CREDENTIAL_HEADERS.includes(name)) sent[name] = Array.isArray(v) ? v.join(", ") : v ?? "";
  }
  const lower = redactRequestHeaders(sent, credentials, { publicValues: true });
  return JSON.stringify([method.toUpperCase(), url.pathname + url.search, ...CREDENTIAL_HEADERS.map((h) => lower[h] ?? null)]);
}

/** In replay the configured credentials are the placeholders themselves, so what is sent is what was recorded. */
function placeholderCredentials(manifest: Pick<ReplaySource, "schemes">): Credentials {
  return {
    ...(manifest.schemes.includes("token") ? { token: CREDENTIAL_PLACEHOLDERS.token } : {}),
    ...(manifest.schemes.includes("key") ? { email: CREDENTIAL_PLACEHOLDERS.email, apiKey: CREDENTIAL_PLACEHOLDERS.apiKey } : {}),
  };
}

/** A request's path and query, as a WHATWG URL normalises them (the origin is not matched: a recording may name another host). */
function pathAndQueryOf(url: string): string {
  const parsed = new URL(url, "http://cassette.invalid");
  return parsed.pathname + parsed.search;
}

/**
 * The recorded answers to requests alike in method, path and credentials, served in recorded
 * order: the first not yet served whose Accept and Accept-Encoding are the request's, else the
 * first not yet served (a HAR from another tool may not have the headers the suite sends); the
 * last one again once they are spent. Reads that differ only in those headers are sent
 * concurrently, so each must find its own answer whatever the arrival order; requests alike in
 * these too are never in flight together (ProbeRunner), so they arrive in recorded order.
 */
class AnswerQueue {
  private readonly served: boolean[] = [];
  private left: number;
  constructor(private readonly entries: CassetteEntry[], private readonly most: number) {
    this.left = entries.length;
  }
  /** Keeps the answer, unless the queue already holds more than a run can ask for (a recording of 100,000 identical entries). */
  push(entry: CassetteEntry): void {
    if (this.entries.length < this.most) {
      this.entries.push(entry);
      this.left += 1;
    }
  }
  take(negotiation: string): CassetteEntry | undefined {
    let first = -1;
    for (let i = 0; i < this.entries.length; i += 1) {
      if (this.served[i]) continue;
      if (first < 0) first = i;
      if (negotiationOf(this.entries[i]!.request.headers) === negotiation) {
        first = i;
        break;
      }
    }
    // The last answer not yet served stays, to answer every later request alike.
    if (this.left > 1) {
      this.served[first] = true;
      this.left -= 1;
    }
    return this.entries[first];
  }
}

/** A cassette's replay: nock answers GETs on node:http; `transport` answers any method, without HTTP. */
export interface Replay {
  uninstall(): void;
  /**
   * Answers a request of any method from the cassette: what a run's requests with another method
   * go through (registered for the client: src/http/replay-answers.ts). Its answers carry the same
   * marks as nock's (see reviewReplayedExchange).
   */
  transport: Transport;
}

/**
 * nock, loaded when the first replay starts: importing nock turns its interception of node:http on
 * for the whole process, and a library user (or a test) who imports this package and never replays
 * must keep node:http as it is (measured: a proxy's CONNECT failed under it, "No socket was returned").
 */
let loadedNock: typeof Nock | undefined;
const nockLoaded = (): typeof Nock => (loadedNock ??= createRequire(import.meta.url)("nock") as typeof Nock);

/** Replays installed in this process now (the last to end turns nock's interception off). */
let replaysInstalled = 0;

/**
 * Installs nock with the cassette's exchanges; no connection leaves the process while it is
 * installed. Linear in the entries: each is keyed once (method, path and query whatever the origin
 * recorded, credential headers) and appended to its key's queue.
 */
export function installReplay(baseUrl: string, entries: CassetteEntry[], credentials: Credentials = {}, budget = Number.MAX_SAFE_INTEGER): Replay {
  const origin = new URL(baseUrl).origin;
  const queues = new Map<string, AnswerQueue>();
  const keys = new Map<CassetteEntry["request"], string>(); // identical entries share their request: keyed once
  for (const entry of entries) {
    let key = keys.get(entry.request);
    if (key === undefined) {
      key = requestKey(entry.request.method, pathAndQueryOf(entry.request.url), entry.request.headers);
      keys.set(entry.request, key);
    }
    const queue = queues.get(key);
    // A run sends at most `budget` requests: answers past that many for one request are never served.
    if (queue) queue.push(entry);
    else queues.set(key, new AnswerQueue([entry], budget + 1));
  }
  const nock = nockLoaded();
  // After nock.restore() (how a recorder stops, and how the last replay ends) nock must be activated
  // again, or mocks are silently ignored (STACK.md).
  if (!nock.isActive()) nock.activate();
  replaysInstalled += 1;
  nock.disableNetConnect();
  const answer = (method: string, url: URL, sent: Record<string, string>): [number, string, Record<string, string>] => {
    const uri = url.pathname + url.search;
    const entry = queues.get(requestKey(method, uri, sent, credentials))?.take(negotiationOf(sent));
    if (!entry) return [MARK_STATUS, JSON.stringify({ not_recorded: `${method} ${uri}` }), { [MARK_NOT_RECORDED]: "1", "content-type": "application/json" }];
    if (!entry.response) return [MARK_STATUS, entry.error?.message ?? "recorded without a response", { [MARK_RECORDED_ERROR]: entry.error?.kind ?? "network" }];
    const { status, body, truncated, cutAtBytes, invalidUtf8, decoding, wire } = entry.response;
    const observed = { ...(decoding ? { decoding } : {}), ...(wire ? { wire } : {}), ...(entry.connection ? { connection: entry.connection } : {}) };
    const headers: Record<string, string> = {};
    const carried: Record<string, string> = {};
    for (const [name, value] of Object.entries(entry.response.headers)) {
      if (sendable(name, value)) headers[name] = value;
      else carried[name] = value;
    }
    const servable = status >= 200 && status <= 599;
    return [servable ? status : 200, body, {
      ...headers,
      ...(Object.keys(carried).length ? { [MARK_HEADERS]: encodeURIComponent(JSON.stringify(carried)) } : {}),
      ...(servable ? {} : { [MARK_RECORDED_STATUS]: String(status) }),
      ...(truncated ? { [MARK_CUT_AT]: String(cutAtBytes ?? 0) } : {}),
      ...(invalidUtf8 ? { [MARK_INVALID_UTF8]: "1" } : {}),
      ...(entry.error ? { [MARK_ANSWER_ERROR]: encodeURIComponent(JSON.stringify(entry.error)) } : {}),
      ...(Object.keys(observed).length ? { [MARK_OBSERVED]: encodeURIComponent(JSON.stringify(observed)) } : {}),
    }];
  };
  const interceptor = nock(origin).persist().get(() => true);
  interceptor.reply((request) => answer("GET", new URL(request.url), Object.fromEntries(request.headers.entries())));
  const transport: Transport = async (request: AttemptRequest) => {
    const [status, body, headers] = answer(request.method ?? "GET", new URL(request.url), request.headers);
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    return { response: { status, headers: lower, body, bytes: Buffer.byteLength(body) } };
  };
  const unregister = registerReplayAnswers(origin, transport);
  return {
    uninstall: () => {
      unregister();
      nock.removeInterceptor(interceptor);
      replaysInstalled -= 1;
      if (replaysInstalled > 0) return; // another replay in this process still answers
      nock.enableNetConnect();
      // node:http handed back as it was (importing nock turns its interception on): a library user's
      // later requests in this process, and its own tests' mocks if it has any, are left alone.
      if (nock.activeMocks().length === 0) nock.restore();
    },
    transport,
  };
}

/**
 * Turns the replay's marks back into what they stand for: "not recorded", the recorded network
 * error, or what the recorder saw of an answer (cut, not UTF-8, with an error, its framing headers).
 */
export function reviewReplayedExchange(exchange: Exchange): Exchange {
  const headers = exchange.response?.headers;
  if (!headers) return exchange;
  if (headers[MARK_NOT_RECORDED]) {
    const { response: _r, ...rest } = exchange;
    return { ...rest, error: { kind: "not-recorded", message: `not recorded in the cassette: ${exchange.request.method} ${exchange.request.url}` } };
  }
  const kind = headers[MARK_RECORDED_ERROR];
  if (kind) {
    const { response, ...rest } = exchange;
    return { ...rest, error: { kind: kind as NonNullable<Exchange["error"]>["kind"], message: `recorded: ${response!.body}` } };
  }
  const cutAt = headers[MARK_CUT_AT];
  const invalidUtf8 = headers[MARK_INVALID_UTF8];
  const answerError = markJson<NonNullable<Exchange["error"]>>(headers[MARK_ANSWER_ERROR]);
  const observed = markJson<Pick<NonNullable<Exchange["response"]>, "decoding" | "wire"> & Pick<Exchange, "connection">>(headers[MARK_OBSERVED]) ?? {};
  const recordedStatus = headers[MARK_RECORDED_STATUS] !== undefined ? Number(headers[MARK_RECORDED_STATUS]) : undefined;
  const recordedHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(MARK_PREFIX) || FRAMING_HEADERS.includes(name)) continue; // marks, and nock's own framing
    recordedHeaders[name] = value;
  }
  Object.assign(recordedHeaders, markJson<Record<string, string>>(headers[MARK_HEADERS]) ?? {});
  return {
    ...exchange,
    response: {
      ...exchange.response!, headers: recordedHeaders, ...(recordedStatus !== undefined ? { status: recordedStatus } : {}),
      ...(cutAt !== undefined ? { truncated: true, ...(Number(cutAt) > 0 ? { cutAtBytes: Number(cutAt) } : {}) } : {}),
      ...(invalidUtf8 !== undefined ? { invalidUtf8: true } : {}),
      ...(observed.decoding ? { decoding: observed.decoding } : {}),
      ...(observed.wire ? { wire: observed.wire } : {}),
    },
    ...(answerError !== undefined ? { error: answerError } : {}),
    ...(observed.connection ? { connection: observed.connection } : {}),
  };
}

/** How a recorded target is made ready: a stop, and the secrets to redact from what it replays. */
export interface PrepareOptions {
  /** Stops the loading (`--max-time`, SIGINT, SIGTERM): its reason is thrown. */
  signal?: AbortSignal;
}

/**
 * What `--cassette PATH` holds: a directory is a cassette (manifest.json + exchanges.ndjson),
 * anything else a HAR 1.2 file (whatever its name; its content is checked). Both become the same
 * entries, checked, bounded and redacted of the environment's credentials (`config.secrets`).
 */
async function loadRecording(path: string, config: RunConfig, signal?: AbortSignal): Promise<{ replay: ReplaySource; entries: CassetteEntry[]; note: string }> {
  let stat;
  try {
    stat = await abortable(statOf(path), signal); // a symbolic link is followed
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw new CassetteError(`no cassette at ${path}: pass --cassette DIR (a recorded cassette directory) or a HAR 1.2 file`);
  }
  const secrets = config.secrets ?? {};
  if (!stat.isDirectory()) return readHar(path, { seed: config.seedGiven ? config.seed : undefined, budget: config.budget, signal, secrets });
  const manifest = await readCassetteManifest(path, { signal, secrets });
  const entries = await readCassetteEntries(path, { signal, secrets });
  return { replay: manifest, entries, note: `cassette ${path} (${manifest.source ?? "source not said"}, seed ${manifest.seed})` };
}

/** `--target recorded`: the run's zone, certificates, schemes and seed come from the recording. */
export async function prepareRecordedTarget(config: RunConfig, opts: PrepareOptions = {}): Promise<PreparedTarget & { reviewExchange: (e: Exchange) => Exchange }> {
  const path = config.target.cassette ?? DEFAULT_CASSETTE;
  let recording;
  try {
    recording = await loadRecording(path, config, opts.signal);
  } catch (e) {
    if (e instanceof CassetteError) throw new UsageError(e.message);
    throw e;
  }
  const { replay, entries, note } = recording;
  const { uninstall } = installReplay(replay.target.baseUrl, entries, placeholderCredentials(replay), replay.budget);
  return {
    config: {
      ...config,
      target: { kind: "recorded", baseUrl: replay.target.baseUrl, cassette: path },
      zoneId: replay.zoneId, certificateIds: replay.certificateIds, schemes: replay.schemes,
      credentials: placeholderCredentials(replay), seed: replay.seed, budget: replay.budget, rate: 0, burst: replay.burst ?? 0,
    },
    reviewExchange: reviewReplayedExchange,
    note: `replaying ${note}`,
    close: async () => uninstall(),
  };
}
