import type { Report } from "./model.ts";
import { redactReport } from "./text.ts";

/** report.json: the report as given (credentials redacted), two-space indented, newline-terminated. */
export function renderJson(report: Report): string {
  return JSON.stringify(redactReport(report), null, 2) + "\n";
}
