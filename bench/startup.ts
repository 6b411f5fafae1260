/**
 * How long a recorded run takes to start and finish (`npm run conformance`: the shipped
 * cassette, offline), as a ratio to a trivial vitest run measured in the same run and the same
 * process environment, one run of each in turn (so a machine whose load drifts slows all three
 * alike), each the median of its runs (a machine-independent figure; the medians are printed too):
 *
 * - from the repository (its bin runs the sources compiled into .tmp/bin-build/, rebuilt when a
 *   source changed: the build is made once before timing, as a developer's first run makes it);
 * - from the compiled package (dist/, as `npm pack` builds it), laid out as installed.
 *
 *   npx tsx bench/startup.ts [runs]      (default 5 runs of each)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "..");
const runs = Number(process.argv[2] ?? 5);
const work = mkdtempSync(join(tmpdir(), "bench-startup-"));

/** One run's wall time, in ms. */
function timeMs(command: string, args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd, env: process.env, stdio: "ignore" });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

try {
  // The baseline: vitest starting, running one empty test, and stopping.
  const trivial = join(work, "trivial");
  mkdirSync(trivial);
  writeFileSync(join(trivial, "trivial.test.mjs"), 'import { test } from "vitest";\ntest("nothing", () => {});\n');
  writeFileSync(join(trivial, "vitest.config.mjs"), "export default {};\n");
  symlinkSync(join(repo, "node_modules"), join(trivial, "node_modules"));

  // The compiled package where npm installs it (node_modules/client-cert-conformance/: no sources,
  // dist/ beside the shipped files; vitest then loads it as a dependency, untransformed).
  const project = join(work, "project");
  const pkg = join(project, "node_modules", "client-cert-conformance");
  execFileSync(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-p", join(repo, "tsconfig.build.json"), "--outDir", join(pkg, "dist")]);
  for (const path of ["bin", "schemas", "fixtures/cassette-reference", "reports/report.schema.json", "package.json"]) cpSync(join(repo, path), join(pkg, path), { recursive: true });
  for (const dependency of readdirSync(join(repo, "node_modules"))) symlinkSync(join(repo, "node_modules", dependency), join(project, "node_modules", dependency));

  const vitest = join(repo, "node_modules/vitest/vitest.mjs");
  // bin/ compiles the sources first when they changed since its last build: not part of a start.
  spawnSync(process.execPath, [join(repo, "bin/client-cert-conformance.js"), "requirements"], { cwd: repo, stdio: "ignore" });
  const commands: [string, string[], string][] = [
    ["trivial vitest run (baseline)", [vitest, "run", "--reporter=dot"], trivial],
    ["recorded run, repository (bin/)", [join(repo, "bin/client-cert-conformance.js"), "run", "--quiet", "--out", join(work, "out-src")], repo],
    ["recorded run, compiled package", [join(pkg, "bin/client-cert-conformance.js"), "run", "--quiet", "--out", join(work, "out-pkg")], project],
  ];
  const times: number[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach(([, args, cwd], k) => times[k]!.push(timeMs(process.execPath, args, cwd)));
  const rows: [string, number][] = commands.map(([name], k) => [name, median(times[k]!)]);
  const baseline = rows[0]![1];
  console.log(`median of ${runs} runs each`);
  for (const [name, ms] of rows) console.log(`${name.padEnd(32)} ${ms.toFixed(0).padStart(6)} ms   ${(ms / baseline).toFixed(2)}x baseline`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
