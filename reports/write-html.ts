// report.html: one self-contained page, inline CSS, no script, no external resource.
// Everything that comes from the report goes through `esc` (bodies are whatever the
// target sent, `<script>` included).
import type { FailureExcerpt, Report, RequirementResult } from "./model.ts";
import {
  familyTitle, byFamily, durationMs, exitCodeOf, formatDuration, redactReport,
  requestExcerpt, responseExcerpt, shorten, shownCounts, shownStatus, visible, type ShownStatus,
} from "./text.ts";

const MAX_BODY = 4_096;
const MAX_SUMMARY = 300;
const MAX_FAILURES = 20;

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

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;
--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;
--skip:#59636e;--skip-bg:#eff2f5;--dev:#8250df;--dev-bg:#fbefff}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"DejaVu Sans Mono",monospace}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
.banner{color:#fff;padding:22px 0 18px}
.banner.conformant{background:var(--pass)}.banner.non-conformant{background:var(--fail)}.banner.error{background:#bf8700}
.banner h1{margin:0;font-size:28px;letter-spacing:.2px}
.banner .sub{opacity:.92;margin-top:4px}
.banner .error-line{margin:12px 0 0;padding:8px 12px;background:rgba(0,0,0,.18);border-radius:6px;font-weight:600;white-space:pre-wrap;word-break:break-word}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:20px 0 8px}
.card{flex:1 1 120px;border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft)}
.card b{display:block;font-size:24px;line-height:1.2}.card span{color:var(--muted)}
.card.passed b{color:var(--pass)}.card.failed b{color:var(--fail)}.card.errored b{color:var(--warn)}
.card.known-deviation b{color:var(--dev)}.card.skipped b{color:var(--skip)}.card.zero b{color:var(--muted);font-weight:400}
h2{font-size:18px;margin:28px 0 8px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h2 .what{font-weight:400;color:var(--muted);font-size:14px;margin-left:8px}
h2 .tally{float:right;font-weight:400;color:var(--muted);font-size:13px;margin-top:3px}
table{width:100%;border-collapse:collapse;margin-bottom:8px;table-layout:fixed}
col.c-id{width:290px}col.c-level{width:80px}col.c-status{width:150px}col.c-num{width:80px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted);background:var(--soft)}
td.num,th.num{text-align:right}
td.id{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}td.id a{color:inherit;text-decoration:none;border-bottom:1px dotted var(--muted)}
tr.failed td{background:#fff8f7}tr.errored td{background:#fffdf0}tr.known-deviation td{background:#fdf8ff}
.note{color:var(--muted);font-size:13px;margin-top:2px;word-break:break-word}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap;border:1px solid transparent}
.badge.passed{color:var(--pass);background:var(--pass-bg)}.badge.failed{color:var(--fail);background:var(--fail-bg)}
.badge.errored{color:var(--warn);background:var(--warn-bg)}.badge.skipped{color:var(--skip);background:var(--skip-bg)}
.badge.known-deviation{color:var(--dev);background:var(--dev-bg);border-color:#d8b9ff;border-style:dashed}
.level{font-size:12px;color:var(--muted)}.level.must{color:var(--fg);font-weight:600}
.req{border:1px solid var(--line);border-left:4px solid var(--fail);border-radius:6px;padding:10px 14px;margin:12px 0}
.req.errored{border-left-color:#bf8700}.req.known-deviation{border-left-color:var(--dev);border-left-style:dashed;background:#fefbff}
.req h3{margin:0 0 4px;font-size:15px}.req h3 code{font-size:13px}
.meta{color:var(--muted);margin:0 0 8px;font-size:13px;word-break:break-all}
.baseline{margin:6px 0 8px;padding:6px 10px;background:var(--dev-bg);border-radius:6px;font-size:13px}
details{border:1px solid var(--line);border-radius:6px;margin:6px 0;background:var(--bg)}
summary{cursor:pointer;padding:6px 10px;font-weight:600;word-break:break-word}
details[open] summary{border-bottom:1px solid var(--line)}
.ex{padding:4px 10px 10px}
.ex h4{margin:10px 0 4px;font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted)}
pre{margin:0;padding:8px 10px;background:var(--soft);border:1px solid var(--line);border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;max-height:22em;overflow:auto}
pre.curl{background:#1f2328;color:#e6edf3;border-color:#1f2328}
.more{color:var(--muted);font-style:italic}
footer{margin:32px auto 40px;color:var(--muted);font-size:13px}
footer dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0;padding-top:12px;border-top:1px solid var(--line)}
footer dt{font-weight:600}footer dd{margin:0;word-break:break-all}
`;

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
    return `<tr class="${s}"><td class="id" title="${esc(r.spec)}">${id}</td><td><span class="level ${esc(r.level)}">${esc(r.level)}</span></td>`
      + `<td>${badge(s)}</td><td>${esc(r.title)}${note(r)}</td><td class="num">${esc(r.checks)}</td></tr>`;
  });
  return `<section class="family" id="family-${esc(family)}">
<h2>${esc(family)}${what ? `<span class="what">${esc(what)}</span>` : ""}<span class="tally">${[...tally].map(([s, n]) => `${n} ${STATUS_TEXT[s]}`).join(" · ")}</span></h2>
<table><colgroup><col class="c-id"><col class="c-level"><col class="c-status"><col><col class="c-num"></colgroup><thead><tr><th>ID</th><th>Level</th><th>Status</th><th>Title</th><th class="num">Checks</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
</section>`;
}

function failureDetails(f: FailureExcerpt, open: boolean): string {
  const parts: string[] = [];
  if (f.message.length > MAX_SUMMARY) parts.push(`<h4>Message</h4><pre>${esc(f.message)}</pre>`);
  const req = requestExcerpt(f);
  const res = responseExcerpt(f, MAX_BODY);
  if (req) parts.push(`<h4>Request</h4><pre>${esc(req)}</pre>`);
  if (res) parts.push(`<h4>Response</h4><pre>${esc(res)}</pre>`);
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
${rows.length ? `<table><colgroup><col class="c-status"><col class="c-id"><col><col><col class="c-status"></colgroup><thead><tr><th>State</th><th>Requirement</th><th>Match</th><th>Reason</th><th>Expires</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody></table>` : ""}
</section>`;
}

/** report.html for `report`: banner, counts, a table per family, failures, known deviations, run footer. */
export function renderHtml(input: Report): string {
  const report = redactReport(input);
  const counts = shownCounts(report);
  const s = report.summary;
  const v = report.verdict;
  const duration = formatDuration(durationMs(report));
  const t = report.target;

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
<style>${CSS}</style>
</head>
<body>
<header class="banner ${esc(v)}"><div class="wrap">
<h1>${VERDICT_TEXT[v] ?? esc(v)}</h1>
<div class="sub">verdict <b>${esc(v)}</b> at gating level <b>${esc(report.gatingLevel)}</b> · exit code ${exitCodeOf(v)} · ${esc(t.kind)} target <code>${esc(t.baseUrl)}</code> · seed ${esc(report.seed)} · ${esc(duration)}</div>
${report.error ? `<p class="error-line">${esc(report.error)}</p>` : ""}
</div></header>
<main class="wrap">
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
