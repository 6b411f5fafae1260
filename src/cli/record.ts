import { runConfigFrom } from "../run/config.ts";
import { SUITE_NAME, SUITE_VERSION } from "../run/build-report.ts";
import { madeUpIdentifier } from "../run/probes.ts";
import { runConformance } from "../run/run-conformance.ts";
import { CassetteError, writeCassette } from "../targets/cassette.ts";
import { parseCommandFlags } from "./flags.ts";
import { printSummary } from "./run.ts";
import { onStopSignals } from "./stop-signals.ts";
import { printLine } from "./terminal-text.ts";
import { UsageError } from "./usage-error.ts";

/** `record --cassette DIR [run flags] [--anonymize] [--source TEXT]`: a run that also saves every exchange, redacted. */
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
  if (!dir) throw new UsageError("--cassette DIR is required: where to write the cassette");
  if (!values.target || values.target === "recorded") throw new UsageError("record needs a target to record from: --target live or --target URL");
  const config = runConfigFrom({ ...values, cassette: undefined }, process.env);
  const log = config.quiet ? undefined : (line: string) => printLine(process.stderr, line);
  const { report, exitCode, exchanges } = await runConformance(config, { log, signal });
  printSummary(report);
  if (report.interrupted) {
    // A cassette of part of a run would replay the rest as "not recorded": better none than a misleading one.
    printLine(process.stderr, `record: the run was stopped before its end; no cassette written to ${dir}; reports in ${config.outDir}`);
    return exitCode;
  }
  const anonymize = values.anonymize ? new Map([[config.zoneId, madeUpIdentifier(0, "anonymized-zone")]]) : undefined;
  let manifest;
  try {
    manifest = writeCassette(dir, {
      manifest: {
        suite: { name: SUITE_NAME, version: SUITE_VERSION }, spec: report.suite.spec, seed: config.seed,
        target: { kind: config.target.kind === "live" ? "live" : "url", baseUrl: config.target.baseUrl },
        source: values.source ?? (config.target.kind === "live" ? "live Cloudflare" : config.target.baseUrl),
        recordedAt: report.finishedAt, zoneId: config.zoneId, certificateIds: config.certificateIds,
        schemes: config.schemes, budget: config.budget,
      },
      exchanges, credentials: config.credentials, anonymize,
    });
  } catch (e) {
    if (e instanceof CassetteError) throw new UsageError(`${e.message}; nothing written to ${dir} (reports in ${config.outDir})`);
    throw e;
  }
  console.log(`${report.verdict.toUpperCase()}: recorded ${manifest.exchanges} exchanges to ${dir} (seed ${config.seed}); reports in ${config.outDir}`);
  return exitCode;
}
