import type { Report } from "../../reports/model.ts";
import { writeReports } from "../../reports/write-reports.ts";
import { withoutUserinfo } from "../http/index.ts";
import { claimOutputDir } from "../io/output-claim.ts";
import { UsageError } from "../io/usage-error.ts";
import { buildReport, EXIT_CODES } from "../run/build-report.ts";
import { defaultReportDir, resolveTarget, type RunConfig } from "../run/config.ts";
import type { RunStop } from "../run/run-conformance.ts";
import { loadSpecOrExplain } from "../schema/load-spec.ts";
import { loadOperationSpec, seedSpec, type OperationSpec } from "../schema/operation-spec.ts";
import { specRequestFrom } from "../schema/spec-request.ts";
import type { FlagValues } from "./flags.ts";
import { printSummary } from "./summary.ts";
import { printLine } from "./terminal-text.ts";

/*
 * The report of a `run` (or `record`) that ends without the run's own: before its first request
 * (a file it cannot use, a stop while loading), or broken by a bug. The contract says a run that
 * exits 2 leaves a report with verdict `error` saying why, where the nightly job looks for it.
 */

/** The report's error line for what ended a run: a usage error's own line, anything else said as the suite's bug it is. */
export function errorLine(e: unknown): string {
  if (e instanceof UsageError) return e.message;
  return `internal error (a bug in the suite, please report it): ${String((e as Error)?.message ?? e).split("\n")[0]}`;
}

/**
 * A run stopped (`--max-time`, SIGINT, SIGTERM) before its target was ready: the partial report,
 * nothing judged (verdict error, `interrupted`), as a run stopped later writes it. Exit 2.
 */
export async function stoppedWhileLoading(config: RunConfig, spec: OperationSpec | undefined, startedAt: Date, stop: RunStop, phase: string, log?: (line: string) => void, out: NodeJS.WritableStream = process.stdout): Promise<{ exitCode: number; report?: Report }> {
  log?.(`stopping: ${stop.message}; writing the report of what was judged so far`);
  const report = await writeStartReport(config, spec, startedAt, {
    error: `${stop.message} while ${phase}, before any request; nothing was judged`,
    interrupted: { by: stop.by, probesPlanned: 0, probesSent: 0 },
  });
  if (report) {
    printSummary(report, out);
    printLine(out, `reports: ${config.outDir}/report.{json,md,html} and junit.xml`);
  }
  return { exitCode: EXIT_CODES.error, ...(report ? { report } : {}) };
}

/**
 * The report of a run that ended without its own: a file it could not use (a bad spec, baseline or
 * recording), a stop while loading, a bug. Written where the run's reports go (its claimed --out);
 * against the document the run was given when it loaded, the seed otherwise.
 */
export async function writeStartReport(config: RunConfig, spec: OperationSpec | undefined, startedAt: Date, what: { error: string; interrupted?: Report["interrupted"] }): Promise<Report | undefined> {
  const report = buildReport({
    config: { target: config.target, seed: config.seed, gatingLevel: config.gatingLevel },
    spec: spec ?? seedSpec(), startedAt, finishedAt: new Date(),
    requests: 0, outcomes: new Map(), error: what.error, ...(what.interrupted ? { interrupted: what.interrupted } : {}),
  });
  try {
    await writeReports(report, config.outDir);
    return report;
  } catch (e) {
    printLine(process.stderr, `the error report could not be written to ${config.outDir}: ${(e as Error).message}`);
    return undefined;
  }
}

/**
 * A run that cannot start (no credentials, no zone, a target URL with a password) still leaves a
 * report saying so, verdict `error`, where the nightly job looks for it; not in a folder another
 * run holds, nor one that cannot be written (the line says so). Bad flags that hide the target leave none.
 */
export async function writeErrorReport(values: FlagValues<"run">, error: string, signal: AbortSignal): Promise<Report | undefined> {
  let target;
  try {
    target = resolveTarget(values.target === undefined ? undefined : withoutUserinfo(values.target), { ...process.env, CLOUDFLARE_BASE_URL: process.env.CLOUDFLARE_BASE_URL && withoutUserinfo(process.env.CLOUDFLARE_BASE_URL) }, values.cassette);
  } catch {
    return;
  }
  const now = new Date();
  let spec;
  try {
    const request = specRequestFrom(values, process.env);
    spec = request.path ? await loadSpecOrExplain(request, "--spec", signal) : loadOperationSpec(request);
  } catch {
    spec = seedSpec(); // the --spec document is what failed: the report says so, against the seed
  }
  const out = values.out ?? process.env.CONFORMANCE_REPORT_DIR ?? defaultReportDir(now);
  let claim;
  try {
    claim = claimOutputDir(out, "--out");
  } catch (e) {
    printLine(process.stderr, `no error report written: ${(e as Error).message}`);
    return;
  }
  try {
    const report = buildReport({
      config: { target, seed: 0, gatingLevel: values.level === "should" || values.level === "may" ? values.level : "must" },
      spec, startedAt: now, finishedAt: now,
      requests: 0, outcomes: new Map(), error,
    });
    await writeReports(report, out);
    return report;
  } finally {
    claim.release();
  }
}
