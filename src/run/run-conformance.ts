import { setMaxListeners } from "node:events";
import type { Interruption, LeftOut, Report } from "../../reports/model.ts";
import { writeReports } from "../../reports/write-reports.ts";
import type { CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import { ConformanceClient, type Exchange } from "../http/index.ts";
import { documentsRead } from "../schema/load-document.ts";
import { loadOperationSpec, type SpecRequest } from "../schema/operation-spec.ts";
import { buildReport, EXIT_CODES } from "./build-report.ts";
import type { ChecksInFlight } from "./checks-in-thread.ts";
import type { RunConfig } from "./config.ts";
import { evaluateChecks, loadChecks } from "./evaluate-checks.ts";
import { removeStaleEvidenceFolders } from "./stale-evidence-folders.ts";
import { answerOf, controlProbe, discoverCertificates, discoverOtherZone, serverSpoke, type ProbeResult, type Send } from "./execute.ts";
import { planFuzz } from "./fuzz.ts";
import { clientTls, networkSecrets } from "./network-config.ts";
import { ProbeRunner } from "./probe-runner.ts";
import { madeUpIdentifier, primaryScheme, type Probe } from "./probes.ts";
import { listProbe, planRun, wantsSecondZone } from "./run-plan.ts";
import { isSelective, markSelection, selectedIds, selectOutcomes } from "./selection.ts";

/**
 * How many reads the burst sends: at most `max`; where the answers so far publish their quota
 * (`RateLimit-Policy: "default";q=50;w=1`), twice the quota (the window may roll over while the
 * burst is in flight), within `max`; none when even the quota and a fifth more is beyond `max`
 * (the burst could not reach it).
 */
export function burstSize(max: number, results: readonly ProbeResult[]): number {
  if (max <= 0) return 0;
  const policy = results.map((r) => r.exchange.response?.headers["ratelimit-policy"]).find((v) => v !== undefined);
  const q = policy ? /(?:^|;)\s*q=(\d+)/.exec(policy)?.[1] : undefined;
  if (q === undefined) return max;
  const least = Math.ceil(Number(q) * 1.2) + 5;
  return least <= max ? Math.min(max, 2 * Number(q) + 5) : 0;
}

export interface RunOptions {
  /**
   * Where the checks run: "thread" (the CLI: a thread of their own loads them while the probes are
   * sent; compiled code only) or "in-process" (the library, the tests: the same checks, after the
   * probes, no thread). Default: "thread" in compiled code, "in-process" from the sources.
   */
  evaluator?: "thread" | "in-process";
  /** The thread the checks get ready in, started by the caller (`startChecks`: the CLI starts it first thing); else the run starts it per `evaluator`. */
  checks?: ChecksInFlight;
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

/** How often a request that has not ended yet is said to be still waiting. */
const PROGRESS_EVERY_MS = 5_000;

/** Requests without a usable answer, counted by kind of failure. */
function unansweredByKind(exchanges: (Exchange | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of exchanges) if (e?.error) counts[e.error.kind] = (counts[e.error.kind] ?? 0) + 1;
  return counts;
}

/**
 * Why the run's evidence is incomplete: requests its recording lacks, and probes the budget left out
 * or did not let go out. A requirement with nothing to check is then skipped for want of evidence,
 * not as not applicable (build-report.ts).
 */
function evidenceGaps(exchanges: (Exchange | undefined)[], leftOut: LeftOut[]): string[] {
  const sent = exchanges.filter((e): e is Exchange => e !== undefined);
  const notRecorded = sent.filter((e) => e.error?.kind === "not-recorded").length;
  const notSent = sent.filter((e) => e.error?.kind === "budget" && e.attempts === 0).length;
  return [
    ...(notRecorded ? [`${notRecorded} of ${sent.length} requests not recorded in the cassette`] : []),
    ...(leftOut.length ? [`${leftOut.length} probe${leftOut.length === 1 ? "" : "s"} left out by --budget`] : []),
    ...(notSent ? [`${notSent} request${notSent === 1 ? "" : "s"} not sent for lack of budget`] : []),
  ];
}

/** The fix to suggest for an unreachable target: a TLS failure says its own (trust the CA); anything else, the target and the server. */
const whatToCheck = (exchanges: (Exchange | undefined)[]) => (exchanges.some((e) => e?.error?.kind === "tls") ? "" : "; check --target and that the server is up");

/** `timeout: timed out after 500 ms...`: an unanswered exchange's cause, kind first. */
const causeOf = (e: Exchange | undefined) => (e?.error ? `${e.error.kind}: ${e.error.message}` : "no answer");

/** Running compiled JavaScript (the package's dist/, or bin/'s build of a clone), not the TypeScript sources. */
const COMPILED = import.meta.url.endsWith(".js");

/**
 * Starts the thread a run's checks get ready in, when `evaluator` (default: the thread in compiled
 * code) says so: the earlier, the more of its loading is done by the time the evidence comes.
 */
export async function startChecks(spec: SpecRequest | undefined, evaluator?: RunOptions["evaluator"]): Promise<ChecksInFlight | undefined> {
  if ((evaluator ?? (COMPILED ? "thread" : "in-process")) !== "thread") return undefined;
  // Where earlier versions' CLI runs made an evidence folder: one a killed run left goes (CONTRACT.md).
  removeStaleEvidenceFolders();
  return (await import("./checks-in-thread.ts")).startChecksInThread(spec);
}

/**
 * One conformance run: discover (when no certificate is given), plan the probes from the seed
 * within the budget (every family once before any second sample), send them through the one
 * client with control reads where answers go missing, fuzz the identifiers with what is left,
 * check the evidence, build the report. Only a target that answers nothing is down (verdict
 * `error`); one that fails some requests while answering others is failing. A signal or the
 * `--max-time` deadline stops it with a partial report (verdict `error`).
 */
export async function runConformance(config: RunConfig, opts: RunOptions = {}): Promise<RunResult> {
  const log = opts.log ?? (() => undefined);
  const startedAt = new Date();
  // One stop for the run: the caller's signal (SIGINT/SIGTERM) or the --max-time deadline.
  const stop = new AbortController();
  // Every request in flight listens to it (a burst sends many at once).
  setMaxListeners(1_000, stop.signal);
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
  const stoppedBy = () => (stop.signal.aborted ? (stop.signal.reason as Error)?.message ?? "the run was stopped" : undefined);

  const secrets = networkSecrets(config);
  const tls = clientTls(config.tls);
  if (config.tls?.insecure) log("--insecure: the target's TLS certificate is not verified");
  const client = new ConformanceClient({
    baseUrl: config.target.baseUrl, credentials: secrets.length ? { ...config.credentials, extraSecrets: secrets } : config.credentials, timeoutMs: config.timeoutMs,
    ...(config.proxy ? { proxy: config.proxy } : {}), ...(config.proxyEnv ? { env: config.proxyEnv } : {}), ...(tls ? { tls } : {}), ...(config.headers ? { headers: config.headers } : {}),
    rate: config.rate || undefined, budget: config.budget, retryAfterCapMs: config.retryAfterCapMs, stop: stop.signal, replay: config.target.kind === "recorded",
    // Live is read with GET alone, whatever a plan asks.
    getOnly: config.target.kind === "live",
    ...(opts.retryBackoffMs !== undefined ? { retryBackoffMs: opts.retryBackoffMs } : {}),
    onWait: (w) => log(`waiting ${Math.round(w.ms / 100) / 10} s before retrying${w.label ? ` "${w.label}"` : ""}: ${w.why}`),
  });
  const review = opts.reviewExchange ?? ((e: Exchange) => e);
  // A request that takes long (a slow or hung target, a Retry-After) is said while it lasts.
  const send: Send = async (path, getOptions) => {
    const started = Date.now();
    const ticker = setInterval(() => log(`still waiting on "${getOptions.label ?? path}" after ${Math.round((Date.now() - started) / 1000)} s (--timeout ${config.timeoutMs / 1000} s a request${config.maxTimeMs ? `, --max-time ${config.maxTimeMs / 1000} s the run` : ""})`), PROGRESS_EVERY_MS);
    ticker.unref();
    try {
      const exchange = review(await client.get(path, getOptions));
      checks?.observe(exchange);
      return exchange;
    } finally {
      clearInterval(ticker);
    }
  };
  const spec = loadOperationSpec(config.spec);
  // The checks get ready now, in a thread of their own, while the probes are sent (checks-in-thread.ts).
  const checks = opts.checks ?? (await startChecks(config.spec, opts.evaluator));
  // The document as this thread read it (`spec` above): the checks' thread reads no file of the user's.
  if (config.spec.path) checks?.share(documentsRead());
  const leftOut: LeftOut[] = [];
  let judging = false;
  let discoveryExchange: Exchange | undefined;
  /** The zone's list, read before and after the probes (another operation: STATUS-TRANSITIONS reads what it says of the certificates). */
  const lists: ProbeResult[] = [];
  /** The operation's path asked with other methods (OPTIONS, TRACE; never live): judged by the requirements about methods alone. */
  const methods: ProbeResult[] = [];
  /** Planned probes not sent because they feed only requirements `--include` / `--exclude` left out. */
  let probesNotSelected = 0;
  const finish = async (outcomes: Map<string, CheckOutcome>, results: ProbeResult[], error?: string, interrupted?: Interruption): Promise<RunResult> => {
    if (checks && !judging) checks.abandon();
    clearTimeout(deadline);
    opts.signal?.removeEventListener("abort", onOuterStop);
    const selection = isSelective(config) ? { include: config.include, exclude: config.exclude } : undefined;
    let report = buildReport({
      config, spec, startedAt, finishedAt: new Date(), requests: client.requestsSent, outcomes: selection ? selectOutcomes(outcomes, selection) : outcomes, error, interrupted, leftOut,
      unanswered: unansweredByKind([discoveryExchange, ...results.map((r) => r.exchange)]),
      evidenceGaps: evidenceGaps([discoveryExchange, ...results.map((r) => r.exchange)], leftOut),
    });
    if (selection) report = markSelection(report, selection, probesNotSelected);
    if (opts.amendReport) report = opts.amendReport(report);
    if (opts.writeReports !== false) await writeReports(report, config.outDir);
    return { report, exitCode: EXIT_CODES[report.verdict], exchanges: client.exchanges, results };
  };
  /** The report of a run stopped part way: the checks judged on what came back, the rest errored as not judged. */
  const finishStopped = async (results: ProbeResult[], planned: number, certificateIds: string[]) => {
    const reason = stop.signal.reason;
    const by = reason instanceof RunStop ? reason.by : "SIGINT";
    const sent = results.filter((r) => r.exchange.attempts > 0).length;
    const message = `${(reason as Error)?.message ?? "stopped"} after ${sent} of ${planned} probes; the report holds what was judged so far`;
    const outcomes = await evaluateChecks({ zoneId: config.zoneId, certificateIds, schemes: config.schemes, results, lists, methods, spec: config.spec });
    // No evidence because the run stopped is not "nothing to check": it was not judged.
    for (const [id, o] of outcomes) {
      if (o.status === "skipped" && o.skip === "nothing-to-check") outcomes.set(id, { ...o, status: "errored", reason: `not judged: ${(reason as Error)?.message ?? "the run stopped"} before its evidence came` });
    }
    return finish(outcomes, results, message, { by, probesPlanned: planned, probesSent: sent });
  };

  let certificateIds = config.certificateIds;
  if (!certificateIds.length) {
    log(`discovering certificates of zone ${config.zoneId} (GET ${config.target.baseUrl}/zones/${config.zoneId}/client_certificates)`);
    const discovery = await discoverCertificates(send, config.zoneId, config.schemes);
    discoveryExchange = discovery.exchange;
    if (discovery.exchange) lists.push({ probe: listProbe(config.zoneId, "before"), exchange: discovery.exchange });
    if (stop.signal.aborted) return finishStopped([], 0, []);
    if (discovery.exchange?.error && discovery.exchange.error.kind !== "not-recorded" && !serverSpoke(discovery.exchange)) {
      return finish(new Map(), [], `target unreachable at ${config.target.baseUrl}: ${causeOf(discovery.exchange)}${whatToCheck([discovery.exchange])}`);
    }
    if (discovery.problem) return finish(new Map(), [], discovery.problem);
    certificateIds = discovery.certificateIds;
    log(`found ${certificateIds.length} certificate(s): ${certificateIds.join(", ")}`);
  }

  const primary = primaryScheme(spec, config.schemes);
  // A selection keeps the probes that feed it: what each feeds is measured with the checks.
  const checksToPlan = isSelective(config) ? await loadChecks() : undefined;
  // With a selection, a second zone is looked for only when its probes feed a selected requirement.
  const otherZone = primary && certificateIds.length && wantsSecondZone({ config, spec, certificateIds, ...(checksToPlan ? { checks: checksToPlan } : {}) }) ? await discoverOtherZone(send, config.zoneId, primary, config.otherZoneId) : undefined;
  if (otherZone) log(`second zone ${otherZone.zoneId}${otherZone.certificateIds.length ? ` with ${otherZone.certificateIds.length} certificate(s)` : ""}: its certificates and this zone's are read across zones`);
  const plan = planRun({ config, spec, certificateIds, requestsSent: client.requestsSent, ...(checksToPlan ? { checks: checksToPlan } : {}), ...(otherZone ? { otherZone } : {}) });
  const { planned } = plan;
  checks?.warm({
    specRequest: config.spec, zoneId: config.zoneId, certificateIds, schemes: config.schemes, probes: planned, methods: plan.methods.probes,
    lists: primary ? [listProbe(config.zoneId, "before", primary), listProbe(config.zoneId, "after", primary)] : [],
  });
  const { runs: fuzzRuns, shrinks } = plan.fuzz;
  leftOut.push(...plan.leftOut);
  probesNotSelected = plan.notSelected.length;
  if (isSelective(config)) log(`judging ${selectedIds(config).size} selected requirements; ${plan.notSelected.length} probes feed none of them and are not sent`);
  log(`sending ${planned.length} requests${fuzzRuns ? ` and up to ${fuzzRuns + shrinks} fuzzing identifiers` : ""} (seed ${config.seed}, budget ${config.budget}${config.rate ? `, at most ${config.rate}/s` : ""}${config.maxTimeMs ? `, within ${config.maxTimeMs / 1000} s` : ""})${plan.probesLeftOut ? `; ${plan.probesLeftOut} probes left out for lack of budget` : ""}`);

  const scheme = primaryScheme(spec, config.schemes);
  const firstRead = planned.find((p) => p.kind === "read" && !p.repeat && p.scheme === scheme);
  let done = 0;
  const total = planned.length + fuzzRuns;
  const runner = new ProbeRunner(send, {
    control: controlProbe(firstRead),
    stopped: stoppedBy,
    concurrency: config.concurrency,
    onProgress: ({ probe, exchange }) => {
      const { error, response } = exchange;
      if (exchange.attempts === 0 && error?.kind === "stopped" && stop.signal.aborted) return; // the stop said it once
      log(`[${probe.kind === "control" ? "control" : `${++done}/${total}`}] ${probe.label} -> ${error ? `${error.kind}: ${error.message}` : response!.status}`);
    },
  });
  runner.planned(planned);
  const fuzzing = await planFuzz({
    spec, zoneId: config.zoneId, certificateId: certificateIds[0] ?? madeUpIdentifier(config.seed, "certificate"),
    auth: scheme ?? "none", seed: config.seed, runs: fuzzRuns, shrinks,
  });
  // The fixed probes and the fuzzing runs, as many at once as --concurrency allows; then shrinking, a step at a time.
  const sent = await runner.runAll([...planned, ...fuzzing.probes]);
  const fuzzed = await fuzzing.judge(runner, sent.slice(planned.length));
  if (fuzzed.counterexample) log(`smallest wrongly answered ${fuzzed.counterexample.position} identifier after ${fuzzed.counterexample.shrinks} shrink step(s): ${JSON.stringify(fuzzed.counterexample.value)}`);
  await runner.finish();
  const results = runner.results;
  // The operation's path asked with the other safe methods (not live), before the burst turns requests away: what it allows, whether TRACE is served.
  for (const probe of plan.methods.probes) {
    if (stop.signal.aborted || runner.down) break;
    if (client.budgetRemaining < 2) {
      leftOut.push({ kind: probe.kind, label: probe.label });
      continue;
    }
    methods.push({ probe, exchange: await send(probe.path, { method: probe.method!, label: probe.label }) });
  }
  // A burst of reads at once, past the rate limit: how the target turns away a client over its rate (its 429s are judged).
  const firstPlainRead = planned.find((p) => p.kind === "read" && !p.variant && !p.repeat && p.scheme === scheme);
  // Sized to the limit the target publishes (RateLimit-Policy q, Cloudflare's draft fields) where it fits --burst: just past it.
  const quota = plan.burst.send ? burstSize(config.burst ?? 0, results) : 0;
  if (quota > 0 && firstPlainRead && !stop.signal.aborted && !runner.down) {
    const burst = Array.from({ length: Math.max(0, Math.min(quota, client.budgetRemaining - 1)) }, (_, i): Probe => ({
      ...firstPlainRead, key: `read:burst:${i}`, variant: "burst", priority: 2, label: `${firstPlainRead.label}, read ${i + 1} of a burst of ${quota} at once`,
    }));
    const burstStarted = Date.now();
    const exchanges = await Promise.all(burst.map((p) => send(p.path, { auth: p.auth, label: p.label, burst: true })));
    burst.forEach((probe, i) => results.push({ probe, exchange: exchanges[i]! }));
    log(`burst of ${burst.length} reads at once: ${exchanges.filter((e) => e.response?.status === 429).length} answered 429, in ${Date.now() - burstStarted} ms`);
  }
  // The list again, after everything: a certificate's status must not have gone back since (STATUS-TRANSITIONS).
  if (scheme && plan.listAfter.send && !stop.signal.aborted && !runner.down) {
    const after = listProbe(config.zoneId, "after", scheme);
    lists.push({ probe: after, exchange: await send(after.path, { auth: scheme, label: after.label }) });
  }
  if (stop.signal.aborted) return finishStopped(results, total, certificateIds);
  if (runner.down && !runner.anyAnswered) {
    return finish(new Map(), results, `target unreachable at ${config.target.baseUrl}: ${runner.down}${whatToCheck(results.map((r) => r.exchange))}`);
  }

  const context: CheckContext = { zoneId: config.zoneId, certificateIds, schemes: config.schemes, results, lists, ...(plan.methods.probes.length ? { methods } : {}), spec: config.spec };
  let outcomes: Map<string, CheckOutcome>;
  if (!checks) {
    outcomes = await evaluateChecks(context);
  } else {
    judging = true;
    // A stop while the thread judges ends it: the stopped run's report is judged here (finishStopped).
    const stopped = new Promise<"stopped">((resolve) => stop.signal.addEventListener("abort", () => resolve("stopped"), { once: true }));
    const judged = await Promise.race([checks.judge(context).catch((e: Error) => e), stopped]);
    if (judged === "stopped" || stop.signal.aborted) {
      checks.abandon();
      return finishStopped(results, total, certificateIds);
    }
    if (judged instanceof Error) return finish(new Map(), results, `the checks did not run: ${judged.message}`);
    outcomes = judged;
  }
  const stopped = runner.down ? `the target stopped answering after ${results.filter((r) => answerOf(r.exchange) === "answered").length} answered requests (${runner.down}); the rest were not sent` : undefined;
  return finish(outcomes, results, stopped);
}
