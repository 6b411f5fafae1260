/**
 * Peak memory of whole CLI runs against hostile targets (issue 12): a 200 MB body, a gzip bomb,
 * recording each, and replaying the recordings, next to the replay of the shipped cassette (the
 * suite's own footprint: node, tsx, vitest and its worker). Each run is measured by
 * `/usr/bin/time -v` ("Maximum resident set size"); the bound is 300 MB.
 *
 *   npx tsx bench/hostile-memory.ts
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startHostileServer } from "../test/support/hostile-server.ts";

const exec = promisify(execFile);
const BOUND_KB = 300 * 1024;
const CREDENTIALS = { CLOUDFLARE_API_TOKEN: "CANARYtoken0123456789abcdefABCDEF0123456789", CLOUDFLARE_EMAIL: "canary.person@canary-example.com", CLOUDFLARE_API_KEY: "cafe0123456789abcdef0123456789abcde", CLOUDFLARE_ZONE_ID: "023e105f4ecef8ad9ca31a8372d0c353" };

/** Runs the CLI under /usr/bin/time -v; its exit code, peak RSS in KB and wall time. */
async function measured(args: string[]): Promise<{ code: number; peakKb: number; seconds: number; summary: string }> {
  const started = performance.now();
  let stdout = "";
  let stderr = "";
  let code = 0;
  try {
    ({ stdout, stderr } = await exec("/usr/bin/time", ["-v", process.execPath, "bin/client-cert-conformance.js", ...args], { env: { ...process.env, ...CREDENTIALS }, maxBuffer: 64 * 1024 * 1024 }));
  } catch (e) {
    ({ stdout = "", stderr = "" } = e as { stdout?: string; stderr?: string });
    code = (e as { code?: number }).code ?? 2;
  }
  const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
  return { code, peakKb, seconds: (performance.now() - started) / 1000, summary: stdout.split("\n")[0] ?? "" };
}

async function main(): Promise<number> {
  const server = await startHostileServer();
  const work = mkdtempSync(join(tmpdir(), "hostile-memory-"));
  const common = ["--certificate", "0123456789abcdef0123456789abcdef", "--timeout", "5000", "--quiet"];
  const runs: [string, string[]][] = [["replay of the shipped cassette (baseline)", ["run", "--quiet", "--out", join(work, "baseline")]]];
  for (const behaviour of ["big", "gzip-bomb"] as const) {
    const cassette = join(work, `cassette-${behaviour}`);
    runs.push(
      [`run against ${behaviour}`, ["run", "--target", server.baseUrl(behaviour), ...common, "--out", join(work, `run-${behaviour}`)]],
      [`record ${behaviour}`, ["record", "--cassette", cassette, "--target", server.baseUrl(behaviour), ...common, "--out", join(work, `record-${behaviour}`)]],
      [`replay of the ${behaviour} recording`, ["run", "--cassette", cassette, "--quiet", "--out", join(work, `replay-${behaviour}`)]],
    );
  }
  let worst = 0;
  try {
    for (const [what, args] of runs) {
      const m = await measured(args);
      worst = Math.max(worst, what.includes("baseline") ? 0 : m.peakKb);
      console.log(`${(m.peakKb / 1024).toFixed(0).padStart(4)} MB  ${m.seconds.toFixed(1).padStart(5)} s  exit ${m.code}  ${what}: ${m.summary.slice(0, 100)}`);
    }
  } finally {
    await server.close();
  }
  console.log(worst <= BOUND_KB ? `ok: every hostile run peaked under ${BOUND_KB / 1024} MB` : `OVER: a hostile run peaked at ${(worst / 1024).toFixed(0)} MB`);
  return worst <= BOUND_KB ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e) => { console.error(`hostile-memory: crashed: ${(e as Error)?.stack ?? e}`); process.exitCode = 1; });
