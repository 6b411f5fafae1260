/**
 * Load on the reference implementation: mixed valid and malformed requests with bounded
 * concurrency; prints counts by status and the throughput. Exits 1 on any 5xx or any
 * request that got no answer (a crash or a hang).
 *
 *   npx tsx bench/load-reference.ts [--requests N] [--concurrency N]
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startReferenceServer, type ReferenceServer } from "../src/reference/index.ts";

export interface LoadOptions {
  requests: number;
  concurrency: number;
  /** A running server; when absent one is started (rate limit off) and closed afterwards. */
  server?: ReferenceServer;
}

export interface LoadReport {
  requests: number;
  byStatus: Record<string, number>;
  /** Requests that got no HTTP answer (reset, refused, timeout). */
  failures: number;
  firstFailure?: string;
  serverErrors: number;
  elapsedMs: number;
  perSecond: number;
}

interface Shot {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** The mix: a third good reads and lists, the rest every kind of refusal and odd input. */
function shots(s: ReferenceServer): Shot[] {
  const token = { authorization: `Bearer ${s.credentials.token}` };
  const key = { "x-auth-email": s.credentials.email, "x-auth-key": s.credentials.apiKey };
  const z = s.zoneId;
  const c = s.certificateIds[0];
  const d = (zone: string, cert: string) => `/zones/${zone}/client_certificates/${cert}`;
  const get = (path: string, headers: Record<string, string> = token): Shot => ({ method: "GET", path, headers });
  return [
    ...s.certificateIds.map((id) => get(d(z, id))),
    ...s.certificateIds.map((id) => get(d(z, id), key)),
    get(`/zones/${z}/client_certificates`),
    get(`/zones/${z}/client_certificates?status=revoked&per_page=5&page=1`, key),
    get(`/zones/${z}/client_certificates?per_page=abc&page=-1&status=%ZZ`),
    get(d(z, c), {}),
    get(d(z, c), { "x-auth-email": s.credentials.email }),
    get(d(z, c), { "x-auth-email": "not an email", "x-auth-key": "not a key!" }),
    get(d(z, c), { authorization: "Bearer" }),
    get(d(z, c), { authorization: "Bearer a b c" }),
    get(d(z, c), { authorization: `Bearer ${"z".repeat(2000)}` }),
    get(d(z, c), { "x-auth-email": s.credentials.email, "x-auth-key": "0".repeat(37) }),
    get(d(z, c), { authorization: "Bearer wrongwrongwrongwrongwrongwrongwrongwrong" }),
    get(d(`${z}0`, c)),
    get(d("f".repeat(300), c)),
    get(d(z, `${c}0`)),
    get(d(z, "a".repeat(5000))),
    get(d(z, c.toUpperCase())),
    get(d(z, "%2F")),
    get(d(z, "%2e%2e")),
    get(d(z, "%E0%A4%A")),
    get(d(z, "%00%01%1F")),
    get(d(z, "%F0%9F%98%80")),
    get(d(z, "%25%25%25")),
    get(d(z, "")),
    get(d("", c)),
    get(d(z, "0123456789abcdef0123456789abcdef")),
    get(d("0123456789abcdef0123456789abcdef", c)),
    get(d(s.otherZoneId, c)),
    get(`/zones/${z}/client_certificates/${c}/extra`),
    get(`/zones/${z}/client_certificates/${c}?query=${"q".repeat(100)}`),
    get("/zones"),
    get("/"),
    { method: "POST", path: d(z, c), headers: token },
    { method: "DELETE", path: d(z, c), headers: key },
    { method: "HEAD", path: d(z, c), headers: token },
    { method: "OPTIONS", path: `/zones/${z}/client_certificates`, headers: {} },
  ];
}

export async function loadReference(opts: LoadOptions): Promise<LoadReport> {
  const own = opts.server === undefined;
  const server = opts.server ?? (await startReferenceServer({ rate: 0 }));
  try {
    const mix = shots(server);
    const byStatus: Record<string, number> = {};
    let failures = 0;
    let firstFailure: string | undefined;
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      for (let i = next++; i < opts.requests; i = next++) {
        const shot = mix[i % mix.length];
        try {
          const res = await fetch(server.baseUrl + shot.path, { method: shot.method, headers: shot.headers, redirect: "manual", signal: AbortSignal.timeout(10_000) });
          await res.arrayBuffer();
          byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        } catch (e) {
          failures++;
          firstFailure ??= `${shot.method} ${shot.path.slice(0, 120)}: ${(e as Error).message}`;
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency }, worker));
    const elapsedMs = performance.now() - started;
    const serverErrors = Object.entries(byStatus).filter(([s]) => Number(s) >= 500).reduce((n, [, k]) => n + k, 0);
    return { requests: opts.requests, byStatus, failures, ...(firstFailure ? { firstFailure } : {}), serverErrors, elapsedMs, perSecond: (opts.requests / elapsedMs) * 1000 };
  } finally {
    if (own) await server.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { requests: { type: "string", default: "10000" }, concurrency: { type: "string", default: "50" } } });
  const requests = Number(values.requests);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
    console.error("load-reference: --requests and --concurrency must be whole numbers >= 1");
    return 2;
  }
  const startLoad = performance.now();
  const server = await startReferenceServer({ rate: 1_000_000 });
  console.log(`reference on ${server.baseUrl} (started in ${(performance.now() - startLoad).toFixed(0)} ms, rate limit 1000000/s)`);
  let report: LoadReport;
  try {
    report = await loadReference({ requests, concurrency, server });
  } finally {
    await server.close();
  }
  console.log(`${report.requests} requests, concurrency ${concurrency}, ${report.elapsedMs.toFixed(0)} ms, ${report.perSecond.toFixed(0)} requests/s`);
  for (const [status, n] of Object.entries(report.byStatus).sort()) console.log(`  ${status}: ${n}`);
  if (report.failures > 0) console.log(`  no answer: ${report.failures} (first: ${report.firstFailure})`);
  const ok = report.serverErrors === 0 && report.failures === 0;
  console.log(ok ? "ok: no 5xx, every request answered" : `FAILED: ${report.serverErrors} 5xx, ${report.failures} without an answer`);
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then((code) => { process.exitCode = code; }, (e) => { console.error(`load-reference: crashed: ${(e as Error)?.stack ?? e}`); process.exitCode = 1; });
}
