// report.html: one self-contained page, inline CSS, no script, no external resource.
// Everything that comes from the report goes through `esc` (bodies are whatever the
// target sent, `<script>` included).
import type { FailureExcerpt, Report, RequirementResult } from "./model.ts";
import {
  clip, familyTitle, byFamily, durationMs, exitCodeOf, firstOf, formatDuration, redactReport,
  requestExcerpt, responseExcerpt, shorten, shownCounts, shownStatus, visible, type ShownStatus,
} from "./text.ts";
import { REPORT_CSS } from "./html-style.ts";
import { prettyBody } from "./pretty-body.ts";

/** Beside the shared style: the marked lines of a body, and the banner's line of what was judged. */
const EXTRA_CSS = `mark.offending{background:#fde2e1;color:inherit;box-shadow:inset 3px 0 #d1242f;display:inline-block;min-width:100%}
.banner .judged{margin:.35em 0 0;font-size:.9em;opacity:.95;word-break:break-all}
.banner .selection{margin:.35em 0 0;font-size:.9em}`;

const MAX_BODY = 4_096;
const MAX_SUMMARY = 300;
const MAX_FAILURES = 20;
const MAX_FIRST_FAILURE = 240;
const MAX_BANNER_IDS = 6;

/**
 * HTML-escaped text, fit for element content and double- or single-quoted attribute
 * values alike. Hand-written: five replacements do not warrant an HTML library.
 * Control characters and lone surrogates are made visible first (see `visible`).
 */
