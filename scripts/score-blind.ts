/**
 * Scores the suite on the blind fault catalogue (src/reference/blind/): each fault served by the
 * reference with its default data (seed 1, as `serve` starts it), the suite run against it at
 * --level should, with several seeds. A defect is caught when the run fails (exit 1) with a
 * requirement of the fault's family; a conformant variant is certified when the run passes (exit 0).
 *
 *   node --import tsx scripts/score-blind.ts [--seeds 1,2,3,4,5] [--only NAME,...] [--json FILE] [--catalogue PATH]
 *
 * `--catalogue PATH` scores another file's faults (exporting an array of BlindFault as its first
 * array export), e.g. a held-out set kept outside the repository.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { configuredSchemes } from "../src/http/index.ts";
import { BLIND_FAULTS, startReferenceServer, type BlindFault } from "../src/reference/index.ts";
import type { RunConfig } from "../src/run/config.ts";
import { runConformance } from "../src/run/run-conformance.ts";

export interface BlindScore {
  name: string;
  kind: BlindFault["kind"];
  family?: string;
  source: string;
  /** Per seed: the verdict and the failed requirements at --level should. */
  runs: { seed: number; verdict: string; failed: string[]; errored: string[] }[];
  /** Defect: failed with a requirement of its family in every run. Conformant: conformant in every run. */
  outcome: "caught" | "caught, other family" | "missed" | "certified" | "not certified" | "flips between seeds";
}

async function runOnce(fault: BlindFault, seed: number): Promise<BlindScore["runs"][number]> {
  // As `serve` starts it (its default rate limit), and as `run --target URL` runs by default (its rate and burst).
  const server = await startReferenceServer({ port: 0, customFaults: [{ name: fault.name, apply: fault.apply }] });
  const outDir = mkdtempSync(join(tmpdir(), "blind-score-"));
  try {
    const config: RunConfig = {
      target: { kind: "url", baseUrl: server.baseUrl }, spec: {}, zoneId: server.zoneId, certificateIds: [],
      credentials: server.credentials, schemes: configuredSchemes(server.credentials), outDir, gatingLevel: "should",
      seed, budget: 1_000, rate: 25, burst: 120, timeoutMs: 5_000, maxTimeMs: 300_000, quiet: true,
    };
    const { report } = await runConformance(config, { evaluator: "in-process", writeReports: false, retryBackoffMs: 5 });
    return {
      seed, verdict: report.verdict,
      failed: report.requirements.filter((r) => r.status === "failed").map((r) => r.id),
      errored: report.requirements.filter((r) => r.status === "errored").map((r) => r.id),
    };
  } finally {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function scoreFault(fault: BlindFault, seeds: number[]): Promise<BlindScore> {
  const runs = [];
  for (const seed of seeds) runs.push(await runOnce(fault, seed));
  const signature = (r: BlindScore["runs"][number]) => `${r.verdict}|${r.failed.join(",")}`;
  const flips = new Set(runs.map(signature)).size > 1;
  let outcome: BlindScore["outcome"];
  if (flips) outcome = "flips between seeds";
  else if (fault.kind === "conformant") outcome = runs[0]!.verdict === "conformant" ? "certified" : "not certified";
  else if (runs[0]!.verdict !== "non-conformant") outcome = "missed";
  else outcome = runs[0]!.failed.some((id) => id.startsWith(`${fault.family}-`)) ? "caught" : "caught, other family";
  return { name: fault.name, kind: fault.kind, ...(fault.family ? { family: fault.family } : {}), source: fault.source, runs, outcome };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seeds: { type: "string" }, only: { type: "string" }, json: { type: "string" }, catalogue: { type: "string" }, jobs: { type: "string" } } });
  const seeds = (values.seeds ?? "1").split(",").map(Number);
  let catalogue: readonly BlindFault[] = BLIND_FAULTS;
  if (values.catalogue) {
    const module = (await import(pathToFileURL(resolve(values.catalogue)).href)) as Record<string, unknown>;
    catalogue = Object.values(module).find((v): v is BlindFault[] => Array.isArray(v))!;
  }
  const only = values.only?.split(",");
  const faults = catalogue.filter((f) => !only || only.includes(f.name));
  const jobs = Number(values.jobs ?? 2);
  const scores: BlindScore[] = new Array(faults.length);
  let next = 0;
  await Promise.all(Array.from({ length: jobs }, async () => {
    for (let i = next++; i < faults.length; i = next++) {
      scores[i] = await scoreFault(faults[i]!, seeds);
      const s = scores[i]!;
      console.error(`${s.outcome.padEnd(22)} ${s.kind.padEnd(10)} ${(s.family ?? "").padEnd(6)} ${s.name}  [${s.runs[0]!.verdict}: ${s.runs[0]!.failed.join(" ")}${s.runs[0]!.errored.length ? ` | errored ${s.runs[0]!.errored.join(" ")}` : ""}]`);
    }
  }));
  const count = (o: BlindScore["outcome"]) => scores.filter((s) => s.outcome === o).length;
  const defects = scores.filter((s) => s.kind === "defect").length;
  console.log(`defects: ${count("caught")} of ${defects} caught with the right family, ${count("caught, other family")} with another, ${count("missed")} missed; conformant: ${count("certified")} of ${scores.length - defects} certified; ${count("flips between seeds")} flip between seeds`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(scores, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await main();
