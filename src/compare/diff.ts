import type { Report, RequirementResult } from "../../reports/model.ts";
import { shownStatus, type ShownStatus } from "../../reports/text.ts";

/** How a requirement's shown status moved between two runs. */
export type ChangeKind = "regression" | "improvement" | "changed" | "added" | "removed";

export interface RequirementChange {
  id: string;
  level?: string;
  /** The status a reader sees (a baselined failure is `known-deviation`); absent when the requirement is new. */
  old?: ShownStatus;
  /** Absent when the requirement is gone. */
  new?: ShownStatus;
  kind: ChangeKind;
  /** The first failure (or reason) in the new run, when it did not pass. */
  detail?: string;
}

export interface Comparison {
  old: RunSummary;
  new: RunSummary;
  /** `regression`: the new verdict is non-conformant and the old one was not. */
  verdict: { old: string; new: string; changed: boolean; regression: boolean };
  /** Requirements whose status changed, were added or removed, in the new report's order (removed ones last). */
  changes: RequirementChange[];
  /** Requirements in both reports with the same status. */
  unchanged: number;
  /** Requirements that regressed (the verdict's own regression is `verdict.regression`). */
  regressions: number;
  improvements: number;
}

/** What identifies a run, to say when two reports are not like for like. */
export interface RunSummary {
  file?: string;
  verdict: string;
  gatingLevel?: string;
  seed?: number;
  startedAt?: string;
  suiteVersion?: string;
  specSha256?: string;
  target?: string;
}

function summaryOf(report: Report, file?: string): RunSummary {
  return {
    ...(file ? { file } : {}),
    verdict: report.verdict,
    gatingLevel: report.gatingLevel,
    seed: report.seed,
    startedAt: report.startedAt,
    suiteVersion: report.suite?.version,
    specSha256: report.suite?.spec?.sha256,
    target: report.target ? `${report.target.kind} ${report.target.baseUrl}` : undefined,
  };
}

const NOT_PASSING = new Set<ShownStatus>(["failed", "errored", "known-deviation"]);

/**
 * The kind of a move from `old` to `now`: any move to `failed` (a new failure, or a known
 * deviation no longer covered) and passed → errored are regressions; a move to `passed`
 * from failed, errored or a known deviation is an improvement; anything else (a failure
 * now baselined, skipped ↔ passed, …) is a change.
 */
export function changeKind(old: ShownStatus | undefined, now: ShownStatus | undefined): ChangeKind {
  if (old === undefined) return now === "failed" ? "regression" : "added";
  if (now === undefined) return "removed";
  if (now === "failed" && old !== "failed") return "regression";
  if (old === "passed" && now === "errored") return "regression";
  if (now === "passed" && NOT_PASSING.has(old)) return "improvement";
  return "changed";
}

function detailOf(r: RequirementResult): string | undefined {
  const s = shownStatus(r);
  if (s === "passed") return undefined;
  if (s === "known-deviation") return r.knownDeviation?.reason;
  if (s === "skipped" || s === "errored") return r.reason ?? r.failures?.[0]?.message;
  return r.failures?.[0]?.message ?? r.reason;
}

/** What changed from `before` to `after`; `files` only label the runs. */
export function compareReports(before: Report, after: Report, files: { old?: string; new?: string } = {}): Comparison {
  const oldById = new Map(before.requirements.map((r) => [r.id, r]));
  const newIds = new Set(after.requirements.map((r) => r.id));
  const changes: RequirementChange[] = [];
  let unchanged = 0;
  for (const r of after.requirements) {
    const prev = oldById.get(r.id);
    const old = prev ? shownStatus(prev) : undefined;
    const now = shownStatus(r);
    if (old === now) {
      unchanged++;
      continue;
    }
    const detail = detailOf(r);
    changes.push({ id: r.id, level: r.level, ...(old ? { old } : {}), new: now, kind: changeKind(old, now), ...(detail ? { detail } : {}) });
  }
  for (const r of before.requirements) {
    if (!newIds.has(r.id)) changes.push({ id: r.id, level: r.level, old: shownStatus(r), kind: "removed" });
  }
  const verdictRegression = before.verdict !== after.verdict && after.verdict === "non-conformant";
  return {
    old: summaryOf(before, files.old),
    new: summaryOf(after, files.new),
    verdict: { old: before.verdict, new: after.verdict, changed: before.verdict !== after.verdict, regression: verdictRegression },
    changes,
    unchanged,
    regressions: changes.filter((c) => c.kind === "regression").length,
    improvements: changes.filter((c) => c.kind === "improvement").length,
  };
}

/** True when a requirement regressed or the verdict became non-conformant. */
export function hasRegression(c: Comparison): boolean {
  return c.regressions > 0 || c.verdict.regression;
}

/** Exit code of `compare`: 1 on a regression, 0 otherwise (2, unreadable input, is the CLI's). */
export function compareExitCode(c: Comparison): number {
  return hasRegression(c) ? 1 : 0;
}
