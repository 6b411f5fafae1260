/**
 * Writing a run's exchanges as one HAR 1.2 file (`record --format har`); reading one back as a
 * recording is read-har.ts.
 */
import { mkdirSync } from "node:fs";
import { STATUS_CODES } from "node:http";
import { dirname } from "node:path";
import { writeFileAtomicSync } from "../io/write-atomic.ts";
import type { Exchange } from "../http/index.ts";
import { CassetteError, findSecret, prepareRecording, type CassetteEntry, type CassetteManifest, type WriteCassetteOptions } from "./cassette.ts";
import { HAR_MANIFEST_FIELD } from "./read-har.ts";

export { HAR_MANIFEST_FIELD, readHar, type HarRecording, type ReplaySource } from "./read-har.ts";

type Json = Record<string, unknown>;

/** One cassette entry as a HAR 1.2 entry (the exchange gives its timing). */
function harEntry(entry: CassetteEntry, timing: Exchange["timing"]): Json {
  const pairs = (h: Record<string, string>) => Object.entries(h).map(([name, value]) => ({ name, value }));
  const url = new URL(entry.request.url);
  const response = entry.response;
  const size = response ? Buffer.byteLength(response.body) : 0;
  return {
    startedDateTime: timing.startedAt,
    time: timing.durationMs,
    ...(entry.label ? { comment: entry.label } : {}),
    request: {
      method: entry.request.method, url: entry.request.url, httpVersion: "HTTP/1.1", cookies: [], headers: pairs(entry.request.headers),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })), headersSize: -1, bodySize: 0,
    },
    response: {
      status: response?.status ?? 0, statusText: response ? STATUS_CODES[response.status] ?? "" : "", httpVersion: response ? "HTTP/1.1" : "",
      cookies: [], headers: pairs(response?.headers ?? {}),
      content: { size, mimeType: response?.headers["content-type"] ?? "x-unknown", ...(response ? { text: response.body } : {}) },
      redirectURL: response?.headers.location ?? "", headersSize: -1, bodySize: response ? size : -1,
    },
    cache: {},
    timings: { send: 0, wait: timing.durationMs, receive: 0 },
    ...(entry.error ? { _error: entry.error } : {}),
    // What the recorder saw besides the answer (wire, coding, connection): HAR 1.2 custom field, read back on replay.
    ...(response?.wire || response?.decoding || entry.connection ? { _observed: { ...(response?.wire ? { wire: response.wire } : {}), ...(response?.decoding ? { decoding: response.decoding } : {}), ...(entry.connection ? { connection: entry.connection } : {}) } } : {}),
  };
}

/**
 * Writes a run's exchanges as one HAR 1.2 file, the manifest in `_clientCertConformance` so it
 * replays exactly; refuses (`findSecret`, as the cassette writer) if a credential is still in it.
 */
export function writeHar(file: string, opts: WriteCassetteOptions): CassetteManifest {
  const { manifest, entries } = prepareRecording(opts);
  const har = {
    log: {
      version: "1.2",
      creator: { name: manifest.suite.name, version: manifest.suite.version },
      comment: `${manifest.source}; seed ${manifest.seed}. Replay: client-cert-conformance run --cassette ${file}`,
      pages: [],
      entries: entries.map((e, i) => harEntry(e, opts.exchanges[i]!.timing)),
      [HAR_MANIFEST_FIELD]: manifest,
    },
  };
  const text = JSON.stringify(har, null, 2) + "\n";
  if (findSecret(text, opts.credentials)) throw new CassetteError("refusing to write a HAR file that still contains a credential");
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomicSync(file, text);
  return manifest;
}
