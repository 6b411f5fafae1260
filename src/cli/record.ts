import { runConfigFrom } from "../run/config.ts";
import { SUITE_NAME, SUITE_VERSION } from "../run/build-report.ts";
import { madeUpIdentifier } from "../run/probes.ts";
import { runConformance } from "../run/run-conformance.ts";
import { CassetteError, writeCassette, type WriteCassetteOptions } from "../targets/cassette.ts";
import { writeHar } from "../targets/har.ts";
import { parseCommandFlags } from "./flags.ts";
import { printSummary } from "./run.ts";
import { loadSpecOrExplain } from "./spec-flags.ts";
import { onStopSignals } from "./stop-signals.ts";
import { printLine } from "./terminal-text.ts";
import { UsageError } from "./usage-error.ts";

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
  const signals = onStopSignals();
  try {
    return await recordWith(argv, signals.signal);
  } finally {
    signals.dispose();
  }
}

async function recordWith(argv: string[], signal: AbortSignal): Promise<number> {
  const { values } = parseCommandFlags("record", argv);
  const dir = values.cassette;
  if (!dir) throw new UsageError("--cassette DIR is required: where to write the recording (a directory, or FILE.har with --format har)");
  const format = recordingFormat(dir, values.format);
  if (!values.target || values.target === "recorded") throw new UsageError("record needs a target to record from: --target live or --target URL");
  const config = runConfigFrom({ ...values, cassette: undefined }, process.env);
  await loadSpecOrExplain(config.spec);
  const log = config.quiet ? undefined : (line: string) => printLine(process.stderr, line);
  const { report, exitCode, exchanges } = await runConformance(config, { log, signal });
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
    exchanges, credentials: config.credentials, anonymize,
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
