import { visible } from "../../reports/text.ts";
import { mdInline } from "../../reports/write-markdown.ts";
import { hasRegression, type ChangeKind, type Comparison, type RequirementChange } from "./diff.ts";

export type CompareFormat = "text" | "json" | "md";
export const COMPARE_FORMATS: readonly CompareFormat[] = ["text", "json", "md"];

const ORDER: ChangeKind[] = ["regression", "improvement", "changed", "added", "removed"];
const MAX_DETAIL = 200;

function oneLine(s: string, max = MAX_DETAIL): string {
  const line = visible(s).replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function sorted(changes: RequirementChange[]): RequirementChange[] {
  return [...changes].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The ways the two runs are not like for like (different suite, spec, level or target), worth a reader's notice. */
export function differences(c: Comparison): string[] {
  const out: string[] = [];
  const pairs: [string, unknown, unknown][] = [
    ["suite version", c.old.suiteVersion, c.new.suiteVersion],
    ["spec sha256", c.old.specSha256, c.new.specSha256],
    ["gating level", c.old.gatingLevel, c.new.gatingLevel],
    ["target", c.old.target, c.new.target],
  ];
  for (const [what, a, b] of pairs) if (a !== undefined && b !== undefined && a !== b) out.push(`${what} differs: ${String(a)} → ${String(b)}`);
  return out;
}

function tally(c: Comparison): string {
  const others = c.changes.length - c.regressions - c.improvements;
  return `${plural(c.regressions, "regression")}, ${plural(c.improvements, "improvement")}, ${plural(others, "other change")}; ${c.unchanged} unchanged`;
}

function label(c: Comparison, side: "old" | "new"): string {
  const s = c[side];
  return `${s.file ?? side} (${s.verdict}${s.seed !== undefined ? `, seed ${s.seed}` : ""}${s.startedAt ? `, ${s.startedAt}` : ""})`;
}

/** Plain text, one line per changed requirement, regressions first. */
export function renderText(c: Comparison): string {
  const lines = [`compare ${label(c, "old")} → ${label(c, "new")}`];
  lines.push(`verdict: ${c.verdict.changed ? `${c.verdict.old} → ${c.verdict.new}${c.verdict.regression ? "  REGRESSION" : ""}` : `${c.verdict.new} (unchanged)`}`);
  for (const d of differences(c)) lines.push(`note: ${d}`);
  if (c.changes.length === 0) {
    lines.push(`no requirement changed status (${c.unchanged} compared)`);
  } else {
    lines.push(tally(c));
    const width = Math.max(...c.changes.map((x) => x.id.length));
    for (const x of sorted(c.changes)) {
      const move = `${x.old ?? "(new)"} → ${x.new ?? "(gone)"}`;
      lines.push(`  ${(x.kind === "regression" ? "REGRESSION" : x.kind).padEnd(11)} ${x.id.padEnd(width)}  ${(x.level ?? "").padEnd(6)} ${move}${x.detail ? `: ${oneLine(x.detail)}` : ""}`);
    }
  }
  lines.push(hasRegression(c) ? "result: regression (exit 1)" : "result: no regression (exit 0)");
  return lines.join("\n") + "\n";
}

const KIND_MD: Record<ChangeKind, string> = {
  regression: "❌ regression", improvement: "✅ improvement", changed: "🔀 changed", added: "➕ added", removed: "➖ removed",
};

/** Markdown, fit for $GITHUB_STEP_SUMMARY. */
export function renderMarkdown(c: Comparison): string {
  const out = [`### Drift since the previous report: ${hasRegression(c) ? "❌ regression" : "✅ no regression"}`];
  out.push(`**Verdict:** ${c.verdict.changed ? `${c.verdict.old} → ${c.verdict.new}${c.verdict.regression ? " (regression)" : ""}` : `${c.verdict.new} (unchanged)`} · ${mdInline(tally(c))}`);
  out.push(`Previous: ${mdInline(label(c, "old"))}  \nThis run: ${mdInline(label(c, "new"))}`);
  const notes = differences(c);
  if (notes.length) out.push(notes.map((d) => `> ${mdInline(d)}`).join("  \n"));
  if (c.changes.length === 0) out.push("No requirement changed status.");
  else {
    out.push([
      "| change | requirement | level | before | after | first failure or reason |",
      "| --- | --- | --- | --- | --- | --- |",
      ...sorted(c.changes).map((x) => `| ${KIND_MD[x.kind]} | \`${x.id}\` | ${x.level ?? ""} | ${x.old ?? "(new)"} | ${x.new ?? "(gone)"} | ${x.detail ? mdInline(oneLine(x.detail)) : ""} |`),
    ].join("\n"));
  }
  return out.join("\n\n") + "\n";
}

/** The comparison as JSON, with `regression` for scripts. */
export function renderJson(c: Comparison): string {
  return JSON.stringify({ regression: hasRegression(c), ...c }, null, 2) + "\n";
}

export function renderComparison(c: Comparison, format: CompareFormat): string {
  return format === "json" ? renderJson(c) : format === "md" ? renderMarkdown(c) : renderText(c);
}
