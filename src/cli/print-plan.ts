import { REQUIREMENTS } from "../registry/index.ts";
import { FAMILIES } from "../registry/types.ts";
import type { DryRunPlan } from "../run/dry-run.ts";
import { printLine } from "./terminal-text.ts";

/** Requirement ids, a family written `FAMILY (all N)` where all of its requirements are there (the JSON plan lists every id). */
export function compactIds(ids: readonly string[]): string {
  const have = new Set(ids);
  const out: string[] = [];
  for (const family of FAMILIES) {
    const members = REQUIREMENTS.filter((r) => r.family === family).map((r) => r.id);
    if (members.length > 1 && members.every((id) => have.has(id))) out.push(`${family} (all ${members.length})`);
    else out.push(...members.filter((id) => have.has(id)));
  }
  return out.join(", ");
}

/**
 * `run --dry-run` for a person: the run's settings, each request in order with what it expects
 * and the requirements it feeds (those every answered request feeds said once, above), the
 * property-based and burst parts, what is left out, and the request count.
 */
export function printPlan(plan: DryRunPlan, out: NodeJS.WritableStream): void {
  const line = (text: string) => printLine(out, text);
  const t = plan.target;
  line(`dry run: nothing is sent. Plan of ${t.kind} target ${t.baseUrl || "(none)"}${t.cassette ? ` (${t.cassette})` : ""}, zone ${plan.zone}, seed ${plan.seed}, budget ${plan.budget}, level ${plan.gatingLevel}`);
  if (plan.selection) {
    const what = [plan.selection.include.length ? `--include ${plan.selection.include.join(",")}` : "", plan.selection.exclude.length ? `--exclude ${plan.selection.exclude.join(",")}` : ""].filter(Boolean).join(" ");
    line(`selected (${what}): ${plan.selection.requirements.length} requirements: ${compactIds(plan.selection.requirements)}`);
  }
  const probes = plan.requests.filter((r) => r.kind !== "discovery");
  // The requirements every planned probe feeds (content type, JSON, no 5xx...) are said once.
  const common = probes.length ? probes.map((r) => new Set(r.feeds)).reduce((a, b) => new Set([...a].filter((id) => b.has(id)))) : new Set<string>();
  if (common.size && !plan.selection) line(`every probe below also feeds: ${compactIds([...common])}`);
  line("");
  // With a selection, what a probe feeds of the selected requirements (the JSON plan has all it feeds).
  const shown = plan.selection ? new Set(plan.selection.requirements) : undefined;
  plan.requests.forEach((r, i) => {
    const own = r.feeds.filter((id) => (!common.has(id) || r.kind === "discovery") && (!shown || shown.has(id)));
    line(`${String(i + 1).padStart(4)}. ${r.method} ${r.path}`);
    line(`      ${r.label}; expects ${r.expect === "4xx" ? "a 4xx" : r.expect.replace(/-or-/g, " or ")}${r.when ? `; only if ${r.when}` : ""}`);
    if (own.length) line(`      feeds ${compactIds(own)}${shown ? " (of those selected)" : ""}`);
  });
  line("");
  if (plan.fuzz.runs) line(`then up to ${plan.fuzz.runs} fuzzed malformed or over-long identifiers (seed ${plan.seed}) and up to ${plan.fuzz.shrinks} shrink steps; they feed ${compactIds(plan.fuzz.feeds)}`);
  if (plan.burst.reads) line(`then a burst of ${plan.burst.reads} reads at once, past the rate; they feed ${compactIds(plan.burst.feeds)}`);
  const budget = plan.leftOut.budget;
  if (budget.length) line(`left out for lack of budget: ${budget.length} (${budget.slice(0, 3).map((l) => l.label).join("; ")}${budget.length > 3 ? "; ..." : ""})`);
  if (plan.leftOut.notSelected.length) line(`not sent, they feed no selected requirement: ${plan.leftOut.notSelected.length} probes`);
  for (const note of plan.notes) line(`note: ${note}`);
  const c = plan.counts;
  const parts = [
    c.discovery && `${c.discovery} discovery`, c.secondZone && `${c.secondZone} to find a second zone`, `${c.probes} probes`,
    c.fuzz && `${c.fuzz} fuzzing`, c.burst && `${c.burst} burst`, c.listAfter && `${c.listAfter} list after`, c.controlReads && `${c.controlReads} control reads`,
  ].filter(Boolean);
  line(`requests: at most ${c.atMost} (${parts.join(", ")}), within --budget ${plan.budget}`);
}
