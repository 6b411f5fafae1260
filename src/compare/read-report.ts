import type { Report } from "../../reports/model.ts";
import { readUserFile } from "../io/read-user-file.ts";
import { UsageError } from "../io/usage-error.ts";

const STATUSES = new Set(["passed", "failed", "skipped", "errored"]);

/**
 * A report.json to compare, read leniently: only what a comparison needs is checked
 * (a verdict and requirements with an id and a status), so that reports of another
 * suite version still compare. Anything unreadable is a UsageError (exit 2) naming the file.
 */
export function readReportFile(file: string): Report {
  const text = readUserFile(file, (problem) => `cannot read ${file}: ${problem}`, "is a directory (give the report.json inside it)");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not JSON: ${(e as Error).message.split("\n")[0]}`);
  }
  const problem = reportProblem(value);
  if (problem) throw new UsageError(`${file} is not a client-cert-conformance report.json: ${problem}`);
  return value as Report;
}

function reportProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not an object";
  const r = value as Record<string, unknown>;
  if (typeof r.verdict !== "string") return "no verdict";
  if (!Array.isArray(r.requirements)) return "no requirements list";
  for (const [i, req] of r.requirements.entries()) {
    const q = req as Record<string, unknown> | null;
    if (typeof q !== "object" || q === null || typeof q.id !== "string") return `requirements[${i}] has no id`;
    if (typeof q.status !== "string" || !STATUSES.has(q.status)) return `requirements[${i}] (${q.id}) has no status passed, failed, skipped or errored`;
  }
  return undefined;
}
