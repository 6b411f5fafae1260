// report.md: GitHub-flavoured Markdown, fit to append to $GITHUB_STEP_SUMMARY (which
// takes at most 1 MiB a step, hence the caps below; report.json keeps everything).
import type { FailureExcerpt, Report, RequirementResult } from "./model.ts";
import { prettyBody } from "./pretty-body.ts";
import {
  clip, familyTitle, byFamily, durationMs, exitCodeOf, firstOf, formatDuration, redactReport,
  requestExcerpt, responseExcerpt, shorten, shownCounts, shownStatus, visible, type ShownStatus,
} from "./text.ts";

const MAX_CELL = 200;
const MAX_MESSAGE = 2_000;
const MAX_BODY = 2_000;
const MAX_FAILURES = 3;
/** Requirements listed under the verdict, and how much of each first failure. */
const MAX_FAILED_LISTED = 20;
const MAX_WHAT_FAILED = 240;

const VERDICT_ICON: Record<Report["verdict"], string> = { conformant: "✅", "non-conformant": "❌", error: "⚠️" };
const STATUS_LABEL: Record<ShownStatus, string> = {
  passed: "✅ passed",
  failed: "❌ failed",
  skipped: "⏭️ skipped",
  errored: "⚠️ errored",
  "known-deviation": "🔶 known deviation",
};

/**
 * Text safe inline in Markdown, table cells included: every ASCII punctuation that
 * CommonMark or GFM gives a meaning to is backslash-escaped (so `<script>` from a body
 * shows as text, never as HTML), and line breaks become spaces. Hand-written: a few
 * lines, where a Markdown library would be a dependency for one function.
 */
