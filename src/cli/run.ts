import type { Report } from "../../reports/model.ts";
import { applyBaseline, loadBaseline } from "../baseline/index.ts";
import { runConfigFrom } from "../run/config.ts";
import { runConformance } from "../run/run-conformance.ts";
import { prepareTarget } from "../targets/prepare.ts";
import { parseCommandFlags } from "./flags.ts";
import { UsageError } from "./usage-error.ts";

/** `run [flags]`: the conformance suites against a target; exits with the verdict (CONTRACT.md). */
export default async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags("run", argv);
  if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (flags start with --)`);
  const config = runConfigFrom(values, process.env);
  // Read the baseline before any request, so a bad file costs nothing (exit 2, one line).
  const baseline = config.baseline ? loadBaseline(config.baseline) : undefined;
  const log = config.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const target = await prepareTarget(config);
  try {
    const amendReport = (report: Report) => {
      const amended = target.amendReport ? target.amendReport(report) : report;
      return baseline ? applyBaseline(amended, baseline, new Date()) : amended;
    };
    const { report, exitCode } = await runConformance(target.config, { log, amendReport, reviewExchange: target.reviewExchange });
    const { summary } = report;
    console.log(`${report.verdict.toUpperCase()} at level ${report.gatingLevel}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped, ${summary.errored} errored; ${summary.requests} requests`);
    if (report.error) console.error(`error: ${report.error}`);
    for (const r of report.requirements.filter((x) => x.status === "failed")) {
      console.log(`  ${r.knownDeviation ? "known deviation" : "failed"} ${r.id} (${r.level}): ${r.failures[0]?.message ?? ""}`);
    }
    console.log(`reports: ${target.config.outDir}/report.{json,md,html} and junit.xml`);
    return exitCode;
  } finally {
    await target.close();
  }
}
