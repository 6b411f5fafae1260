// What every writer shares: grouping by family, the status a reader sees, visible
// control characters, shortening, request/response excerpts and a last redaction pass.
// No dependency: each piece is a few lines, and the escaping itself lives with its writer.
import { FAMILIES, FAMILY_TITLES, type Family } from "../src/registry/types.ts";
import type { FailureExcerpt, Report, RequirementResult } from "./model.ts";

/** What a family covers; undefined for a family this suite version does not know (a report of another version). */
export function familyTitle(family: string): string | undefined {
  return FAMILY_TITLES[family as Family];
}

/** Requirements grouped by family: docs/CONTRACT.md's family order first, then any other in order of appearance. */
export function byFamily(report: Report): { family: string; requirements: RequirementResult[] }[] {
  const groups = new Map<string, RequirementResult[]>();
  for (const f of FAMILIES) groups.set(f, []);
  for (const r of report.requirements) {
    const list = groups.get(r.family) ?? [];
    list.push(r);
    groups.set(r.family, list);
  }
  return [...groups].filter(([, list]) => list.length > 0).map(([family, requirements]) => ({ family, requirements }));
}

/**
 * The status a reader sees: a failed requirement matched by a baseline entry is a
 * known deviation, shown apart from failures (and, like pytest's xfail, as skipped in JUnit).
 */
export type ShownStatus = RequirementResult["status"] | "known-deviation";
export function shownStatus(r: RequirementResult): ShownStatus {
  return r.status === "failed" && r.knownDeviation ? "known-deviation" : r.status;
}

/** Counts of shown statuses over the whole report. */
export function shownCounts(report: Report): Record<ShownStatus, number> {
  const counts: Record<ShownStatus, number> = { passed: 0, failed: 0, skipped: 0, errored: 0, "known-deviation": 0 };
  for (const r of report.requirements) counts[shownStatus(r)]++;
  return counts;
}

/**
 * Control characters (but tab and newline), lone surrogates and U+FFFE/U+FFFF written
 * as `\u001b`-style text: they are illegal in XML 1.0, parse errors in HTML, invisible
 * in Markdown, and a reader wants to see that the body had them.
 */
export function visible(s: string): string {
  return s.replace(/\r\n?/g, "\n").replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

/** Where to cut `s` to keep at most `max` UTF-16 units without splitting a surrogate pair. */
function cutAt(s: string, max: number): number {
  const code = s.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** At most `max` UTF-16 units of `s` (never half a surrogate pair), saying how much was cut. */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = cutAt(s, max);
  return `${s.slice(0, end)}\n… (${s.length - end} more characters; report.json has the excerpt in full)`;
}

/** At most `max` UTF-16 units of `s`, then `…` when cut: for a one-line summary whose detail is shown elsewhere. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, cutAt(s, max))}…`;
}

/** `max` of `items`, and how many were left out. */
export function firstOf<T>(items: T[], max: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, max), more: Math.max(0, items.length - max) };
}

function headerLines(headers: Record<string, string> | undefined): string[] {
  return Object.entries(headers ?? {}).map(([name, value]) => `${name}: ${value}`);
}

/** The request as an HTTP message head (`GET url` then headers), or undefined. */
export function requestExcerpt(f: FailureExcerpt): string | undefined {
  if (!f.request) return undefined;
  return [`${f.request.method} ${f.request.url}`, ...headerLines(f.request.headers)].join("\n");
}

/** The response as status line, headers, blank line and body cut to `maxBody` characters, or undefined. */
export function responseExcerpt(f: FailureExcerpt, maxBody: number): string | undefined {
  if (!f.response) return undefined;
  const head = [`HTTP ${f.response.status}`, ...headerLines(f.response.headers)].join("\n");
  const body = f.response.body;
  return body === undefined || body === "" ? head : `${head}\n\n${shorten(body, maxBody)}`;
}

/** Milliseconds between two date-times, or undefined when either does not parse. */
export function durationMs(report: Report): number | undefined {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return "unknown";
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return s < 120 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** Exit code of `run` for a verdict (docs/CONTRACT.md, Exit codes). */
export function exitCodeOf(verdict: Report["verdict"]): number {
  return verdict === "conformant" ? 0 : verdict === "non-conformant" ? 1 : 2;
}

// ---- redaction -------------------------------------------------------------------
// The HTTP layer already puts placeholders where credentials were; this is the last
// line of defence, so that no writer can print one even when handed a raw excerpt.

const SECRET_HEADERS = new Set(["authorization", "x-auth-key", "x-auth-email", "cookie", "set-cookie", "proxy-authorization"]);
const PLACEHOLDER = /^\$\{?[A-Z_][A-Z0-9_]*\}?$/;

function redactValue(value: string): string {
  return PLACEHOLDER.test(value) ? value : "[redacted]";
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!SECRET_HEADERS.has(lower)) out[name] = value;
    else if (lower === "authorization" && /^\S+\s+\S/.test(value)) {
      const [scheme, cred] = value.trim().split(/\s+/, 2) as [string, string];
      out[name] = `${scheme} ${redactValue(cred)}`;
    } else out[name] = redactValue(value);
  }
  return out;
}

/** Credentials in free text (curl lines, messages): `Authorization: Bearer x`, `X-Auth-Key: x`, `X-Auth-Email: x`. */
export function redactCredentialHeaderText(s: string): string {
  return s
    .replace(/(\bAuthorization\s*:\s*Bearer\s+)([^\s'"\\]+)/gi, (m, p: string, v: string) => (PLACEHOLDER.test(v) ? m : `${p}[redacted]`))
    .replace(/(\bX-Auth-(?:Key|Email)\s*:\s*)([^\s'"\\]+)/gi, (m, p: string, v: string) => (PLACEHOLDER.test(v) ? m : `${p}[redacted]`));
}

function redactFailure(f: FailureExcerpt): FailureExcerpt {
  const out: FailureExcerpt = { ...f, message: redactCredentialHeaderText(f.message) };
  if (f.request?.headers) out.request = { ...f.request, headers: redactHeaders(f.request.headers) };
  if (f.response?.headers) out.response = { ...f.response, headers: redactHeaders(f.response.headers) };
  if (f.reproduce !== undefined) out.reproduce = redactCredentialHeaderText(f.reproduce);
  return out;
}

/** The report with credential-bearing headers and inline credentials replaced; idempotent. */
export function redactReport(report: Report): Report {
  return {
    ...report,
    requirements: report.requirements.map((r) => ({ ...r, failures: r.failures.map(redactFailure) })),
  };
}
