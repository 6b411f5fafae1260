import type { Report } from "../../reports/model.ts";
import { printLine } from "./terminal-text.ts";

/** The verdict line, why it is `error`, and each failed requirement, one line each (stdout; the error on stderr). */
export function printSummary(report: Report): void {
  const { summary } = report;
  const unanswered = Object.entries(summary.unanswered ?? {});
  const noAnswer = unanswered.length ? `; unanswered: ${unanswered.map(([kind, n]) => `${n} ${kind}`).join(", ")}` : "";
  printLine(process.stdout, `${report.verdict.toUpperCase()} at level ${report.gatingLevel}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped, ${summary.errored} errored; ${summary.requests} requests${noAnswer}`);
  if (report.error) printLine(process.stderr, `error: ${report.error}`);
  for (const r of report.requirements.filter((x) => x.status === "failed")) {
    printLine(process.stdout, `  ${r.knownDeviation ? "known deviation" : "failed"} ${r.id} (${r.level}): ${r.failures[0]?.message ?? ""}`);
  }
}
