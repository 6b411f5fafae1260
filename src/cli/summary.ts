import type { Report } from "../../reports/model.ts";
import { printLine } from "./terminal-text.ts";

/**
 * The verdict line, why it is `error`, and each failed requirement, one line each (on `out`,
 * standard output unless `--format json` keeps it for the report; the error on stderr).
 */
export function printSummary(report: Report, out: NodeJS.WritableStream = process.stdout): void {
  const { summary } = report;
  const unanswered = Object.entries(summary.unanswered ?? {});
  const noAnswer = unanswered.length ? `; unanswered: ${unanswered.map(([kind, n]) => `${n} ${kind}`).join(", ")}` : "";
  const selection = report.selection ? ` (${report.selection.notSelected} of them not selected: judged ${report.selection.selected} of ${report.requirements.length} requirements)` : "";
  printLine(out, `${report.verdict.toUpperCase()} at level ${report.gatingLevel}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped${selection}, ${summary.errored} errored; ${summary.requests} requests${noAnswer}`);
  if (report.error) printLine(process.stderr, `error: ${report.error}`);
  for (const r of report.requirements.filter((x) => x.status === "failed")) {
    printLine(out, `  ${r.knownDeviation ? "known deviation" : "failed"} ${r.id} (${r.level}): ${r.failures[0]?.message ?? ""}`);
  }
}
