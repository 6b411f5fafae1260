import type { SpecChange, SpecDiff } from "./diff.ts";

const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));
const label = (s: SpecDiff["old"]) => `${s.label}${s.revision ? ` at ${s.revision}` : ""} (sha256 ${s.sha256.slice(0, 12)}…)`;

function touches(c: SpecChange): string {
  if (c.kind === "spelling") return "same meaning: touches no requirement";
  if (!c.touches.length) return "touches no requirement";
  return `touches ${c.touches.map((t) => `${t.id} (${t.level})`).join(", ")}`;
}

/** The diff as lines for a terminal or a CI log. */
export function renderSpecDiffText(d: SpecDiff): string {
  const lines = [`spec-diff: ${label(d.old)} -> ${label(d.new)}`];
  if (!d.changes.length) lines.push("  the operation is the same in both documents");
  for (const c of d.changes) lines.push(`  ${c.kind.padEnd(8)} ${c.key}: ${show(c.old)} -> ${show(c.new)}; ${touches(c)}`);
  const must = d.changes.filter((c) => c.touches.some((t) => t.level === "must")).length;
  lines.push(`${d.changes.length} change(s); ${must} touch a must requirement${must ? " (exit 1)" : ""}`);
  return lines.join("\n");
}

export function renderSpecDiffJson(d: SpecDiff): string {
  return JSON.stringify(d, null, 2);
}
