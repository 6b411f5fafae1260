import { fileURLToPath } from "node:url";
import nock from "nock";
import { CREDENTIAL_PLACEHOLDERS, type Credentials, type Exchange } from "../http/index.ts";
import type { RunConfig } from "../run/config.ts";
import { UsageError } from "../cli/usage-error.ts";
import { CassetteError, readEntries, readManifest, type CassetteEntry, type CassetteManifest } from "./cassette.ts";
import type { PreparedTarget } from "./prepare.ts";

/** The cassette shipped in fixtures/ (recorded from the reference implementation by `npm run fixtures:record`). */
export const DEFAULT_CASSETTE = fileURLToPath(new URL("../../fixtures/cassette-reference/", import.meta.url)).replace(/\/$/, "");

// A replayed answer that is not the target's: nothing recorded for the request, or a recorded network error.
const MARK_NOT_RECORDED = "x-conformance-not-recorded";
const MARK_RECORDED_ERROR = "x-conformance-recorded-error";
const MARK_STATUS = 599;
// What the client saw of a recorded body that a replay of its text cannot show again by itself.
const MARK_CUT_AT = "x-conformance-recorded-cut-at";
const MARK_INVALID_UTF8 = "x-conformance-recorded-invalid-utf8";

const CREDENTIAL_HEADERS = ["authorization", "x-auth-email", "x-auth-key"];

/** Requests are matched on method, normalised path and query, and the (redacted) credential headers. */
function requestKey(method: string, pathAndQuery: string, headers: Record<string, string | string[] | undefined>): string {
  const url = new URL(pathAndQuery, "http://cassette.invalid");
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : v]));
  return JSON.stringify([method.toUpperCase(), url.pathname + url.search, ...CREDENTIAL_HEADERS.map((h) => lower[h] ?? null)]);
}

/** In replay the configured credentials are the placeholders themselves, so what is sent is what was recorded. */
function placeholderCredentials(manifest: CassetteManifest): Credentials {
  return {
    ...(manifest.schemes.includes("token") ? { token: CREDENTIAL_PLACEHOLDERS.token } : {}),
    ...(manifest.schemes.includes("key") ? { email: CREDENTIAL_PLACEHOLDERS.email, apiKey: CREDENTIAL_PLACEHOLDERS.apiKey } : {}),
  };
}

/** Installs nock with the cassette's exchanges; no connection leaves the process while it is installed. */
export function installReplay(baseUrl: string, entries: CassetteEntry[]): () => void {
  const origin = new URL(baseUrl).origin;
  const queues = new Map<string, CassetteEntry[]>();
  for (const entry of entries) {
    const raw = entry.request.url.startsWith(origin) ? entry.request.url.slice(origin.length) : new URL(entry.request.url).pathname;
    const key = requestKey(entry.request.method, raw, entry.request.headers);
    queues.set(key, [...(queues.get(key) ?? []), entry]);
  }
  // After nock.restore() (how a recorder stops) nock must be activated again, or mocks are silently ignored (STACK.md).
  if (!nock.isActive()) nock.activate();
  nock.disableNetConnect();
  nock(origin).persist().get(() => true).reply((request) => {
    const url = new URL(request.url);
    const uri = url.pathname + url.search;
    const queue = queues.get(requestKey("GET", uri, Object.fromEntries(request.headers.entries())));
    const entry = queue && (queue.length > 1 ? queue.shift()! : queue[0]!);
    if (!entry) return [MARK_STATUS, { not_recorded: `GET ${uri}` }, { [MARK_NOT_RECORDED]: "1", "content-type": "application/json" }];
    if (!entry.response) return [MARK_STATUS, entry.error?.message ?? "recorded without a response", { [MARK_RECORDED_ERROR]: entry.error?.kind ?? "network" }];
    const { status, body, headers, truncated, cutAtBytes, invalidUtf8 } = entry.response;
    return [status, body, {
      ...headers,
      ...(truncated ? { [MARK_CUT_AT]: String(cutAtBytes ?? 0) } : {}),
      ...(invalidUtf8 ? { [MARK_INVALID_UTF8]: "1" } : {}),
    }];
  });
  return () => {
    nock.cleanAll();
    nock.enableNetConnect();
  };
}

/** Turns the replay's marks back into what they stand for: "not recorded", or the recorded network error. */
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
  if (cutAt === undefined && invalidUtf8 === undefined) return exchange;
  const { [MARK_CUT_AT]: _c, [MARK_INVALID_UTF8]: _i, ...recordedHeaders } = headers;
  return {
    ...exchange,
    response: {
      ...exchange.response!, headers: recordedHeaders,
      ...(cutAt !== undefined ? { truncated: true, ...(Number(cutAt) > 0 ? { cutAtBytes: Number(cutAt) } : {}) } : {}),
      ...(invalidUtf8 !== undefined ? { invalidUtf8: true } : {}),
    },
  };
}

/** `--target recorded`: the run's zone, certificates, schemes and seed come from the cassette. */
export async function prepareRecordedTarget(config: RunConfig): Promise<PreparedTarget & { reviewExchange: (e: Exchange) => Exchange }> {
  const dir = config.target.cassette ?? DEFAULT_CASSETTE;
  let manifest: CassetteManifest;
  let entries: CassetteEntry[];
  try {
    manifest = readManifest(dir);
    entries = readEntries(dir);
  } catch (e) {
    if (e instanceof CassetteError) throw new UsageError(e.message);
    throw e;
  }
  const uninstall = installReplay(manifest.target.baseUrl, entries);
  return {
    config: {
      ...config,
      target: { kind: "recorded", baseUrl: manifest.target.baseUrl, cassette: dir },
      zoneId: manifest.zoneId, certificateIds: manifest.certificateIds, schemes: manifest.schemes,
      credentials: placeholderCredentials(manifest), seed: manifest.seed, budget: manifest.budget, rate: 0,
    },
    reviewExchange: reviewReplayedExchange,
    close: async () => uninstall(),
  };
}
