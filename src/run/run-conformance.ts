import type { Report } from "../../reports/model.ts";
import { writeReports } from "../../reports/write-reports.ts";
import { evaluateCheck, type CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import { ALL_CHECKS } from "../../suites/index.ts";
import { applicableNearMisses, ConformanceClient, type Exchange } from "../http/index.ts";
import type { LeftOut } from "../../reports/model.ts";
import { loadOperationSpec } from "../schema/operation-spec.ts";
import { buildReport, EXIT_CODES } from "./build-report.ts";
import type { RunConfig } from "./config.ts";
import { answerOf, controlProbe, discoverCertificates, ProbeRunner, type ProbeResult, type Send } from "./execute.ts";
import { fuzzIdentifiers } from "./fuzz.ts";
import { fitToBudget, madeUpIdentifier, planProbes, primaryScheme } from "./probes.ts";

export interface RunOptions {
  /** "vitest" (the CLI) or "in-process" (the self-certification matrix: the same checks, no worker start-up). */
  evaluator?: "vitest" | "in-process";
  /** Progress and summary lines (stderr in the CLI); nothing when absent. */
  log?: (line: string) => void;
  /** Write the four report files (default true). */
  writeReports?: boolean;
  /** Looks at each exchange as it comes back (a recorded target marks what its cassette lacks). */
  reviewExchange?: (exchange: Exchange) => Exchange;
  /** Called on the report before it is written (the baseline's known deviations). */
  amendReport?: (report: Report) => Report;
  /** The client's first back-off before retrying a network error (default 500 ms; tests of broken servers shorten it). */
  retryBackoffMs?: number;
}

export interface RunResult {
  report: Report;
  exitCode: number;
  exchanges: Exchange[];
  results: ProbeResult[];
}

/** How much a run fuzzes: identifiers tried, and requests spent shrinking a wrongly answered one. Live stays well under 100 requests. */
const FUZZ: Record<RunConfig["target"]["kind"], { runs: number; shrinks: number }> = {
  live: { runs: 30, shrinks: 8 },
  url: { runs: 40, shrinks: 12 },
  recorded: { runs: 40, shrinks: 12 },
};

/** Requests kept back from the fixed probes for control reads (see ProbeRunner). */
const controlReserve = (budget: number) => Math.min(4, Math.floor(budget / 10));

/** The same checks the vitest suites run, evaluated directly (for the self-certification matrix). */
export function evaluateInProcess(ctx: CheckContext): Map<string, CheckOutcome> {
  return new Map(ALL_CHECKS.map((check) => [check.requirement.id, evaluateCheck(check, ctx)]));
}

/**
 * One conformance run: discover (when no certificate is given), plan the probes from the seed
 * within the budget (every family once before any second sample), send them through the one
 * client with control reads where answers go missing, fuzz the identifiers with what is left,
 * check the evidence, build the report. Only a target that answers nothing is down (verdict
 * `error`); one that fails some requests while answering others is failing.
 */
export async function runConformance(config: RunConfig, opts: RunOptions = {}): Promise<RunResult> {
  const log = opts.log ?? (() => undefined);
  const startedAt = new Date();
  const client = new ConformanceClient({
    baseUrl: config.target.baseUrl, credentials: config.credentials, timeoutMs: config.timeoutMs,
    rate: config.rate || undefined, budget: config.budget, ...(opts.retryBackoffMs !== undefined ? { retryBackoffMs: opts.retryBackoffMs } : {}),
  });
  const review = opts.reviewExchange ?? ((e: Exchange) => e);
  const send: Send = async (path, getOptions) => review(await client.get(path, getOptions));
  const spec = loadOperationSpec(config.spec);
  const leftOut: LeftOut[] = [];
  const finish = async (outcomes: Map<string, CheckOutcome>, results: ProbeResult[], error?: string): Promise<RunResult> => {
    let report = buildReport({
      config, spec, startedAt, finishedAt: new Date(),
      requests: client.requestsSent, outcomes, error, leftOut,
    });
    if (opts.amendReport) report = opts.amendReport(report);
    if (opts.writeReports !== false) await writeReports(report, config.outDir);
    return { report, exitCode: EXIT_CODES[report.verdict], exchanges: client.exchanges, results };
  };

  let certificateIds = config.certificateIds;
  if (!certificateIds.length) {
    log(`discovering certificates of zone ${config.zoneId} (GET ${config.target.baseUrl}/zones/${config.zoneId}/client_certificates)`);
    const discovery = await discoverCertificates(send, config.zoneId, config.schemes);
    if (discovery.exchange?.error && discovery.exchange.error.kind !== "not-recorded") {
      return finish(new Map(), [], `target unreachable at ${config.target.baseUrl}: ${discovery.exchange.error.message}; check --target and that the server is up`);
    }
    if (discovery.problem) return finish(new Map(), [], discovery.problem);
    certificateIds = discovery.certificateIds;
    log(`found ${certificateIds.length} certificate(s): ${certificateIds.join(", ")}`);
  }

  const all = planProbes({ spec, zoneId: config.zoneId, certificateIds, schemes: config.schemes, seed: config.seed, nearMisses: applicableNearMisses(config.credentials) });
  const room = config.budget - client.requestsSent - controlReserve(config.budget);
  const { planned, leftOut: notPlanned } = fitToBudget(all, room);
  leftOut.push(...notPlanned.map((p) => ({ kind: p.kind, label: p.label })));
  const fuzz = FUZZ[config.target.kind];
  const fuzzRoom = Math.max(0, room - planned.length);
  const fuzzRuns = Math.min(fuzz.runs, Math.max(0, fuzzRoom - Math.min(fuzz.shrinks, Math.floor(fuzzRoom / 4))));
  const shrinks = Math.min(fuzz.shrinks, Math.max(0, fuzzRoom - fuzzRuns));
  if (fuzzRuns < fuzz.runs) leftOut.push({ kind: "id", label: `${fuzz.runs - fuzzRuns} of ${fuzz.runs} fuzzed malformed identifiers` });
  log(`sending ${planned.length} requests${fuzzRuns ? ` and up to ${fuzzRuns + shrinks} fuzzing identifiers` : ""} (seed ${config.seed}, budget ${config.budget}${config.rate ? `, at most ${config.rate}/s` : ""})${leftOut.length ? `; ${notPlanned.length} probes left out for lack of budget` : ""}`);

  const firstRead = planned.find((p) => p.kind === "read" && !p.repeat && p.scheme === primaryScheme(spec, config.schemes));
  let done = 0;
  const total = planned.length + fuzzRuns;
  const runner = new ProbeRunner(send, {
    control: controlProbe(firstRead),
    onProgress: ({ probe, exchange }) => {
      const { error, response } = exchange;
      log(`[${probe.kind === "control" ? "control" : `${++done}/${total}`}] ${probe.label} -> ${error ? `${error.kind}: ${error.message}` : response!.status}`);
    },
  });
  for (const probe of planned) await runner.run(probe);
  const scheme = primaryScheme(spec, config.schemes);
  const fuzzed = await fuzzIdentifiers(runner, {
    spec, zoneId: config.zoneId, certificateId: certificateIds[0] ?? madeUpIdentifier(config.seed, "certificate"),
    auth: scheme ?? "none", seed: config.seed, runs: fuzzRuns, shrinks,
  });
  if (fuzzed.counterexample) log(`smallest wrongly answered ${fuzzed.counterexample.position} identifier after ${fuzzed.counterexample.shrinks} shrink step(s): ${JSON.stringify(fuzzed.counterexample.value)}`);
  await runner.finish();
  const results = runner.results;
  if (runner.down && !runner.anyAnswered) {
    return finish(new Map(), results, `target unreachable at ${config.target.baseUrl}: ${runner.down}; check --target and that the server is up`);
  }

  const context: CheckContext = { zoneId: config.zoneId, certificateIds, schemes: config.schemes, results, spec: config.spec };
  let outcomes: Map<string, CheckOutcome>;
  if (opts.evaluator === "in-process") {
    outcomes = evaluateInProcess(context);
  } else {
    const { runSuites } = await import("./vitest-driver.ts");
    const run = await runSuites(context);
    if (run.problems.length) return finish(run.outcomes, results, `the suites did not run: ${run.problems[0]}`);
    outcomes = run.outcomes;
  }
  const stopped = runner.down ? `the target stopped answering after ${results.filter((r) => answerOf(r.exchange) === "answered").length} answered requests (${runner.down}); the rest were not sent` : undefined;
  return finish(outcomes, results, stopped);
}
