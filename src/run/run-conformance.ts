import type { Report } from "../../reports/model.ts";
import { writeReports } from "../../reports/write-reports.ts";
import { evaluateCheck, type CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import { ALL_CHECKS } from "../../suites/index.ts";
import { ConformanceClient, type Exchange } from "../http/index.ts";
import { loadOperationSpec } from "../schema/operation-spec.ts";
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
}

export interface RunResult {
  report: Report;
  exitCode: number;
  exchanges: Exchange[];
  results: ProbeResult[];
}

/** After this many requests in a row without an answer, the target is taken to be down or hung: nothing more is sent. */
const GIVE_UP_AFTER = 3;

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
  const client = new ConformanceClient({
    baseUrl: config.target.baseUrl, credentials: config.credentials, timeoutMs: config.timeoutMs,
    rate: config.rate || undefined, budget: config.budget,
  });
  const review = opts.reviewExchange ?? ((e: Exchange) => e);
  const send: Send = async (path, getOptions) => review(await client.get(path, getOptions));
  const spec = loadOperationSpec(config.spec);
  const finish = async (outcomes: Map<string, CheckOutcome>, results: ProbeResult[], error?: string): Promise<RunResult> => {
    let report = buildReport({
      config, spec, startedAt, finishedAt: new Date(),
      requests: client.requestsSent, outcomes, error,
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

  const probes = planProbes({
    spec, zoneId: config.zoneId, certificateIds, schemes: config.schemes, seed: config.seed, budget: config.budget - client.requestsSent,
    malformedIdentifiers: opts.malformedIdentifiers ?? malformedSamples(config.seed),
  });
  log(`sending ${probes.length} requests (seed ${config.seed}, budget ${config.budget}${config.rate ? `, at most ${config.rate}/s` : ""})`);

  let silentInARow = 0;
  const results = await executeProbes(send, probes, (done, total, r) => {
    const { error, response } = r.exchange;
    silentInARow = error && (error.kind === "timeout" || error.kind === "network") ? silentInARow + 1 : 0;
    log(`[${done}/${total}] ${r.probe.label} -> ${error ? `${error.kind}: ${error.message}` : response!.status}`);
  }, () => silentInARow >= GIVE_UP_AFTER);
  if (silentInARow >= GIVE_UP_AFTER && results.every((r) => r.exchange.error)) {
    const last = results[results.length - 1]?.exchange.error;
    return finish(new Map(), results, `target unreachable at ${config.target.baseUrl}: ${last?.message ?? "no answer"}; check --target and that the server is up`);
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
  return finish(outcomes, results);
}
