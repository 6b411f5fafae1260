import { claimOutputDir, claimOutputFile, type OutputClaim } from "../io/output-claim.ts";
import { UsageError } from "../io/usage-error.ts";
import { runConfigFrom, type RunConfig } from "../run/config.ts";
import { SUITE_NAME, SUITE_VERSION } from "../run/build-report.ts";
import { madeUpIdentifier } from "../run/probes.ts";
import { RunStop, runConformance } from "../run/run-conformance.ts";
import { loadSpecOrExplain } from "../schema/load-spec.ts";
import { CassetteError, writeCassette, type WriteCassetteOptions } from "../targets/cassette.ts";
import { writeHar } from "../targets/har.ts";
import { networkSecrets } from "../run/network-config.ts";
import { parseCommandFlags, type FlagValues } from "./flags.ts";
import { errorLine, stoppedWhileLoading, writeErrorReport, writeStartReport } from "./start-report.ts";
import { onStopSignals, type RunStopper } from "./stop-signals.ts";
import { printSummary } from "./summary.ts";
import { printLine } from "./terminal-text.ts";

/** `--format`, or what `--cassette` names: a path ending in `.har` is a HAR file, anything else a cassette directory. */
export function recordingFormat(cassette: string, format: string | undefined): "cassette" | "har" {
  const chosen = format ?? (cassette.toLowerCase().endsWith(".har") ? "har" : "cassette");
  if (chosen !== "cassette" && chosen !== "har") throw new UsageError(`--format must be cassette or har (got ${JSON.stringify(chosen)})`);
  return chosen;
}

/**
 * `record --cassette DIR|FILE.har [--format cassette|har] [run flags] [--anonymize] [--source TEXT]`:
 * a run that also saves every exchange, redacted, as a cassette directory or one HAR file.
 */
export default async function record(argv: string[]): Promise<number> {
  // Listening from the start: a signal at any point of the recording stops it with a report.
  const stopper = onStopSignals();
  try {
    return await recordWith(argv, stopper);
  } finally {
    stopper.dispose();
  }
}

async function recordWith(argv: string[], stopper: RunStopper): Promise<number> {
  const startedAt = new Date();
  const { values } = parseCommandFlags("record", argv);
  const dir = values.cassette;
  if (!dir) throw new UsageError("--cassette DIR is required: where to write the recording (a directory, or FILE.har with --format har)");
  const format = recordingFormat(dir, values.format);
  if (!values.target || values.target === "recorded") throw new UsageError("record needs a target to record from: --target live or --target URL");
  let config: RunConfig;
  try {
    config = runConfigFrom({ ...values, cassette: undefined }, process.env);
  } catch (e) {
    if (e instanceof UsageError) await writeErrorReport({ ...values, cassette: undefined }, e.message, stopper.signal);
    throw e;
  }
  stopper.startDeadline(config.maxTimeMs ?? 0);
  // Both outputs made and proved writable (and claimed against another run) before anything is sent.
  const claims: OutputClaim[] = [];
  try {
    claims.push(claimOutputDir(config.outDir, "--out"));
    claims.push(format === "har" ? claimOutputFile(dir, "--cassette") : claimOutputDir(dir, "--cassette"));
    return await recordClaimed(config, { ...values, dir, format }, stopper.signal, startedAt);
  } finally {
    for (const claim of claims) claim.release();
  }
}

async function recordClaimed(config: RunConfig, values: FlagValues<"record"> & { dir: string; format: "cassette" | "har" }, signal: AbortSignal, startedAt: Date): Promise<number> {
  const { dir, format } = values;
  const log = config.quiet ? undefined : (line: string) => printLine(process.stderr, line);
  let spec;
  try {
    spec = await loadSpecOrExplain(config.spec, "--spec", signal);
  } catch (e) {
    if (e instanceof RunStop && signal.aborted) return (await stoppedWhileLoading(config, undefined, startedAt, e, "reading the OpenAPI document (--spec)", log)).exitCode;
    await writeStartReport(config, undefined, startedAt, { error: errorLine(e) });
    throw e;
  }
  let run;
  try {
    run = await runConformance(config, { log, signal });
  } catch (e) {
    await writeStartReport(config, spec, startedAt, { error: errorLine(e) });
    throw e;
  }
  const { report, exitCode, exchanges } = run;
  printSummary(report);
  if (report.interrupted) {
    // A cassette of part of a run would replay the rest as "not recorded": better none than a misleading one.
    printLine(process.stderr, `record: the run was stopped before its end; no cassette written to ${dir}; reports in ${config.outDir}`);
    return exitCode;
  }
  const anonymize = values.anonymize ? new Map([[config.zoneId, madeUpIdentifier(0, "anonymized-zone")]]) : undefined;
  const recording: WriteCassetteOptions = {
    manifest: {
      suite: { name: SUITE_NAME, version: SUITE_VERSION }, spec: report.suite.spec, seed: config.seed,
      target: { kind: config.target.kind === "live" ? "live" : "url", baseUrl: config.target.baseUrl },
      source: values.source ?? (config.target.kind === "live" ? "live Cloudflare" : config.target.baseUrl),
      recordedAt: report.finishedAt, zoneId: config.zoneId, certificateIds: config.certificateIds,
      schemes: config.schemes, budget: config.budget, ...(config.burst ? { burst: config.burst } : {}),
    },
    // The --header values and a proxy's password are secrets too: redacted again, and checked for, in what is written.
    exchanges, credentials: { ...config.credentials, extraSecrets: networkSecrets(config) }, anonymize,
  };
  let manifest;
  try {
    manifest = format === "har" ? writeHar(dir, recording) : writeCassette(dir, recording);
  } catch (e) {
    if (e instanceof CassetteError) throw new UsageError(`${e.message}; nothing written to ${dir} (reports in ${config.outDir})`);
    throw e;
  }
  console.log(`${report.verdict.toUpperCase()}: recorded ${manifest.exchanges} exchanges to ${dir}${format === "har" ? " (HAR 1.2)" : ""} (seed ${config.seed}); reports in ${config.outDir}`);
  return exitCode;
}
