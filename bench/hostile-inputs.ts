/**
 * Hostile files and arguments (issue 18), by hand: each case is a whole CLI run measured by
 * `/usr/bin/time -v` (wall time, peak resident memory), beside the replay of the shipped cassette
 * (the suite's own footprint). The bounds the issue sets: a HAR of 100,000 identical entries
 * replays or is refused in under 30 s and 500 MB; `--max-time 10` ends a run, loading included,
 * within 15 s with a partial report; `--spec /dev/zero`, `--baseline /dev/zero`, `validate
 * /dev/zero` and a 1 GB JSON body each end within 30 s and 500 MB, with one line and exit 2.
 *
 *   npx tsx bench/hostile-inputs.ts            (writes about 1.4 GB of scratch files to the temp folder, removed after)
 */
import { execFile, execFileSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startHostileServer } from "../test/support/hostile-server.ts";

const exec = promisify(execFile);
const CREDENTIALS = { CLOUDFLARE_API_TOKEN: "CANARYtoken0123456789abcdefABCDEF0123456789", CLOUDFLARE_ZONE_ID: "023e105f4ecef8ad9ca31a8372d0c353" };

interface Measured { code: number; peakMb: number; seconds: number; lines: string[] }

async function measured(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measured> {
  const started = performance.now();
  let stdout = "";
  let stderr = "";
  let code = 0;
  try {
    ({ stdout, stderr } = await exec("/usr/bin/time", ["-v", process.execPath, "bin/client-cert-conformance.js", ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }));
  } catch (e) {
    ({ stdout = "", stderr = "" } = e as { stdout?: string; stderr?: string });
    code = (e as { code?: number }).code ?? 2;
  }
  const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
  const own = stderr.split("\n").filter((l) => l && !/^\t|^\s*Command (exited|being timed)/.test(l));
  return { code, peakMb: peakKb / 1024, seconds: (performance.now() - started) / 1000, lines: [...own, ...stdout.split("\n").filter(Boolean)] };
}

/** A HAR of `count` copies of one entry of the Chromium fixture (`read`: a 200 with its certificate; `refusal`: a 4xx of the operation, trimmed to its credential headers). */
function harOf(path: string, count: number, kind: "read" | "refusal"): void {
  const har = JSON.parse(readFileSync("fixtures/har-chromium/reference-faults.har", "utf8")) as { log: { entries: Record<string, any>[] } };
  const operation = /\/zones\/[0-9a-f]{32}\/client_certificates\/[0-9a-f]{32}$/;
  let entry = har.log.entries.find((e) => operation.test(e.request.url) && (kind === "read" ? e.response.status === 200 : e.response.status >= 400 && e.response.status < 500))!;
  if (kind === "refusal") {
    entry = {
      request: { method: "GET", url: entry.request.url, httpVersion: "HTTP/1.1", headers: entry.request.headers.filter((h: { name: string }) => /^(authorization|x-auth-email|x-auth-key)$/i.test(h.name)) },
      response: { status: entry.response.status, headers: [{ name: "content-type", value: "application/json" }], content: entry.response.content },
    };
  }
  const text = JSON.stringify(entry);
  const fd = openSync(path, "w");
  writeSync(fd, '{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"entries":[');
  for (let i = 0; i < count; i += 1_000) writeSync(fd, (i ? "," : "") + Array.from({ length: Math.min(1_000, count - i) }, () => text).join(","));
  writeSync(fd, "]}}");
  closeSync(fd);
}

/** A 1 GiB JSON body, one line: a success envelope whose result id is a gigabyte long. */
function bigBody(path: string): void {
  const fd = openSync(path, "w");
  writeSync(fd, '{"success":true,"errors":[],"messages":[],"result":{"id":"');
  const chunk = Buffer.alloc(1024 * 1024, "a");
  for (let i = 0; i < 1024; i++) writeSync(fd, chunk);
  writeSync(fd, '"}}');
  closeSync(fd);
}

const mb = (path: string) => `${(statSync(path).size / 2 ** 20).toFixed(0)} MB`;

async function main(): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), "hostile-inputs-"));
  const server = await startHostileServer();
  const seed = String((JSON.parse(readFileSync("fixtures/har-chromium/expected.json", "utf8")) as { seed: number }).seed);
  let worst = 0;
  let slowest = "";
  try {
    harOf(join(work, "100k-read.har"), 100_000, "read");
    harOf(join(work, "100k-refusal.har"), 100_000, "refusal");
    bigBody(join(work, "1g.json"));
    execFileSync("mkfifo", [join(work, "never.har")]);
    const out = (name: string) => ["--out", join(work, `out-${name}`)];
    const cases: [string, string[], NodeJS.ProcessEnv?, number?][] = [
      ["replay of the shipped cassette (baseline)", ["run", "--quiet", ...out("baseline")]],
      [`HAR of 100,000 identical reads (${mb(join(work, "100k-read.har"))}): refused by its size`, ["run", "--cassette", join(work, "100k-read.har"), "--seed", seed, "--quiet", ...out("100k-read")], {}, 30],
      [`HAR of 100,000 identical 4xx answers (${mb(join(work, "100k-refusal.har"))}): loaded, replayed`, ["run", "--cassette", join(work, "100k-refusal.har"), "--seed", seed, "--quiet", ...out("100k-refusal")], {}, 30],
      ["--max-time 10, a recording that never arrives (loading)", ["run", "--cassette", join(work, "never.har"), "--max-time", "10", "--quiet", ...out("never")], {}, 15],
      ["--max-time 10, a target that hangs after 3 answers", ["run", "--target", server.baseUrl("hang-after-3"), "--certificate", "0123456789abcdef0123456789abcdef", "--timeout", "60000", "--max-time", "10", "--quiet", ...out("hang")], CREDENTIALS, 15],
      ["run --spec /dev/zero", ["run", "--spec", "/dev/zero", "--quiet", ...out("spec-zero")], {}, 30],
      ["run --baseline /dev/zero", ["run", "--baseline", "/dev/zero", "--quiet", ...out("baseline-zero")], {}, 30],
      ["validate /dev/zero", ["validate", "/dev/zero"], {}, 30],
      ["validate a 1 GB JSON body", ["validate", join(work, "1g.json")], {}, 30],
      ["run --spec a 1 GB JSON document", ["run", "--spec", join(work, "1g.json"), "--quiet", ...out("spec-1g")], {}, 30],
    ];
    for (const [what, args, env, within] of cases) {
      const m = await measured(args, env);
      const reportDir = args[args.indexOf("--out") + 1];
      const report = args.includes("--out") && existsSync(join(reportDir!, "report.json")) ? JSON.parse(readFileSync(join(reportDir!, "report.json"), "utf8")) as { verdict: string } : undefined;
      if (within) {
        worst = Math.max(worst, m.peakMb);
        if (m.seconds > within) slowest += `${what} took ${m.seconds.toFixed(1)} s (bound ${within} s); `;
      }
      console.log(`${m.peakMb.toFixed(0).padStart(4)} MB ${m.seconds.toFixed(1).padStart(5)} s  exit ${m.code}${report ? ` report ${report.verdict}` : ""}  ${what}: ${(m.lines.find((l) => !/^reports:|^(ERROR|CONFORMANT|NON-CONFORMANT)/.test(l)) ?? m.lines[0] ?? "").slice(0, 150)}`);
    }
  } finally {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
  const ok = worst <= 500 && !slowest;
  console.log(ok ? `ok: every case within its time, peak ${worst.toFixed(0)} MB (bound 500)` : `OVER: ${slowest}peak ${worst.toFixed(0)} MB (bound 500)`);
  return ok ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e) => { console.error(`hostile-inputs: crashed: ${(e as Error)?.stack ?? e}`); process.exitCode = 1; });
