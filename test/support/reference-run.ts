import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configuredSchemes } from "../../src/http/index.ts";
import type { RunConfig } from "../../src/run/config.ts";
import { runConformance, type RunOptions, type RunResult } from "../../src/run/run-conformance.ts";
import { startReferenceServer } from "../../src/reference/index.ts";

export const MATRIX_SEED = 20261127;

/**
 * How long a fault's run waits for each answer: short for the faults that leave requests unanswered
 * (their every hang costs it), generous for the rest, so a busy machine's slow answer is never judged unanswered.
 */
export function faultTimeoutMs(fault: { trips: readonly string[]; incidental?: readonly string[]; expect?: string }): number {
  const leavesUnanswered = fault.expect === "errored" || [...fault.trips, ...(fault.incidental ?? [])].includes("HTTP-EVERY-REQUEST-ANSWERED");
  return leavesUnanswered ? 400 : 5_000;
}

/** Starts the reference (optionally with faults), runs the suite against it in-process, stops it. */
export async function runAgainstReference(faults: string[] = [], opts: RunOptions & { include?: string[]; exclude?: string[]; level?: RunConfig["gatingLevel"]; timeoutMs?: number; seed?: number; spec?: RunConfig["spec"]; budget?: number; kind?: RunConfig["target"]["kind"]; certificateCount?: number; concurrency?: number } = {}): Promise<RunResult> {
  const server = await startReferenceServer({ port: 0, faults, rate: 1_000_000, seed: 7, ...(opts.certificateCount ? { certificateCount: opts.certificateCount } : {}) });
  try {
    const config: RunConfig = {
      target: { kind: opts.kind ?? "url", baseUrl: server.baseUrl }, spec: opts.spec ?? {}, zoneId: server.zoneId, certificateIds: [],
      credentials: server.credentials, schemes: configuredSchemes(server.credentials),
      outDir: mkdtempSync(join(tmpdir(), "conformance-")), gatingLevel: opts.level ?? "may", seed: opts.seed ?? MATRIX_SEED,
      budget: opts.budget ?? 1_000, rate: 0, timeoutMs: opts.timeoutMs ?? 5_000, quiet: true,
      ...(opts.include ? { include: opts.include } : {}), ...(opts.exclude ? { exclude: opts.exclude } : {}),
      // One probe at a time unless a test asks: the reference answers in this process, so probes in
      // flight together only queue behind each other here (measured slower), and on a busy machine
      // a queued answer could pass the short timeout these runs use.
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    };
    // Broken servers reset connections: retry them at once (the client's back-off is for real networks).
    return await runConformance(config, { evaluator: "in-process", writeReports: false, retryBackoffMs: 5, ...opts });
  } finally {
    await server.close();
  }
}
