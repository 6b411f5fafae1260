import type { Interruption, Report } from "../../reports/model.ts";
import { writeReports } from "../../reports/write-reports.ts";
import { evaluateCheck, NOTHING_TO_CHECK, type CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import { ALL_CHECKS } from "../../suites/index.ts";
import { ConformanceClient, type Exchange, type ExchangeErrorKind } from "../http/index.ts";
import { responseValidator } from "../schema/validator.ts";
import { buildReport, EXIT_CODES } from "./build-report.ts";
import type { RunConfig } from "./config.ts";
import { discoverCertificates, executeProbes, type ProbeResult, type Send } from "./execute.ts";
import { planProbes, type IdentifierSample } from "./probes.ts";
import { identifierSamples } from "../../generators/index.ts";

export interface RunOptions {
  /** "vitest" (the CLI) or "in-process" (the self-certification matrix: the same checks, no worker start-up). */
  evaluator?: "vitest" | "in-process";
  /** Progress and summary lines (stderr in the CLI); nothing when absent. */
  log?: (line: string) => void;
  /** Write the four report files (default true). */
  writeReports?: boolean;
  /** Malformed identifiers to fuzz with; default: the generators' samples for the run's seed. */
  malformedIdentifiers?: IdentifierSample[];
  /** Looks at each exchange as it comes back (a recorded target marks what its cassette lacks). */
  reviewExchange?: (exchange: Exchange) => Exchange;
  /** Called on the report before it is written (the baseline's known deviations). */
  amendReport?: (report: Report) => Report;
  /**
   * Stops the run (the CLI aborts it on SIGINT/SIGTERM with a `RunStop`): the request in flight
   * ends, nothing more is sent, and the report of what was judged so far is written (verdict error).
   */
  signal?: AbortSignal;
}

/** Why a run is stopped before its end; the message goes into the report's `error` line. */
export class RunStop extends Error {
  constructor(readonly by: Interruption["by"], message: string) {
    super(message);
    this.name = "RunStop";
  }
}

export interface RunResult {
  report: Report;
  exitCode: number;
  exchanges: Exchange[];
  results: ProbeResult[];
}

/** After this many requests in a row without an answer, the target is taken to be down or hung: nothing more is sent. */
const GIVE_UP_AFTER = 3;
/** How often a request that has not ended yet is said to be still waiting. */
const PROGRESS_EVERY_MS = 5_000;
/** The kinds of failure that count as "no answer" towards GIVE_UP_AFTER (a probe not sent for it keeps the count). */
const SILENT_KINDS: ReadonlySet<ExchangeErrorKind> = new Set(["timeout", "refused", "reset", "not-http", "truncated", "rate-limited", "network", "stopped"]);

/** Requests without a usable answer, counted by kind of failure. */
function unansweredByKind(exchanges: (Exchange | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of exchanges) if (e?.error) counts[e.error.kind] = (counts[e.error.kind] ?? 0) + 1;
  return counts;
}

/** `timeout: timed out after 500 ms...`: an unanswered exchange's cause, kind first. */
const causeOf = (e: Exchange | undefined) => (e?.error ? `${e.error.kind}: ${e.error.message}` : "no answer");

/** The generators' over-long and malformed identifiers for a seed (valid ones are the reads' business). */
function malformedSamples(seed: number): IdentifierSample[] {
  return identifierSamples(seed, 200).filter((s) => s.class !== "valid");
}

/** The same checks the vitest suites run, evaluated directly (for the self-certification matrix). */
export function evaluateInProcess(ctx: CheckContext): Map<string, CheckOutcome> {
  return new Map(ALL_CHECKS.map((check) => [check.requirement.id, evaluateCheck(check, ctx)]));
}

/**
 * One conformance run: discover (when no certificate is given), plan the probes from
 * the seed, send them through the one client, check the evidence, build the report.
 * A target that does not answer is the run erroring (verdict `error`), never failing.
 */
export async function runConformance(config: RunConfig, opts: RunOptions = {}): Promise<RunResult> {
  const log = opts.log ?? (() => undefined);
  const startedAt = new Date();
  // One stop for the run: the caller's signal (SIGINT/SIGTERM) or the --max-time deadline.
  const stop = new AbortController();
  const stopWith = (reason: unknown) => {
    if (!stop.signal.aborted) stop.abort(reason);
  };
  const onOuterStop = () => stopWith(opts.signal!.reason);
  if (opts.signal?.aborted) onOuterStop();
  else opts.signal?.addEventListener("abort", onOuterStop, { once: true });
  const deadline = config.maxTimeMs
    ? setTimeout(() => stopWith(new RunStop("max-time", `stopped at the run's --max-time of ${config.maxTimeMs! / 1000} s`)), config.maxTimeMs)
    : undefined;
  deadline?.unref(); // a run that ends some other way (a bug) must not be kept alive by its deadline
  stop.signal.addEventListener("abort", () => log(`stopping: ${(stop.signal.reason as Error)?.message ?? "stopped"}; writing the report of what was judged so far`), { once: true });

  const client = new ConformanceClient({
    baseUrl: config.target.baseUrl, credentials: config.credentials, timeoutMs: config.timeoutMs,
    rate: config.rate || undefined, budget: config.budget, retryAfterCapMs: config.retryAfterCapMs, stop: stop.signal,
    onWait: (w) => log(`waiting ${Math.round(w.ms / 100) / 10} s before retrying${w.label ? ` "${w.label}"` : ""}: ${w.why}`),
  });
  const review = opts.reviewExchange ?? ((e: Exchange) => e);
  // A request that takes long (a slow or hung target, a Retry-After) is said while it lasts.
  const send: Send = async (path, getOptions) => {
    const started = Date.now();
    const ticker = setInterval(() => log(`still waiting on "${getOptions.label ?? path}" after ${Math.round((Date.now() - started) / 1000)} s (--timeout ${config.timeoutMs / 1000} s a request${config.maxTimeMs ? `, --max-time ${config.maxTimeMs / 1000} s the run` : ""})`), PROGRESS_EVERY_MS);
    ticker.unref();
    try {
      return review(await client.get(path, getOptions));
    } finally {
      clearInterval(ticker);
    }
  };
  const validator = responseValidator();
  let discoveryExchange: Exchange | undefined;
  const finish = async (outcomes: Map<string, CheckOutcome>, results: ProbeResult[], error?: string, interrupted?: Interruption): Promise<RunResult> => {
    clearTimeout(deadline);
    opts.signal?.removeEventListener("abort", onOuterStop);
    let report = buildReport({
      config, spec: { operationId: validator.operationId, sha256: validator.specSha256 }, startedAt, finishedAt: new Date(),
      requests: client.requestsSent, outcomes, error, interrupted,
      unanswered: unansweredByKind([discoveryExchange, ...results.map((r) => r.exchange)]),
    });
    if (opts.amendReport) report = opts.amendReport(report);
    if (opts.writeReports !== false) await writeReports(report, config.outDir);
    return { report, exitCode: EXIT_CODES[report.verdict], exchanges: client.exchanges, results };
  };
  /** The report of a run stopped part way: the checks judged on what came back, the rest errored as not sent. */
  const finishStopped = (results: ProbeResult[], planned: number, certificateIds: string[]) => {
    const reason = stop.signal.reason;
    const by = reason instanceof RunStop ? reason.by : "SIGINT";
    const sent = results.filter((r) => r.exchange.attempts > 0).length;
    const message = `${(reason as Error)?.message ?? "stopped"} after ${sent} of ${planned} probes; the report holds what was judged so far`;
    const outcomes = evaluateInProcess({ zoneId: config.zoneId, certificateIds, schemes: config.schemes, results });
    // No evidence because the run stopped is not "nothing to check": it was not judged.
    for (const [id, o] of outcomes) {
      if (o.status === "skipped" && o.reason === NOTHING_TO_CHECK) outcomes.set(id, { ...o, status: "errored", reason: `not judged: ${(reason as Error)?.message ?? "the run stopped"} before its evidence came` });
    }
    return finish(outcomes, results, message, { by, probesPlanned: planned, probesSent: sent });
  };

  let certificateIds = config.certificateIds;
  if (!certificateIds.length) {
    log(`discovering certificates of zone ${config.zoneId} (GET ${config.target.baseUrl}/zones/${config.zoneId}/client_certificates)`);
    const discovery = await discoverCertificates(send, config.zoneId, config.schemes);
    discoveryExchange = discovery.exchange;
    if (stop.signal.aborted) return finishStopped([], 0, []);
    if (discovery.exchange?.error && discovery.exchange.error.kind !== "not-recorded") {
      return finish(new Map(), [], `target unreachable at ${config.target.baseUrl}: ${causeOf(discovery.exchange)}; check --target and that the server is up`);
    }
    if (discovery.problem) return finish(new Map(), [], discovery.problem);
    certificateIds = discovery.certificateIds;
    log(`found ${certificateIds.length} certificate(s): ${certificateIds.join(", ")}`);
  }

  const probes = planProbes({
    zoneId: config.zoneId, certificateIds, schemes: config.schemes, seed: config.seed, budget: config.budget - client.requestsSent,
    malformedIdentifiers: opts.malformedIdentifiers ?? malformedSamples(config.seed),
  });
  log(`sending ${probes.length} requests (seed ${config.seed}, budget ${config.budget}${config.rate ? `, at most ${config.rate}/s` : ""}${config.maxTimeMs ? `, within ${config.maxTimeMs / 1000} s` : ""})`);

  let silentInARow = 0;
  const results = await executeProbes(send, probes, (done, total, r) => {
    const { error, response } = r.exchange;
    silentInARow = error && SILENT_KINDS.has(error.kind) ? silentInARow + 1 : 0;
    if (r.exchange.attempts === 0 && error?.kind === "stopped") return; // the stop said it once
    log(`[${done}/${total}] ${r.probe.label} -> ${error ? `${error.kind}: ${error.message}` : response!.status}`);
  }, () => silentInARow >= GIVE_UP_AFTER, stop.signal);
  if (stop.signal.aborted) return finishStopped(results, probes.length, certificateIds);
  if (silentInARow >= GIVE_UP_AFTER && results.every((r) => r.exchange.error)) {
    const lastSent = [...results].reverse().find((r) => r.exchange.attempts > 0)?.exchange;
    return finish(new Map(), results, `target unreachable at ${config.target.baseUrl}: ${GIVE_UP_AFTER} requests in a row got no answer (${causeOf(lastSent)}); check --target and that the server is up`);
  }

  const context: CheckContext = { zoneId: config.zoneId, certificateIds, schemes: config.schemes, results };
  let outcomes: Map<string, CheckOutcome>;
  if (opts.evaluator === "in-process") {
    outcomes = evaluateInProcess(context);
  } else {
    const { runSuites } = await import("./vitest-driver.ts");
    const run = await runSuites(context, { stop: stop.signal });
    if (stop.signal.aborted) return finishStopped(results, probes.length, certificateIds);
    if (run.problems.length) return finish(run.outcomes, results, `the suites did not run: ${run.problems[0]}`);
    outcomes = run.outcomes;
  }
  return finish(outcomes, results);
}
