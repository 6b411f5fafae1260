import type { Report } from "../../reports/model.ts";
import { applyBaseline, loadBaseline } from "../baseline/index.ts";
import { writeReports } from "../../reports/write-reports.ts";
import { withoutUserinfo } from "../http/index.ts";
import { redactReport } from "../../reports/text.ts";
import { buildReport } from "../run/build-report.ts";
import { dryRunPlan } from "../run/dry-run.ts";
import { defaultReportDir, resolveShippedFile, resolveTarget, runConfigFrom } from "../run/config.ts";
import { loadOperationSpec, seedSpec } from "../schema/operation-spec.ts";
import { loadSpecOrExplain, specRequestFrom } from "./spec-flags.ts";
import { runConformance } from "../run/run-conformance.ts";
import { prepareTarget } from "../targets/prepare.ts";
import { parseCommandFlags, type FlagValues } from "./flags.ts";
import { onStopSignals } from "./stop-signals.ts";
import { printPlan } from "./print-plan.ts";
import { printLine, terminalJson } from "./terminal-text.ts";
import { UsageError } from "./usage-error.ts";

/** `run [flags]`: the conformance suites against a target; exits with the verdict (docs/CONTRACT.md). */
export default async function run(argv: string[]): Promise<number> {
  // Listening from the start: a signal at any point of the run stops it with a report.
  const signals = onStopSignals();
  try {
    return await runWith(argv, signals.signal);
  } finally {
    signals.dispose();
  }
}

/** `--format text|json`: where the human lines go, and whether stdout carries one JSON document. */
function outputFormat(value: string | undefined): "text" | "json" {
  const format = value ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json (got ${JSON.stringify(format)})`);
  return format;
}

async function runWith(argv: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandFlags("run", argv);
  if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (flags start with --)`);
  const format = outputFormat(values.format);
  // With --format json, standard output is the one JSON document; every line for a person goes to standard error.
  const human = format === "json" ? process.stderr : process.stdout;
  let config;
  try {
    config = runConfigFrom(values, process.env);
    await loadSpecOrExplain(config.spec);
  } catch (e) {
    if (e instanceof UsageError && !values["dry-run"]) {
      const report = await writeErrorReport(values, e.message);
      if (report && format === "json") process.stdout.write(`${terminalJson(redactReport(report))}\n`);
    }
    throw e;
  }
  // Read the baseline before any request, so a bad file costs nothing (exit 2, one line).
  // A baseline the package ships (baselines/cloudflare-live.json) is found from any folder; the report names it as given.
  const baseline = config.baseline ? { ...loadBaseline(resolveShippedFile(config.baseline)), file: config.baseline } : undefined;
  const log = config.quiet ? undefined : (line: string) => printLine(process.stderr, line);
  const target = await prepareTarget(config);
  if (target.note) log?.(target.note);
  try {
    if (values["dry-run"]) {
      const plan = dryRunPlan(target.config);
      if (format === "json") process.stdout.write(`${terminalJson(plan)}\n`);
      else printPlan(plan, process.stdout);
      return 0;
    }
    const amendReport = (report: Report) => {
      const amended = target.amendReport ? target.amendReport(report) : report;
      return baseline ? applyBaseline(amended, baseline, new Date()) : amended;
    };
    const { report, exitCode } = await runConformance(target.config, { log, amendReport, reviewExchange: target.reviewExchange, replayTransport: target.replayTransport, signal });
    printSummary(report, human);
    printLine(human, `reports: ${target.config.outDir}/report.{json,md,html} and junit.xml`);
    if (format === "json") process.stdout.write(`${terminalJson(redactReport(report))}\n`);
    return exitCode;
  } finally {
    await target.close();
  }
}

/** The verdict line, why it is `error`, and each failed requirement, one line each (stdout; the error on stderr). */
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

/**
 * A run that cannot start (no credentials, no zone, a target URL with a password) still leaves a
 * report saying so, verdict `error`, where the nightly job looks for it. Bad flags that hide the
 * target leave none.
 */
async function writeErrorReport(values: FlagValues<"run">, error: string): Promise<Report | undefined> {
  let target;
  try {
    target = resolveTarget(values.target === undefined ? undefined : withoutUserinfo(values.target), { ...process.env, CLOUDFLARE_BASE_URL: process.env.CLOUDFLARE_BASE_URL && withoutUserinfo(process.env.CLOUDFLARE_BASE_URL) }, values.cassette);
  } catch {
    return undefined;
  }
  const now = new Date();
  let spec;
  try {
    spec = loadOperationSpec(specRequestFrom(values, process.env));
  } catch {
    spec = seedSpec(); // the --spec document is what failed: the report says so, against the seed
  }
  const report = buildReport({
    config: { target, seed: 0, gatingLevel: values.level === "should" || values.level === "may" ? values.level : "must" },
    spec, startedAt: now, finishedAt: now,
    requests: 0, outcomes: new Map(), error,
  });
  await writeReports(report, values.out ?? process.env.CONFORMANCE_REPORT_DIR ?? defaultReportDir(now));
  return report;
}

