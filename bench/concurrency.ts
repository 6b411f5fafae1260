/**
 * Certifying a slow target: whole CLI runs (`run --target URL`, as a user starts them) against
 * the reference implementation behind a local proxy that
 *
 * - adds 300 ms to every answer ("slow"), or
 * - never answers a request with an identifier longer than 32 characters in either path
 *   position ("hang-overlong"; every other request is answered at once),
 *
 * each at the default concurrency, as a ratio against the same run with `--concurrency 1`
 * measured in the same process (the baseline). It also says whether the two runs agree:
 * verdict, request count, and every requirement's status and failures.
 *
 *   npx tsx bench/concurrency.ts [slow|hang-overlong ...]   (default both)
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startReferenceServer } from "../src/reference/index.ts";

const repo = resolve(import.meta.dirname, "..");
const bin = join(repo, "bin/client-cert-conformance.js");
type Scenario = "slow" | "hang-overlong";
const SCENARIOS: Record<Scenario, string> = {
  slow: "300 ms added to every answer",
  "hang-overlong": "requests with an identifier over 32 characters never answered",
};

/** Whether a details path names an identifier longer than 32 characters (raw, as sent). */
function overlong(url: string): boolean {
  const m = /\/zones\/([^/?]*)\/client_certificates\/([^?]*)/.exec(url);
  return m !== null && (m[1]!.length > 32 || m[2]!.length > 32);
}

/** A proxy in front of `upstream` (an origin) that behaves as the scenario says. */
async function proxy(upstream: string, scenario: Scenario): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (scenario === "hang-overlong" && overlong(req.url ?? "")) return; // never answered; closed with the server
    const forward = httpRequest(`${upstream}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (c: Buffer) => chunks.push(c));
      answer.on("end", () => {
        const reply = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        };
        if (scenario === "slow") setTimeout(reply, 300);
        else reply();
      });
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

interface Timed {
  ms: number;
  exit: number | null;
  report: { verdict: string; summary: { requests: number }; requirements: { id: string; status: string; failures: unknown[] }[] };
}

async function run(target: string, zone: string, env: NodeJS.ProcessEnv, out: string, extra: string[]): Promise<Timed> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [bin, "run", "--target", target, "--zone", zone, "--seed", "7", "--quiet", "--out", out, ...extra], { env, stdio: ["ignore", "ignore", "inherit"] });
  const exit = await new Promise<number | null>((r) => child.on("exit", r));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, exit, report: JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as Timed["report"] };
}

/** What must be the same at every concurrency: the verdict, the requests, and each requirement's outcome. */
function differences(a: Timed["report"], b: Timed["report"]): string[] {
  const out: string[] = [];
  if (a.verdict !== b.verdict) out.push(`verdict ${a.verdict} / ${b.verdict}`);
  if (a.summary.requests !== b.summary.requests) out.push(`requests ${a.summary.requests} / ${b.summary.requests}`);
  for (const [i, r] of a.requirements.entries()) {
    const o = b.requirements[i]!;
    if (r.status !== o.status || JSON.stringify(r.failures) !== JSON.stringify(o.failures)) out.push(`${r.id}: ${r.status} / ${o.status}`);
  }
  return out;
}

const chosen = (process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SCENARIOS)) as Scenario[];
const work = mkdtempSync(join(tmpdir(), "bench-concurrency-"));
const server = await startReferenceServer({ port: 0, rate: 1_000_000, seed: 7 });
let failed = false;
try {
  const env = { ...process.env, CLOUDFLARE_API_TOKEN: server.credentials.token, CLOUDFLARE_EMAIL: server.credentials.email, CLOUDFLARE_API_KEY: server.credentials.apiKey };
  for (const scenario of chosen) {
    const front = await proxy(new URL(server.baseUrl).origin, scenario);
    try {
      const target = `${front.url}${new URL(server.baseUrl).pathname}`;
      const sequential = await run(target, server.zoneId, env, join(work, `${scenario}-1`), ["--concurrency", "1"]);
      const parallel = await run(target, server.zoneId, env, join(work, `${scenario}-default`), []);
      const diff = differences(sequential.report, parallel.report);
      console.log(`${scenario} (${SCENARIOS[scenario]}):`);
      console.log(`  --concurrency 1 (baseline)   ${(sequential.ms / 1000).toFixed(1).padStart(6)} s   ${sequential.report.summary.requests} requests, ${sequential.report.verdict}`);
      console.log(`  default concurrency          ${(parallel.ms / 1000).toFixed(1).padStart(6)} s   ${parallel.report.summary.requests} requests, ${parallel.report.verdict}   ${(parallel.ms / sequential.ms).toFixed(2)}x baseline`);
      console.log(`  same verdict, requests and requirement outcomes: ${diff.length ? `NO (${diff.join("; ")})` : "yes"}`);
      if (diff.length) failed = true;
    } finally {
      await front.close();
    }
  }
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