export function esc(value: string | number): string {
  return visible(String(value)).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const VERDICT_TEXT: Record<Report["verdict"], string> = {
  conformant: "✓ Conformant",
  "non-conformant": "✗ Non-conformant",
  error: "⚠ Error",
};
const STATUS_TEXT: Record<ShownStatus, string> = {
  passed: "passed", failed: "failed", skipped: "skipped", errored: "errored", "known-deviation": "known deviation",
};


function badge(status: ShownStatus): string {
  return `<span class="badge ${status}">${STATUS_TEXT[status]}</span>`;
}

function anchor(id: string): string {
  return `req-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

function needsDetail(r: RequirementResult): boolean {
  const s = shownStatus(r);
  return (s === "failed" || s === "errored" || s === "known-deviation") && (r.failures.length > 0 || !!r.reason);
}

function note(r: RequirementResult): string {
  const s = shownStatus(r);
  if (s === "known-deviation") return `<div class="note">known deviation: ${esc(r.knownDeviation?.reason ?? "")}</div>`;
  if ((s === "skipped" || s === "errored") && r.reason) return `<div class="note">${esc(r.reason)}</div>`;
  if (s === "failed" && r.failures[0]) return `<div class="note">${esc(shorten(r.failures[0].message, MAX_SUMMARY))}</div>`;
  return "";
}

function familySection(family: string, requirements: RequirementResult[]): string {
  const tally = new Map<ShownStatus, number>();
  for (const r of requirements) tally.set(shownStatus(r), (tally.get(shownStatus(r)) ?? 0) + 1);
  const what = familyTitle(family);
  const rows = requirements.map((r) => {
    const s = shownStatus(r);
    const id = needsDetail(r) ? `<a href="#${anchor(r.id)}"><code>${esc(r.id)}</code></a>` : `<code>${esc(r.id)}</code>`;
    return `<tr class="${s}"><td class="id" title="${esc(r.spec)}">${id}</td><td class="lvl"><span class="level ${esc(r.level)}">${esc(r.level)}</span></td>`
      + `<td class="st">${badge(s)}</td><td>${esc(r.title)}${note(r)}</td><td class="num" data-label="checks">${esc(r.checks)}</td></tr>`;
  });
  return `<section class="family" id="family-${esc(family)}">
<h2>${esc(family)}${what ? `<span class="what">${esc(what)}</span>` : ""}<span class="tally">${[...tally].map(([s, n]) => `${n} ${STATUS_TEXT[s]}`).join(" · ")}</span></h2>
<table class="rows"><colgroup><col class="c-id"><col class="c-level"><col class="c-status"><col><col class="c-num"></colgroup><thead><tr><th>ID</th><th>Level</th><th>Status</th><th>Title</th><th class="num">Checks</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
</section>`;
}

/**
 * The response: its head, and a JSON body pretty-printed with the offending members' lines in
 * `<mark>`; any other body as it came.
 */
function responseDetails(f: FailureExcerpt): string {
  const body = f.response?.body;
  const pretty = body ? prettyBody(body, f.pointers ?? []) : undefined;
  if (!f.response || !pretty) {
    const res = responseExcerpt(f, MAX_BODY);
    return res ? `<h4>Response</h4><pre>${esc(res)}</pre>` : "";
  }
  const head = [`HTTP ${f.response.status}`, ...Object.entries(f.response.headers ?? {}).map(([k, v]) => `${k}: ${v}`)].join("\n");
  // At most MAX_BODY characters of it, as the raw excerpt is cut (report.json has it whole).
  let budget = MAX_BODY;
  const lines: string[] = [];
  for (const [i, l] of pretty.lines.entries()) {
    const text = l.text.length > budget ? l.text.slice(0, Math.max(0, budget)) : l.text;
    lines.push(l.marked ? `<mark class="offending">${esc(text)}</mark>` : esc(text));
    budget -= text.length + 1;
    if (text.length < l.text.length) {
      const rest = l.text.length - text.length + pretty.lines.slice(i + 1).reduce((n, x) => n + x.text.length + 1, 0);
      lines.push(esc(`… (${rest} more characters; report.json has the excerpt in full)`));
      break;
    }
  }
  const absent = pretty.unmarked.length ? `<p class="note">Absent, or past the excerpt: ${pretty.unmarked.map((p) => `<code>${esc(p)}</code>`).join(", ")}</p>` : "";
  return `<h4>Response</h4><pre>${esc(head)}\n\n${lines.join("\n")}</pre>${absent}`;
}

function failureDetails(f: FailureExcerpt, open: boolean): string {
  const parts: string[] = [];
  if (f.message.length > MAX_SUMMARY) parts.push(`<h4>Message</h4><pre>${esc(f.message)}</pre>`);
  const req = requestExcerpt(f);
  const res = responseDetails(f);
  if (req) parts.push(`<h4>Request</h4><pre>${esc(req)}</pre>`);
  if (res) parts.push(res);
  if (f.reproduce) parts.push(`<h4>Reproduce</h4><pre class="curl">${esc(f.reproduce)}</pre>`);
  if (parts.length === 0) parts.push(`<p class="more">No request or response recorded.</p>`);
  return `<details${open ? " open" : ""}><summary>${esc(shorten(f.message, MAX_SUMMARY))}</summary><div class="ex">${parts.join("")}</div></details>`;
}

function requirementArticle(r: RequirementResult): string {
  const s = shownStatus(r);
  const parts = [
    `<article class="req ${s}" id="${anchor(r.id)}">`,
    `<h3>${badge(s)} <code>${esc(r.id)}</code> ${esc(r.title)}</h3>`,
    `<p class="meta">level ${esc(r.level)} · ${esc(r.checks)} check${r.checks === 1 ? "" : "s"} · spec <code>${esc(r.spec)}</code></p>`,
  ];
  if (r.knownDeviation) {
    const d = r.knownDeviation;
    // The link is printed, not linked: the page refers to nothing outside itself.
    parts.push(`<div class="baseline">Baseline: ${esc(d.reason)}${d.link ? ` — <code>${esc(d.link)}</code>` : ""} · expires ${esc(d.expires)}</div>`);
  }
  if (r.reason) parts.push(`<p class="note">Reason: ${esc(r.reason)}</p>`);
  r.failures.slice(0, MAX_FAILURES).forEach((f, i) => parts.push(failureDetails(f, i === 0 && s !== "known-deviation")));
  const more = r.failures.length - MAX_FAILURES;
  if (more > 0) parts.push(`<p class="more">… and ${more} more failure${more === 1 ? "" : "s"} in report.json.</p>`);
  parts.push("</article>");
  return parts.join("\n");
}

const BASELINE_NOTE: Record<NonNullable<Report["baseline"]>["entries"][number]["state"], string> = {
  applied: "", expired: "not applied: renew or remove it", unmatched: "nothing matched it: remove it?",
};

/** The baseline the run was given: each entry and what became of it. */
function baselineSection(report: Report): string {
  const b = report.baseline;
  if (!b) return "";
  const n = (state: string) => b.entries.filter((e) => e.state === state).length;
  const rows = b.entries.map((e) => {
    const partial = e.state === "applied" && !report.requirements.find((r) => r.id === e.requirement)?.knownDeviation;
    const cls = e.state === "applied" ? "known-deviation" : e.state === "expired" ? "errored" : "skipped";
    const hint = partial ? "other failures still fail it" : BASELINE_NOTE[e.state];
    return `<tr><td><span class="badge ${cls}">${esc(e.state)}</span>${hint ? `<div class="note">${hint}</div>` : ""}</td>`
      + `<td class="id"><code>${esc(e.requirement)}</code></td><td style="word-break:break-all">${e.match ? `<code>${esc(e.match)}</code>` : "any failure"}</td>`
      + `<td>${esc(e.reason)}${e.link ? `<div class="note">${esc(e.link)}</div>` : ""}</td><td>${esc(e.expires)}</td></tr>`;
  });
  return `<section id="baseline"><h2>Baseline<span class="what"><code>${esc(b.file)}</code></span><span class="tally">${n("applied")} applied · ${n("expired")} expired · ${n("unmatched")} unmatched</span></h2>
${rows.length ? `<table class="rows"><colgroup><col class="c-status"><col class="c-id"><col><col><col class="c-status"></colgroup><thead><tr><th>State</th><th>Requirement</th><th>Match</th><th>Reason</th><th>Expires</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody></table>` : ""}
</section>`;
}

/** The banner's line saying the run judged only some requirements (`--include` / `--exclude`). */
function selectionLine(report: Report): string {
  const sel = report.selection;
  if (!sel) return "";
  const what = [sel.include.length ? `--include ${sel.include.join(",")}` : "", sel.exclude.length ? `--exclude ${sel.exclude.join(",")}` : ""].filter(Boolean).join(" ");
  return `<p class="selection">Selection <code>${esc(what)}</code>: judged ${esc(sel.selected)} of ${esc(sel.selected + sel.notSelected)} requirements; ${esc(sel.notSelected)} not selected (skipped, no evidence either way)</p>`;
}

/** What a failing requirement's summary shows first: its first failure, or why the suite could not tell. */
function firstProblem(r: RequirementResult): string {
  return (shownStatus(r) === "errored" ? r.reason ?? r.failures[0]?.message : r.failures[0]?.message ?? r.reason) ?? "";
}

/** The banner's line saying what failed: the ids, each linked to its detail. */
function failedLine(failing: RequirementResult[]): string {
  const part = (status: ShownStatus, label: string) => {
    const { shown, more } = firstOf(failing.filter((r) => shownStatus(r) === status), MAX_BANNER_IDS);
    if (shown.length === 0) return "";
    return `${label} ${shown.map((r) => `<a href="#${anchor(r.id)}"><code>${esc(r.id)}</code></a>`).join(", ")}${more ? ` and ${more} more` : ""}`;
  };
  const parts = [part("failed", "Failed:"), part("errored", "Could not tell:")].filter(Boolean);
  return parts.length ? `<p class="failed-line">${parts.join(" · ")}</p>` : "";
}

/** Right under the verdict: each failing requirement, its statement, its first failure and a link to the detail. */
function failingSection(failing: RequirementResult[]): string {
  if (failing.length === 0) return "";
  const items = failing.map((r) => {
    const s = shownStatus(r);
    return `<li class="${s}"><div class="head">${badge(s)} <a href="#${anchor(r.id)}"><code>${esc(r.id)}</code></a> <span class="level ${esc(r.level)}">${esc(r.level)}</span></div>`
      + `<div class="stmt">${esc(r.title)}</div><div class="first">${esc(clip(firstProblem(r), MAX_FIRST_FAILURE))}</div>`
      + `<a class="to-detail" href="#${anchor(r.id)}">detail, request and curl line ↓</a></li>`;
  });
  return `<section id="failing"><h2>What failed<span class="what">${failing.length} requirement${failing.length === 1 ? "" : "s"}, first failure each</span></h2>
<ol class="failing">
${items.join("\n")}
</ol>
</section>`;
}

/**
 * report.html for `report`: banner (verdict, what failed), the failing requirements, counts, a
 * table per family, the failures in detail, known deviations, run footer.
 */
export function renderHtml(input: Report): string {
  const report = redactReport(input);
  const counts = shownCounts(report);
  const s = report.summary;
  const v = report.verdict;
  const duration = formatDuration(durationMs(report));
  const t = report.target;
  const spec = report.suite.spec;

  // Counts of requirements, as the tables show them (known deviations apart from failures).
  const cards: [string, number, string][] = [
    ["passed", counts.passed, "passed"],
    ["failed", counts.failed, "failed"],
    ["known-deviation", counts["known-deviation"], "known deviations"],
    ["errored", counts.errored, "errored"],
    ["skipped", counts.skipped, "skipped"],
    ["requests", s.requests, "requests sent"],
  ];

  const failed = byFamily(report).flatMap((g) => g.requirements).filter((r) => needsDetail(r) && shownStatus(r) !== "known-deviation");
  const deviations = byFamily(report).flatMap((g) => g.requirements).filter((r) => needsDetail(r) && shownStatus(r) === "known-deviation");

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(v)} — ${esc(report.suite.name)} ${esc(report.suite.version)}</title>
<style>${REPORT_CSS}${EXTRA_CSS}</style>
</head>
<body>
<header class="banner ${esc(v)}"><div class="wrap">
<h1>${VERDICT_TEXT[v] ?? esc(v)}</h1>
<div class="sub">verdict <b>${esc(v)}</b> at gating level <b>${esc(report.gatingLevel)}</b> · exit code ${exitCodeOf(v)} · ${esc(t.kind)} target <code>${esc(t.baseUrl)}</code> · ${esc(report.startedAt)} · seed ${esc(report.seed)} · ${esc(duration)}</div>
<p class="judged">${esc(report.suite.name)} <b>${esc(report.suite.version)}</b> · document <code>${esc(spec.source ?? "schemas/source/openapi.json")}</code>${spec.revision ? ` at revision <code>${esc(spec.revision)}</code>` : ""} · sha256 <code>${esc(spec.sha256)}</code></p>
${selectionLine(report)}
${failedLine(failed)}
${report.error ? `<p class="error-line">${esc(report.error)}</p>` : ""}
</div></header>
<main class="wrap">
${failingSection(failed)}
<section class="cards">
${cards.filter(([cls, n]) => cls !== "known-deviation" || n > 0)
    .map(([cls, n, label]) => `<div class="card ${cls}${n === 0 ? " zero" : ""}"><b>${esc(n)}</b><span>${label}</span></div>`).join("\n")}
<div class="card"><b>${report.requirements.length}</b><span>requirements</span></div>
</section>
${byFamily(report).map(({ family, requirements }) => familySection(family, requirements)).join("\n")}
${failed.length > 0 ? `<section id="failures"><h2>Failures<span class="what">failed and errored requirements, first failure open</span></h2>\n${failed.map(requirementArticle).join("\n")}\n</section>` : ""}
${deviations.length > 0 ? `<section id="known-deviations"><h2>Known deviations<span class="what">failures matched by an unexpired baseline entry: reported, not gating</span></h2>\n${deviations.map(requirementArticle).join("\n")}\n</section>` : ""}
${baselineSection(report)}
</main>
<footer class="wrap"><dl>
<dt>Suite</dt><dd>${esc(report.suite.name)} ${esc(report.suite.version)}</dd>
<dt>Spec</dt><dd><code>${esc(report.suite.spec.operationId)}</code> of <code>${esc(report.suite.spec.source ?? "schemas/source/openapi.json")}</code>${report.suite.spec.revision ? ` at <code>${esc(report.suite.spec.revision)}</code>` : ""} · sha256 <code>${esc(report.suite.spec.sha256)}</code></dd>
<dt>Target</dt><dd>${esc(t.kind)} <code>${esc(t.baseUrl)}</code>${t.cassette ? ` · cassette <code>${esc(t.cassette)}</code>` : ""}</dd>
<dt>Seed</dt><dd><code>${esc(report.seed)}</code></dd>
<dt>Gating level</dt><dd>${esc(report.gatingLevel)}</dd>
<dt>Started</dt><dd>${esc(report.startedAt)}</dd>
<dt>Finished</dt><dd>${esc(report.finishedAt)} (${esc(duration)})</dd>
</dl></footer>
</body>
</html>
`;
}
