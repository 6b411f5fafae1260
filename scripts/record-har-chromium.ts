/**
 * `npm run fixtures:har`: makes fixtures/har-chromium/, a HAR written by another tool (Chromium,
 * through Playwright's `recordHar`) of a whole conformance run against the reference
 * implementation, and the requirement statuses of that run, which its replay must reproduce.
 *
 * The run's client talks to a small relay; the relay has Chromium send each request (a
 * same-origin `fetch` from a page of the reference server, the credentials as request headers)
 * and answers with what Chromium got. So every request of the run goes over Chromium's network
 * stack, and Chromium's HAR holds them all, credentials raw, as any browser export would.
 * The reference runs with two faults (status-uppercase, any-token-accepted) so that the
 * statuses to reproduce include failures, and a made-up token that the server accepted.
 *
 * Needs Chromium (`apt-get install -y chromium`; CHROMIUM=path to use another) and
 * playwright-core, which is not a dependency of this project: `npm install --no-save
 * playwright-core`, or install it anywhere and set PLAYWRIGHT_CORE_DIR to that directory.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startReferenceServer } from "../src/reference/index.ts";
import type { RunConfig } from "../src/run/config.ts";
import { runConformance } from "../src/run/run-conformance.ts";

const OUT_DIR = "fixtures/har-chromium";
const SEED = 20261201;
const FAULTS = ["status-uppercase", "any-token-accepted"];
/** Made-up credentials, plainly not secrets: the HAR keeps them raw, as a browser's export would. */
const CREDENTIALS = { token: "har-fixture-test-token-not-a-secret", email: "har-fixture@example.invalid", apiKey: "fee1dead".repeat(4) + "0" };
const CHROMIUM_FLAGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** Hop-by-hop and browser-owned headers: Chromium sets its own. */
const NOT_RELAYED = new Set(["host", "connection", "keep-alive", "content-length", "accept-encoding", "user-agent", "transfer-encoding"]);

function fail(line: string): never {
  console.error(`record-har-chromium: ${line}`);
  process.exit(2);
}

/** The little of playwright-core used here (it is not a dependency, so its types are not at hand). */
interface Page { goto(url: string): Promise<unknown>; evaluate<A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R> }
interface Context { newPage(): Promise<Page>; close(): Promise<void> }
interface Browser { newContext(o: { recordHar: { path: string; content: "embed"; mode: "full" } }): Promise<Context>; version(): string; close(): Promise<void> }
interface Playwright { chromium: { launch(o: { executablePath: string; headless: boolean; chromiumSandbox: boolean; args: string[] }): Promise<Browser> } }

async function loadPlaywright(): Promise<Playwright> {
  const from = [import.meta.url, ...(process.env.PLAYWRIGHT_CORE_DIR ? [pathToFileURL(join(process.env.PLAYWRIGHT_CORE_DIR, "package.json")).href] : [])];
  for (const base of from) {
    try {
      const mod = await import(pathToFileURL(createRequire(base).resolve("playwright-core")).href);
      return (mod.chromium ? mod : mod.default) as Playwright; // CommonJS: the exports may only be on `default`
    } catch {
      // try the next place
    }
  }
  return fail("playwright-core is not installed: run `npm install --no-save playwright-core`, or install it elsewhere and set PLAYWRIGHT_CORE_DIR to that directory");
}

const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) fail(`no Chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM`);
const { chromium } = await loadPlaywright();

const server = await startReferenceServer({ port: 0, rate: 1_000_000, seed: SEED, faults: FAULTS, credentials: CREDENTIALS });
const work = mkdtempSync(join(tmpdir(), "record-har-chromium-"));
const harPath = join(work, "chromium.har");
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, chromiumSandbox: false, args: CHROMIUM_FLAGS });
try {
  const context = await browser.newContext({ recordHar: { path: harPath, content: "embed", mode: "full" } });
  const page = await context.newPage();
  const origin = new URL(server.baseUrl).origin;
  await page.goto(`${origin}/`); // any page of the server: its fetches are then same-origin (no CORS preflight)

  const relay = createServer((req: IncomingMessage, res: ServerResponse) => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !NOT_RELAYED.has(name)).map(([k, v]) => [k, String(v)]));
    // A browser sends OPTIONS as asked; TRACE it refuses (a forbidden method in Fetch): the run gets no answer, and the HAR no entry.
    page.evaluate(async ({ url, method, headers }) => {
      const r = await fetch(url, { method, headers, cache: "no-store", credentials: "omit", redirect: "manual" });
      return { status: r.status, headers: [...r.headers], body: await r.text() };
    }, { url: `${origin}${req.url}`, method: req.method ?? "GET", headers }).then((answer) => {
      const out = Object.fromEntries(answer.headers.filter(([name]) => name !== "content-encoding" && name !== "content-length"));
      res.writeHead(answer.status, { ...out, "content-length": Buffer.byteLength(answer.body) });
      res.end(answer.body);
    }, () => res.destroy()); // Chromium got no answer: neither does the run
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const relayBase = `http://127.0.0.1:${(relay.address() as AddressInfo).port}${new URL(server.baseUrl).pathname}`;

  const config: RunConfig = {
    target: { kind: "url", baseUrl: relayBase }, spec: {}, zoneId: server.zoneId, certificateIds: [],
    credentials: CREDENTIALS, schemes: ["token", "key"], outDir: work, gatingLevel: "must",
    seed: SEED, budget: 1_000, rate: 0, timeoutMs: 10_000, quiet: true,
  };
  const { report } = await runConformance(config, { evaluator: "in-process", writeReports: false });
  relay.close();
  await context.close(); // writes the HAR

  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, "reference-faults.har"), readFileSync(harPath, "utf8"));
  const expected = {
    comment: "The run that made reference-faults.har (npm run fixtures:har); its replay must give these statuses.",
    madeWith: { chromium: browser.version(), recorder: "playwright-core recordHar", faults: FAULTS },
    seed: SEED, verdict: report.verdict,
    requirements: report.requirements.map((r) => [r.id, r.status, r.checks]),
  };
  writeFileSync(join(OUT_DIR, "expected.json"), JSON.stringify(expected, null, 1) + "\n");
  console.log(`wrote ${OUT_DIR}/reference-faults.har (${report.summary.requests} requests through Chromium ${browser.version()}; ${report.verdict}) and expected.json`);
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
