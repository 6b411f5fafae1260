import type { FailureExcerpt, Report, RequirementResult } from "../../reports/model.ts";
import { gates } from "../registry/types.ts";
import { verdictOf } from "../run/build-report.ts";
import { isExpired } from "./expiry.ts";
import { compileMatch, type MessageMatcher } from "./matcher.ts";
import type { Baseline, BaselineEntry, BaselineEntryState } from "./types.ts";

interface Live {
  entry: BaselineEntry;
  expired: boolean;
  test: MessageMatcher;
  matched: boolean;
}

/**
 * The line a check adds when it kept only the first failures ("… and 12 more failures
 * like these"): a count, not a failure of its own, so it needs no entry to match it.
 */
function isOverflowNote(f: FailureExcerpt): boolean {
  return !f.request && !f.response && /^… and \d+ more failures? like these$/.test(f.message);
}

function knownDeviationOf(used: BaselineEntry[]): NonNullable<RequirementResult["knownDeviation"]> {
  const reasons = [...new Set(used.map((e) => e.reason))];
  const link = used.find((e) => e.link)?.link;
  const expires = used.map((e) => e.expires).sort()[0]!;
  return { reason: reasons.join("; "), ...(link ? { link } : {}), expires };
}

/** The requirement, a known deviation when every failure it has is matched by an unexpired entry for its id. */
function applyTo(r: RequirementResult, entries: Live[]): RequirementResult {
  const { knownDeviation: _previous, ...result } = r;
  if (r.status !== "failed" || r.failures.length === 0) return result;
  const candidates = entries.filter((e) => e.entry.requirement === r.id && !e.expired);
  if (candidates.length === 0) return result;
  const used = new Set<BaselineEntry>();
  let allMatched = true;
  for (const failure of r.failures) {
    if (isOverflowNote(failure)) continue;
    const hits = candidates.filter((e) => e.test(failure.message));
    for (const hit of hits) hit.matched = true;
    if (hits.length === 0) allMatched = false;
    else used.add(hits[0]!.entry);
  }
  return allMatched && used.size > 0 ? { ...result, knownDeviation: knownDeviationOf([...used]) } : result;
}

/**
 * The report with the baseline applied (the report is not modified):
 * - a failed requirement whose failures are all matched by unexpired entries for its id
 *   gets `knownDeviation` (status stays "failed", failures are kept), and no longer gates;
 * - the verdict is recomputed with `verdictOf`;
 * - `baseline` lists every entry with its state: `applied` (it matched at least one
 *   failure; when other failures of the same requirement were not matched, the
 *   requirement still fails), `expired` (past its date: it did not apply), `unmatched`.
 * Applying again replaces the previous baseline's outcome.
 */
export function applyBaseline(report: Report, baseline: Baseline, now: Date): Report {
  const entries: Live[] = baseline.entries.map((entry) => ({
    entry, expired: isExpired(entry.expires, now), test: compileMatch(entry.match), matched: false,
  }));
  const requirements = report.requirements.map((r) => applyTo(r, entries));
  const verdict = verdictOf(requirements, report.gatingLevel, report.error);
  let error = report.error;
  if (verdict === "error" && !error) {
    // A failure that no longer gates can leave an errored requirement to decide the verdict; say which (as buildReport does).
    const first = requirements.find((r) => r.status === "errored" && gates(r.level, report.gatingLevel));
    error = `${first?.id}: ${first?.reason ?? "the suite could not tell"}`;
  }
  const state = (e: Live): BaselineEntryState => (e.expired ? "expired" : e.matched ? "applied" : "unmatched");
  const out: Report = {
    ...report,
    verdict,
    requirements,
    baseline: { file: baseline.file, entries: entries.map((e) => ({ ...e.entry, state: state(e) })) },
  };
  if (error) out.error = error;
  return out;
}
