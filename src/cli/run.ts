import type { Report } from "../../reports/model.ts";
import { redactReport } from "../../reports/text.ts";
import { applyBaseline, loadBaselineAsync } from "../baseline/index.ts";
import { claimOutputDir } from "../io/output-claim.ts";
import { UsageError } from "../io/usage-error.ts";
import { resolveShippedFile, runConfigFrom, type RunConfig } from "../run/config.ts";
import { dryRunPlan } from "../run/dry-run.ts";
import { loadChecks } from "../run/evaluate-checks.ts";
import type { ChecksInFlight } from "../run/checks-in-thread.ts";
import { RunStop, runConformance, startChecks } from "../run/run-conformance.ts";
import { loadSpecOrExplain } from "../schema/load-spec.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";
import { prepareTarget } from "../targets/prepare.ts";
import { parseCommandFlags } from "./flags.ts";
import { printPlan } from "./print-plan.ts";
import { errorLine, stoppedWhileLoading, writeErrorReport, writeStartReport } from "./start-report.ts";
import { onStopSignals, type RunStopper } from "./stop-signals.ts";
import { printSummary } from "./summary.ts";
import { printLine, terminalJson } from "./terminal-text.ts";

export { printSummary } from "./summary.ts";

/** `run [flags]`: the conformance suites against a target; exits with the verdict (docs/CONTRACT.md). */
export default async function run(argv: string[]): Promise<number> {
  // Listening from the start: a signal at any point of the run stops it with a report.
  const stopper = onStopSignals();
  try {
    return await runWith(argv, stopper);
  } finally {
    stopper.dispose();
  }
}

/** `--format text|json`: where the human lines go, and whether stdout carries one JSON document. */
function outputFormat(value: string | undefined): "text" | "json" {
  const format = value ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json (got ${JSON.stringify(format)})`);
  return format;
}

/** How a run speaks: the lines for a person on `human`; with `--format json`, the one JSON document on standard output. */
interface Output {
  json: boolean;
  human: NodeJS.WritableStream;
}

const printReport = (output: Output, report: Report | undefined) => {
  if (output.json && report) process.stdout.write(`${terminalJson(redactReport(report))}\n`);
};

async function runWith(argv: string[], stopper: RunStopper): Promise<number> {
  const startedAt = new Date();
  const { values, positionals } = parseCommandFlags("run", argv);
  if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (flags start with --)`);
  const json = outputFormat(values.format) === "json";
  // With --format json, standard output is the one JSON document; every line for a person goes to standard error.
  const output: Output = { json, human: json ? process.stderr : process.stdout };
  let config: RunConfig;
  try {
    config = runConfigFrom(values, process.env);
  } catch (e) {
    if (e instanceof UsageError && !values["dry-run"]) printReport(output, await writeErrorReport(values, e.message, stopper.signal));
    throw e;
  }
  // The deadline covers everything from here: the spec, the baseline and the recording are read
  // within it, and a stop during loading still writes its (partial) report.
  stopper.startDeadline(config.maxTimeMs ?? 0);
  // A dry run writes no report: nothing to claim.
  if (values["dry-run"]) return dryRun(config, output, stopper.signal);
  // The report folder is made and proved writable (and claimed against another run) before anything is read or sent.
  const claim = claimOutputDir(config.outDir, "--out");
  try {
    return await runClaimed(config, stopper.signal, startedAt, output);
  } finally {
    claim.release();
  }
}

/** `--dry-run`: the plan, from the resolved config (a recording's manifest read), nothing sent. */
async function dryRun(config: RunConfig, output: Output, signal: AbortSignal): Promise<number> {
  await loadSpecOrExplain(config.spec, "--spec", signal);
  const target = await prepareTarget(config, { signal });
  try {
    const plan = dryRunPlan(target.config, await loadChecks());
    if (output.json) process.stdout.write(`${terminalJson(plan)}\n`);
    else printPlan(plan, process.stdout);
    return 0;
  } finally {
    await target.close();
  }
}

async function runClaimed(config: RunConfig, signal: AbortSignal, startedAt: Date, output: Output): Promise<number> {
  const log = config.quiet ? undefined : (line: string) => printLine(process.stderr, line);
  let spec: OperationSpec | undefined;
  let target;
  let baseline;
  let phase = "reading the OpenAPI document (--spec)";
  let checks: ChecksInFlight | undefined;
  try {
    // First thing: the thread the checks get ready in loads them while the files are read and the
    // probes sent (inside the try: a thread that cannot start is a run's error, with its report).
    checks = await startChecks(config.spec);
    spec = await loadSpecOrExplain(config.spec, "--spec", signal);
    // The baseline too before any request, so a bad file costs nothing (exit 2, one line).
    // A baseline the package ships (baselines/cloudflare-live.json) is found from any folder; the report names it as given.
    phase = "reading the baseline (--baseline)";
    baseline = config.baseline ? { ...(await loadBaselineAsync(resolveShippedFile(config.baseline), signal)), file: config.baseline } : undefined;
    phase = config.target.kind === "recorded" ? "reading the recording (--cassette)" : "preparing the target";
    target = await prepareTarget(config, { signal });
  } catch (e) {
    checks?.abandon();
    if (e instanceof RunStop && signal.aborted) {
      const stopped = await stoppedWhileLoading(config, spec, startedAt, e, phase, log, output.human);
      printReport(output, stopped.report);
      return stopped.exitCode;
    }
    printReport(output, await writeStartReport(config, spec, startedAt, { error: errorLine(e) }));
    throw e;
  }
  if (target.note) log?.(target.note);
  const ready = target;
  try {
    const amendReport = (report: Report) => {
      const amended = ready.amendReport ? ready.amendReport(report) : report;
      return baseline ? applyBaseline(amended, baseline, new Date()) : amended;
    };
    const { report, exitCode } = await runConformance(ready.config, { ...(checks ? { checks } : {}), log, amendReport, reviewExchange: ready.reviewExchange, signal });
    printSummary(report, output.human);
    printLine(output.human, `reports: ${ready.config.outDir}/report.{json,md,html} and junit.xml`);
    printReport(output, report);
    return exitCode;
  } catch (e) {
    // The run broke (a bug): exit 2 still leaves its report, saying so.
    printReport(output, await writeStartReport(ready.config, spec, startedAt, { error: errorLine(e) }));
    throw e;
  } finally {
    await ready.close();
  }
}
