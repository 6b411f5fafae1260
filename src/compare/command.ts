import { parseCommandFlags } from "../cli/flags.ts";
import { UsageError } from "../io/usage-error.ts";
import { compareExitCode, compareReports } from "./diff.ts";
import { readReportFile } from "./read-report.ts";
import { COMPARE_FORMATS, renderComparison, type CompareFormat } from "./render.ts";

/**
 * `compare OLD/report.json NEW/report.json [--format text|json|md]`: prints what changed
 * and returns 1 on a regression, 0 otherwise; unreadable input is a UsageError (exit 2).
 */
export function runCompare(argv: string[], out: (text: string) => void): number {
  const { values, positionals } = parseCommandFlags("compare", argv);
  const format = (values.format ?? "text") as CompareFormat;
  if (!COMPARE_FORMATS.includes(format)) throw new UsageError(`--format must be text, json or md (got ${JSON.stringify(values.format)})`);
  if (positionals.length !== 2) throw new UsageError(`expected two report files, OLD/report.json NEW/report.json (got ${positionals.length})`);
  const [oldFile, newFile] = positionals as [string, string];
  const comparison = compareReports(readReportFile(oldFile), readReportFile(newFile), { old: oldFile, new: newFile });
  out(renderComparison(comparison, format));
  return compareExitCode(comparison);
}
