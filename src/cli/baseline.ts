import { existsSync, writeFileSync } from "node:fs";
import { baselineFromReport } from "../baseline/from-report.ts";
import { expiryProblem, parseBaseline } from "../baseline/index.ts";
import { readReportFile } from "../compare/read-report.ts";
import { parseCommandFlags } from "./flags.ts";
import { UsageError } from "../io/usage-error.ts";

/** How long new entries apply by default: a quarter, then someone looks again. */
const DEFAULT_DAYS = 90;

function daysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `baseline --from report.json [--out FILE] [--expires YYYY-MM-DD] [--reason TEXT] [--link URL]`:
 * starts a known-deviation baseline from a report, accepting its failures as they stand. Written
 * to FILE (never over an existing one) or standard output; what it writes is read back by the
 * baseline reader first, so `run --baseline FILE` takes it.
 */
export default async function baseline(argv: string[], now = new Date()): Promise<number> {
  const { values, positionals } = parseCommandFlags("baseline", argv);
  if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}: the report is --from FILE`);
  if (!values.from) throw new UsageError("--from FILE is required: the report.json whose failures the baseline accepts");
  const expires = values.expires ?? daysFrom(now, DEFAULT_DAYS);
  const problem = expiryProblem(expires);
  if (problem) throw new UsageError(`--${problem}`);
  if (values.out && existsSync(values.out)) throw new UsageError(`--out ${values.out} exists: the baseline is never written over one (edit it, or choose another file)`);
  const report = readReportFile(values.from);
  const file = baselineFromReport(report, { source: values.from, expires, ...(values.reason ? { reason: values.reason } : {}), ...(values.link ? { link: values.link } : {}) });
  const text = `${JSON.stringify(file, null, 2)}\n`;
  parseBaseline(text, values.out ?? "baseline.json"); // what --baseline will read: a bug if it does not
  if (values.out) {
    writeFileSync(values.out, text);
    console.error(`wrote ${values.out}: ${file.entries.length} entr${file.entries.length === 1 ? "y" : "ies"}${file.entries.length ? `, expiring ${expires} unless kept from the report's baseline` : " (the report has no failures)"}; review each reason before committing it`);
  } else {
    process.stdout.write(text);
  }
  return 0;
}
