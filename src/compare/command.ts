import { UsageError } from "../io/usage-error.ts";
import { compareExitCode, compareReports } from "./diff.ts";
import { readReportFile } from "./read-report.ts";
import { COMPARE_FORMATS, renderComparison, type CompareFormat } from "./render.ts";

/**
 * `compare OLD/report.json NEW/report.json [--format text|json|md]` (its flags parsed by src/cli/): prints what changed
 * and returns 1 on a regression, 0 otherwise; unreadable input is a UsageError (exit 2).
 */
export function runCompare(flags: { format?: string | undefined; files: string[] }, out: (text: string) => void): number {
  const format = (flags.format ?? "text") as CompareFormat;
  if (!COMPARE_FORMATS.includes(format)) throw new UsageError(`--format must be text, json or md (got ${JSON.stringify(flags.format)})`);
  if (flags.files.length !== 2) throw new UsageError(`expected two report files, OLD/report.json NEW/report.json (got ${flags.files.length})`);
  const [oldFile, newFile] = flags.files as [string, string];
  const comparison = compareReports(readReportFile(oldFile), readReportFile(newFile), { old: oldFile, new: newFile });
  out(renderComparison(comparison, format));
  return compareExitCode(comparison);
}
