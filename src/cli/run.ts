import type { Report } from "../../reports/model.ts";
import { applyBaseline, loadBaselineAsync } from "../baseline/index.ts";
import { claimOutputDir } from "../io/output-claim.ts";
import { UsageError } from "../io/usage-error.ts";
import { runConfigFrom, type RunConfig } from "../run/config.ts";
import { RunStop, runConformance } from "../run/run-conformance.ts";
import { loadSpecOrExplain } from "../schema/load-spec.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";
import { prepareTarget } from "../targets/prepare.ts";
import { parseCommandFlags } from "./flags.ts";
import { errorLine, stoppedWhileLoading, writeErrorReport, writeStartReport } from "./start-report.ts";
import { onStopSignals, type RunStopper } from "./stop-signals.ts";
import { printSummary } from "./summary.ts";
import { printLine } from "./terminal-text.ts";

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

async function runWith(argv: string[], stopper: RunStopper): Promise<number> {
  const startedAt = new Date();
  const { values, positionals } = parseCommandFlags("run", argv);
  if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (flags start with --)`);
  let config: RunConfig;
  try {
    config = runConfigFrom(values, process.env);
  } catch (e) {
    if (e instanceof UsageError) await writeErrorReport(values, e.message, stopper.signal);
    throw e;
  }
  // The deadline covers everything from here: the spec, the baseline and the recording are read
  // within it, and a stop during loading still writes its (partial) report.
  stopper.startDeadline(config.maxTimeMs ?? 0);
  // The report folder is made and proved writable (and claimed against another run) before anything is read or sent.
  const claim = claimOutputDir(config.outDir, "--out");
  try {
    return await runClaimed(config, stopper.signal, startedAt);
  } finally {
    claim.release();
  }
}

async function runClaimed(config: RunConfig, signal: AbortSignal, startedAt: Date): Promise<number> {
  const log = config.quiet ? undefined : (line: string) => printLine(process.stderr, line);
  let spec: OperationSpec | undefined;
  let target;
  let baseline;
  let phase = "reading the OpenAPI document (--spec)";
  try {
    spec = await loadSpecOrExplain(config.spec, "--spec", signal);
    // The baseline too before any request, so a bad file costs nothing (exit 2, one line).
    phase = "reading the baseline (--baseline)";
    baseline = config.baseline ? await loadBaselineAsync(config.baseline, signal) : undefined;
    phase = config.target.kind === "recorded" ? "reading the recording (--cassette)" : "preparing the target";
    target = await prepareTarget(config, { signal });
  } catch (e) {
    if (e instanceof RunStop && signal.aborted) return stoppedWhileLoading(config, spec, startedAt, e, phase, log);
    await writeStartReport(config, spec, startedAt, { error: errorLine(e) });
    throw e;
  }
  if (target.note) log?.(target.note);
  const ready = target;
  try {
    const amendReport = (report: Report) => {
      const amended = ready.amendReport ? ready.amendReport(report) : report;
      return baseline ? applyBaseline(amended, baseline, new Date()) : amended;
    };
    const { report, exitCode } = await runConformance(ready.config, { log, amendReport, reviewExchange: ready.reviewExchange, signal });
    printSummary(report);
    console.log(`reports: ${ready.config.outDir}/report.{json,md,html} and junit.xml`);
    return exitCode;
  } catch (e) {
    // The run broke (a bug): exit 2 still leaves its report, saying so.
    await writeStartReport(ready.config, spec, startedAt, { error: errorLine(e) });
    throw e;
  } finally {
    await ready.close();
  }
}