export function mdInline(s: string): string {
  return visible(s).replace(/\s*\n\s*/g, " ").replace(/[\\`*_[\]<>#!|&~]/g, "\\$&");
}

/** `s` in a fenced code block whose fence is longer than any backtick run inside it. */
export function mdCode(s: string, lang = ""): string {
  const text = visible(s);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text}\n${fence}`;
}

/** Inline code for values we know are tame (ids, hashes, pointers), still escaped for the fence. */
function code(s: string): string {
  const text = visible(s).replace(/\n/g, " ");
  const fence = /`/.test(text) ? "``" : "`";
  return `${fence}${fence.length > 1 ? " " : ""}${text}${fence.length > 1 ? " " : ""}${fence}`.replace(/\|/g, "\\|");
}

function note(r: RequirementResult): string {
  switch (shownStatus(r)) {
    case "failed": return r.failures[0]?.message ?? "";
    case "known-deviation": return `known deviation: ${r.knownDeviation?.reason ?? ""}`;
    case "skipped":
    case "errored": return r.reason ?? r.failures[0]?.message ?? "";
    default: return "";
  }
}

function familyTable(family: string, requirements: RequirementResult[]): string {
  const title = familyTitle(family);
  const rows = requirements.map((r) =>
    `| ${code(r.id)} | ${r.level} | ${STATUS_LABEL[shownStatus(r)]} | ${r.checks} | ${mdInline(shorten(note(r), MAX_CELL))} |`);
  return [
    `### ${mdInline(family)}${title ? ` — ${title}` : ""}`,
    "",
    "| id | level | status | checks | first failure or reason |",
    "| --- | --- | --- | ---: | --- |",
    ...rows,
  ].join("\n");
}

/**
 * The response: its head, and a JSON body pretty-printed with the offending members marked as a
 * diff's removed lines (`-`, red where Markdown is rendered); any other body as it came.
 */
function responseBlocks(f: FailureExcerpt): string[] {
  const body = f.response?.body;
  const pretty = body ? prettyBody(body, f.pointers ?? []) : undefined;
  if (!f.response || !pretty) {
    const res = responseExcerpt(f, MAX_BODY);
    return res ? ["Response:", mdCode(res, "http")] : [];
  }
  const head = [`HTTP ${f.response.status}`, ...Object.entries(f.response.headers ?? {}).map(([k, v]) => `${k}: ${v}`)].join("\n");
  const marked = pretty.lines.some((l) => l.marked);
  const text = shorten(pretty.lines.map((l) => (marked ? `${l.marked ? "-" : " "} ${l.text}` : l.text)).join("\n"), MAX_BODY);
  const where = [
    marked ? `lines of the offending member${(f.pointers?.length ?? 0) - pretty.unmarked.length === 1 ? "" : "s"} marked \`-\`` : "",
    pretty.unmarked.length ? `absent or past the excerpt: ${pretty.unmarked.map(code).join(", ")}` : "",
  ].filter(Boolean).join("; ");
  return ["Response:", mdCode(head, "http"), `Body, pretty-printed${where ? ` (${where})` : ""}:`, mdCode(text, marked ? "diff" : "json")];
}

function failureBlock(f: FailureExcerpt, n: number): string {
  const parts = [`**${n}.** ${visible(shorten(f.message, MAX_MESSAGE)).split("\n").filter((l) => l.trim() !== "").map(mdInline).join("\\\n")}`];
  const req = requestExcerpt(f);
  if (req) parts.push("Request:", mdCode(req, "http"));
  parts.push(...responseBlocks(f));
  if (f.reproduce) parts.push("Reproduce:", mdCode(f.reproduce, "sh"));
  return parts.join("\n\n");
}

function requirementDetail(r: RequirementResult): string {
  const status = shownStatus(r);
  const parts = [
    `#### ${STATUS_LABEL[status].split(" ")[0]} ${code(r.id)} — ${mdInline(r.title)}`,
    `Level ${r.level} · ${r.status} · ${r.checks} check${r.checks === 1 ? "" : "s"} · spec ${code(r.spec)}`,
  ];
  if (r.knownDeviation) {
    const d = r.knownDeviation;
    parts.push(`Baseline: ${mdInline(d.reason)}${d.link ? ` (${mdInline(d.link)})` : ""}; expires ${mdInline(d.expires)}.`);
  }
  if (r.reason) parts.push(`Reason: ${mdInline(r.reason)}`);
  const { shown, more } = firstOf(r.failures, MAX_FAILURES);
  shown.forEach((f, i) => parts.push(failureBlock(f, i + 1)));
  if (more > 0) parts.push(`… and ${more} more failure${more === 1 ? "" : "s"} in report.json.`);
  return parts.join("\n\n");
}

const BASELINE_STATE: Record<NonNullable<Report["baseline"]>["entries"][number]["state"], string> = {
  applied: "🔶 applied",
  expired: "⌛ expired: not applied, renew or remove it",
  unmatched: "➖ unmatched: nothing matched it, remove it?",
};

/** The baseline the run was given: each entry and what became of it. */
function baselineSection(report: Report): string | undefined {
  const b = report.baseline;
  if (!b) return undefined;
  const n = (state: string) => b.entries.filter((e) => e.state === state).length;
  const rows = b.entries.map((e) => {
    const partial = e.state === "applied" && !report.requirements.find((r) => r.id === e.requirement)?.knownDeviation;
    const state = partial ? `${BASELINE_STATE.applied} (other failures still fail it)` : BASELINE_STATE[e.state];
    return `| ${state} | ${code(e.requirement)} | ${e.match ? code(e.match) : "any failure"} | ${mdInline(shorten(e.reason, MAX_CELL))}${e.link ? ` (${mdInline(e.link)})` : ""} | ${mdInline(e.expires)} |`;
  });
  return [
    "### Baseline",
    "",
    `${code(b.file)}: ${n("applied")} applied · ${n("expired")} expired · ${n("unmatched")} unmatched`,
    ...(rows.length ? ["", "| state | requirement | match | reason | expires |", "| --- | --- | --- | --- | --- |", ...rows] : []),
  ].join("\n");
}

/** report.md for `report`: verdict, summary, a table per family, failure details, run details. */
export function renderMarkdown(input: Report): string {
  const report = redactReport(input);
  const counts = shownCounts(report);
  const out: string[] = [];

  const t = report.target;
  const spec = report.suite.spec;
  out.push(`## ${VERDICT_ICON[report.verdict]} ${mdInline(report.suite.name)}: ${report.verdict}`);
  // One line beside the verdict: what was judged, against what, when, by which suite version (what a published report is checked by).
  out.push([
    `**Verdict: ${report.verdict}** at gating level \`${report.gatingLevel}\` (exit code ${exitCodeOf(report.verdict)})`,
    ` · ${t.kind} target ${code(t.baseUrl)} · ${mdInline(report.startedAt)}`,
    ` · ${mdInline(report.suite.name)} ${mdInline(report.suite.version)}`,
    ` · document ${code(spec.source ?? "schemas/source/openapi.json")}${spec.revision ? ` at revision ${code(spec.revision)}` : ""}, sha256 ${code(spec.sha256)}`,
  ].join(""));
  if (report.error) out.push(`> **Error:** ${mdInline(report.error)}`);
  const failing = byFamily(report).flatMap((g) => g.requirements).filter((r) => shownStatus(r) === "failed" || shownStatus(r) === "errored");
  if (failing.length > 0) {
    const { shown, more } = firstOf(failing, MAX_FAILED_LISTED);
    out.push([
      "**What failed**",
      "",
      ...shown.map((r) => `- ${STATUS_LABEL[shownStatus(r)].split(" ")[0]} ${code(r.id)} (${r.level})${shownStatus(r) === "errored" ? " could not tell" : ""}: ${mdInline(clip(note(r), MAX_WHAT_FAILED))}`),
      ...(more ? [`- … and ${more} more, in the tables below`] : []),
    ].join("\n"));
  }
  const sel = report.selection;
  if (sel) {
    const what = [sel.include.length ? `--include ${sel.include.join(",")}` : "", sel.exclude.length ? `--exclude ${sel.exclude.join(",")}` : ""].filter(Boolean).join(" ");
    out.push(`**Selection** (${mdInline(what)}): judged ${sel.selected} of ${sel.selected + sel.notSelected} requirements; ${sel.notSelected} not selected (skipped: no evidence either way), ${sel.probesNotSent} probes not sent for them.`);
  }
  const deviations = counts["known-deviation"];
  out.push([
    `**Summary:** ${counts.passed} passed · ${counts.failed} failed`,
    deviations > 0 ? ` · ${deviations} known deviation${deviations === 1 ? "" : "s"}` : "",
    ` · ${counts.skipped} skipped · ${counts.errored} errored (of ${report.requirements.length} requirements)`,
    ` · ${report.summary.requests} requests · ${formatDuration(durationMs(report))} · seed \`${report.seed}\``,
  ].join(""));

  for (const { family, requirements } of byFamily(report)) out.push(familyTable(family, requirements));

  const attention = (wanted: ShownStatus[]) => byFamily(report).flatMap((g) => g.requirements).filter((r) => wanted.includes(shownStatus(r)) && (r.failures.length > 0 || r.reason));
  const failed = attention(["failed", "errored"]);
  if (failed.length > 0) out.push("### Failures", ...failed.map(requirementDetail));
  const matched = attention(["known-deviation"]);
  if (matched.length > 0) out.push("### Known deviations", "Failures matched by an unexpired baseline entry: reported, not gating.", ...matched.map(requirementDetail));

  const baseline = baselineSection(report);
  if (baseline) out.push(baseline);

  out.push([
    "### Run",
    "",
    "| | |",
    "| --- | --- |",
    `| suite | ${mdInline(report.suite.name)} ${mdInline(report.suite.version)} |`,
    `| spec | ${code(report.suite.spec.operationId)} of ${code(report.suite.spec.source ?? "schemas/source/openapi.json")}${report.suite.spec.revision ? ` at ${code(report.suite.spec.revision)}` : ""}, sha256 ${code(report.suite.spec.sha256)} |`,
    `| seed | ${code(String(report.seed))} |`,
    `| target | ${t.kind} ${code(t.baseUrl)}${t.cassette ? ` cassette ${code(t.cassette)}` : ""} |`,
    `| started | ${mdInline(report.startedAt)} |`,
    `| finished | ${mdInline(report.finishedAt)} (${formatDuration(durationMs(report))}) |`,
  ].join("\n"));

  return out.join("\n\n") + "\n";
}
