import http from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configuredSchemes, derivedSecrets } from "../../src/http/index.ts";
import { startReferenceServer } from "../../src/reference/index.ts";
import type { RunConfig } from "../../src/run/config.ts";
import { runConformance } from "../../src/run/run-conformance.ts";
import { FAMILIES } from "../../src/registry/types.ts";
import { runAgainstReference } from "../support/reference-run.ts";

const statusOf = (report: { requirements: { id: string; status: string }[] }, id: string) => report.requirements.find((r) => r.id === id)?.status;

describe("a target failing on some requests is failing, not down", () => {
  it("resetting connections for identifiers with % or .: exit 1, HTTP-EVERY-REQUEST-ANSWERED failed with the probe and a curl line, the rest still judged", async () => {
    const { report, exitCode } = await runAgainstReference(["reset-on-odd-identifiers"], { level: "must" });
    expect(exitCode).toBe(1);
    const answered = report.requirements.find((r) => r.id === "HTTP-EVERY-REQUEST-ANSWERED")!;
    expect(answered.status).toBe("failed");
    expect(answered.failures[0]!.message).toMatch(/(reset|ECONNRESET|socket hang up).*a request sent after it was answered/i);
    expect(answered.failures[0]!.reproduce).toMatch(/^curl .*client_certificates\/.*[%.]/);
    // Every family outside the identifier probes is judged on its evidence, not abandoned.
    for (const family of ["ENV", "RESULT", "STATUS", "X509", "AUTH", "ERR"]) {
      const members = report.requirements.filter((r) => r.family === family);
      expect(members.filter((r) => r.status !== "passed").map((r) => `${r.id}: ${r.status}`), family).toEqual([]);
    }
  });

  it("answering every refusal 429: no refusal passes on a 429, each is errored with the reason, and the selective 429 fails", async () => {
    const { report } = await runAgainstReference(["refusals-rate-limited"], { level: "must" });
    for (const id of ["AUTH-MISSING-REFUSED", "ID-UNKNOWN-REFUSED", "ID-MAXLENGTH-ZONE"]) {
      const r = report.requirements.find((x) => x.id === id)!;
      expect(`${id}: ${r.status}`).toBe(`${id}: errored`);
      expect(r.reason).toMatch(/429 Too Many Requests after 3 attempts.*could not be judged/);
    }
    expect(statusOf(report, "HTTP-EVERY-REQUEST-ANSWERED")).toBe("failed");
    expect(report.verdict).toBe("non-conformant");
  });

  it("a target that stops answering everything is down: verdict error, the cause named, the rest not sent", async () => {
    const reference = await startReferenceServer({ port: 0, rate: 1_000_000, seed: 7 });
    let served = 0;
    // A proxy that forwards the first six requests, then resets every connection.
    const proxy = http.createServer((req, res) => {
      if (++served > 6) return void req.socket.resetAndDestroy();
      const upstream = http.request(`${reference.baseUrl.replace(/\/client\/v4$/, "")}${req.url}`, { headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.end();
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const port = (proxy.address() as { port: number }).port;
    try {
      const config: RunConfig = {
        target: { kind: "url", baseUrl: `http://127.0.0.1:${port}/client/v4` }, spec: {}, zoneId: reference.zoneId, certificateIds: reference.certificateIds.slice(0, 2),
        credentials: reference.credentials, schemes: configuredSchemes(reference.credentials), outDir: mkdtempSync(join(tmpdir(), "down-")),
        gatingLevel: "must", seed: 1, budget: 1_000, rate: 0, timeoutMs: 1_000, quiet: true,
      };
      const { report, exitCode, results } = await runConformance(config, { evaluator: "in-process", writeReports: false, retryBackoffMs: 5 });
      expect(exitCode).toBe(2);
      expect(report.verdict).toBe("error");
      expect(report.error).toMatch(/stopped answering after \d+ answered requests \(reset: .*ECONNRESET\)/i);
      expect(results.filter((r) => r.exchange.attempts === 0).length).toBeGreaterThan(20); // not sent once it was down
      expect(report.summary.requests).toBeLessThan(30); // six answered, then a few probes and two control reads (each retried)
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await reference.close();
    }
  });
});

describe("planned within the budget", () => {
  it("--budget 20 sends at most 20 requests, judges every family, and says what it left out", async () => {
    const { report } = await runAgainstReference([], { level: "may", budget: 20 });
    expect(report.summary.requests).toBeLessThanOrEqual(20);
    for (const family of FAMILIES) {
      const judged = report.requirements.filter((r) => r.family === family && (r.status === "passed" || r.status === "failed"));
      expect(judged.length, family).toBeGreaterThan(0);
    }
    expect(report.budget!.limit).toBe(20);
    expect(report.budget!.leftOut.map((l) => l.label)).toEqual(expect.arrayContaining(["an unknown X-Auth-Email", "40 of 40 fuzzed malformed identifiers"]));
  });

  it("the live defaults send at most 100 requests for four certificates and both schemes, all GET", async () => {
    const { report, exchanges } = await runAgainstReference([], { level: "may", kind: "live", budget: 300, certificateCount: 4 });
    expect(report.verdict).toBe("conformant");
    expect(report.summary.requests).toBeLessThanOrEqual(100);
    expect(new Set(exchanges.map((e) => e.request.method))).toEqual(new Set(["GET"]));
    expect(new Set(exchanges.filter((e) => e.label?.startsWith("read ") && !e.label.includes("percent-encoded")).map((e) => e.request.url)).size).toBe(4);
  });
});

describe("probes derived from the real inputs", () => {
  it("near misses show placeholders with the edit described, never the derived value", async () => {
    const { report, exchanges } = await runAgainstReference(["token-prefix-compared"], { level: "must" });
    const failure = report.requirements.find((r) => r.id === "AUTH-TOKEN-NEAR-MISS-REFUSED")!.failures[0]!;
    expect(failure.request!.headers!.authorization).toBe("Bearer $CLOUDFLARE_API_TOKEN(last character changed)");
    const written = JSON.stringify({ report, exchanges });
    const server = await startReferenceServer({ port: 0, seed: 7 });
    await server.close();
    for (const d of derivedSecrets(server.credentials)) expect(written.includes(d.value), d.placeholder).toBe(false);
    expect(written.includes(server.credentials.token)).toBe(false);
  });

  it("a wrongly answered malformed identifier is shrunk over HTTP: the smallest one comes first, with its curl line", async () => {
    const { report, results } = await runAgainstReference(["malformed-id-served"], { level: "may" });
    const failure = report.requirements.find((r) => r.id === "ID-MALFORMED-REFUSED")!.failures[0]!;
    expect(failure.message).toMatch(/the smallest wrongly answered identifier found by shrinking, "/);
    expect(failure.reproduce).toMatch(/^curl /);
    const steps = results.filter((r) => r.probe.shrink);
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.length).toBeLessThanOrEqual(12); // the shrink budget of a URL target
    expect(steps.filter((r) => r.probe.shrink!.minimal)).toHaveLength(1);
  });
});
