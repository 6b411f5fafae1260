/**
 * A recording's text with the environment's credentials replaced, in every form the live path
 * knows (any case, percent- or JSON-escaped, base64, email:key, the near misses: secret-forms.ts).
 * A cassette or HAR is a file anyone may have written, or recorded before redaction existed: what
 * it replays goes through the same redaction as a live answer, before anything is printed or kept.
 */
import { redactText, type Credentials } from "../http/index.ts";
import type { CassetteEntry } from "./cassette.ts";
import type { ReplaySource } from "./har.ts";

/** Whether `credentials` holds any secret to redact. */
export const holdsSecrets = (credentials: Credentials) => Boolean(credentials.token || credentials.email || credentials.apiKey);

function redactRecord(record: Record<string, string>, credentials: Credentials): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(record)) {
    const key = redactText(name, credentials);
    const redacted = redactText(value, credentials);
    out[key] = key in out ? `${out[key]}, ${redacted}` : redacted;
  }
  return out;
}

/** The entry with every string in it (URL, header names and values, body, messages, labels) redacted. */
export function redactRecordedEntry(entry: CassetteEntry, credentials: Credentials): CassetteEntry {
  if (!holdsSecrets(credentials)) return entry;
  const clean = (s: string) => redactText(s, credentials);
  const r = entry.response;
  return {
    ...entry,
    ...(entry.label !== undefined ? { label: clean(entry.label) } : {}),
    request: { method: clean(entry.request.method), url: clean(entry.request.url), headers: redactRecord(entry.request.headers, credentials) },
    ...(r ? { response: {
      ...r, headers: redactRecord(r.headers, credentials), body: clean(r.body),
      ...(r.decoding ? { decoding: { codings: r.decoding.codings.map(clean), ...(r.decoding.error !== undefined ? { error: clean(r.decoding.error) } : {}) } } : {}),
      ...(r.wire ? { wire: { ...r.wire, violations: r.wire.violations.map((v) => ({ rule: clean(v.rule), cite: clean(v.cite), message: clean(v.message) })), ...(r.wire.httpVersion !== undefined ? { httpVersion: clean(r.wire.httpVersion) } : {}) } } : {}),
    } } : {}),
    ...(entry.error ? { error: { kind: entry.error.kind, message: clean(entry.error.message) } } : {}),
  };
}

/** What a replay takes from a manifest, its strings redacted (they reach the console and every report). */
export function redactReplaySource<T extends ReplaySource & { source?: string }>(replay: T, credentials: Credentials): T {
  if (!holdsSecrets(credentials)) return replay;
  const clean = (s: string) => redactText(s, credentials);
  return {
    ...replay,
    target: { ...replay.target, baseUrl: clean(replay.target.baseUrl) },
    zoneId: clean(replay.zoneId),
    certificateIds: replay.certificateIds.map(clean),
    ...(replay.source !== undefined ? { source: clean(replay.source) } : {}),
  };
}
