// junit.xml: one <testsuite> per family, one <testcase> per requirement, in the shape
// Jenkins, GitLab and the GitHub JUnit actions read. A known deviation is reported as
// <skipped type="known-deviation"> (pytest reports xfail the same way): it is shown, not gating.
// `time` (seconds): a testcase's is the time its checks took (`durationMs`), a testsuite's the
// sum of its testcases'; the root's is the whole run's, requests included.
import type { FailureExcerpt, Report, RequirementResult } from "./model.ts";
import { byFamily, durationMs, redactReport, shorten, shownStatus, visible } from "./text.ts";

const MAX_MESSAGE = 1_000;
const MAX_BODY = 1_000;

/**
 * What XML 1.0 forbids (C0 controls but tab and newline; lone surrogates; U+FFFE, U+FFFF), and DEL
 * and C1 controls, written as `\u001b`-style text: a reader sees that the body had them, and a
 * terminal showing the file does not obey them.
 */
export function xmlLegal(value: string): string {
  return visible(value);
}

/**
 * XML 1.0 attribute value (double-quoted): markup characters and tab/newline/CR as
 * character references, so that attribute normalisation keeps them. Hand-written:
 * a handful of replacements does not warrant an XML library.
 */
export function xmlAttr(value: string | number): string {
  return xmlLegal(String(value)).replace(/[&<>"\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** XML 1.0 element text: `&`, `<` and `>` (so no `]]>` survives) as references. */
export function xmlText(value: string): string {
  return xmlLegal(value).replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

function attrs(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(v as string | number)}"`)
    .join("");
}

function failureText(f: FailureExcerpt): string {
  const lines = [f.message];
  if (f.request) lines.push(`request: ${f.request.method} ${f.request.url}`);
  if (f.response) {
    lines.push(`response: HTTP ${f.response.status}`);
    if (f.response.body) lines.push(shorten(f.response.body, MAX_BODY));
  }
  if (f.reproduce) lines.push(`reproduce: ${f.reproduce}`);
  return lines.join("\n");
}

function body(r: RequirementResult): string {
  const parts = [`${r.id} (${r.level}) ${r.spec}`];
  if (r.reason) parts.push(`reason: ${r.reason}`);
  if (r.knownDeviation) {
    const d = r.knownDeviation;
    parts.push(`known deviation: ${d.reason}${d.link ? ` (${d.link})` : ""}; expires ${d.expires}`);
  }
  r.failures.forEach((f, i) => parts.push(`--- failure ${i + 1} of ${r.failures.length}\n${failureText(f)}`));
  return xmlText(parts.join("\n"));
}

function message(r: RequirementResult, fallback: string): string {
  const first = r.failures[0]?.message;
  const more = r.failures.length > 1 ? ` (and ${r.failures.length - 1} more)` : "";
  return first ? shorten(first, MAX_MESSAGE) + more : fallback;
}

/** Seconds with millisecond precision, as JUnit readers expect `time`. */
const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(r: RequirementResult): string {
  const open = `<testcase${attrs({ classname: r.family, name: `${r.id}: ${r.title}`, assertions: r.checks, time: seconds(r.durationMs ?? 0) })}`;
  switch (shownStatus(r)) {
    case "passed":
      return `${open}/>`;
    case "skipped":
      return `${open}><skipped${attrs({ message: r.reason ?? "skipped" })}/></testcase>`;
    case "known-deviation":
      return `${open}><skipped${attrs({ type: "known-deviation", message: `known deviation: ${r.knownDeviation?.reason ?? ""}` })}>${body(r)}</skipped></testcase>`;
    case "failed":
      return `${open}><failure${attrs({ type: "failed", message: message(r, "failed") })}>${body(r)}</failure></testcase>`;
    case "errored":
      return `${open}><error${attrs({ type: "errored", message: r.reason ?? message(r, "errored") })}>${body(r)}</error></testcase>`;
  }
}

/** JUnit counts for some requirements: `tests`, `failures`, `errors`, `skipped` (known deviations count as skipped). */
export function junitCounts(requirements: RequirementResult[]): { tests: number; failures: number; errors: number; skipped: number } {
  const c = { tests: requirements.length, failures: 0, errors: 0, skipped: 0 };
  for (const r of requirements) {
    const s = shownStatus(r);
    if (s === "failed") c.failures++;
    else if (s === "errored") c.errors++;
    else if (s === "skipped" || s === "known-deviation") c.skipped++;
  }
  return c;
}

/** junit.xml for `report`. */
export function renderJunit(input: Report): string {
  const report = redactReport(input);
  const ms = durationMs(report);
  const time = ms === undefined ? undefined : seconds(ms);
  const properties = [
    ["verdict", report.verdict],
    ["gatingLevel", report.gatingLevel],
    ["seed", String(report.seed)],
    ["target", `${report.target.kind} ${report.target.baseUrl}`],
    ...(report.target.cassette ? [["cassette", report.target.cassette]] : []),
    ["spec.operationId", report.suite.spec.operationId],
    ["spec.sha256", report.suite.spec.sha256],
    ...(report.suite.spec.source ? [["spec.source", report.suite.spec.source] as [string, string]] : []),
    ...(report.suite.spec.revision ? [["spec.revision", report.suite.spec.revision] as [string, string]] : []),
    ...(report.error ? [["error", report.error]] : []),
  ].map(([name, value]) => `      <property${attrs({ name, value })}/>`).join("\n");

  const suites = byFamily(report).map(({ family, requirements }) => [
    `  <testsuite${attrs({ name: family, ...junitCounts(requirements), time: seconds(requirements.reduce((sum, r) => sum + (r.durationMs ?? 0), 0)), timestamp: report.startedAt })}>`,
    `    <properties>\n${properties}\n    </properties>`,
    ...requirements.map((r) => `    ${testcase(r)}`),
    "  </testsuite>",
  ].join("\n"));

  // A run that errored before any requirement still says why, where JUnit readers look.
  if (suites.length === 0) {
    suites.push([
      `  <testsuite${attrs({ name: "run", ...junitCounts([]), time: time ?? seconds(0), timestamp: report.startedAt })}>`,
      `    <properties>\n${properties}\n    </properties>`,
      ...(report.error ? [`    <system-err>${xmlText(report.error)}</system-err>`] : []),
      "  </testsuite>",
    ].join("\n"));
  }

  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites${attrs({ name: `${report.suite.name} ${report.suite.version}`, ...junitCounts(report.requirements), time, timestamp: report.startedAt })}>`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
