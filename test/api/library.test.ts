import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConformanceOptionsError, planConformance, runConformance, startReferenceServer, UnknownFaultError,
  type ConformanceOptions, type FaultName, type ReferenceServerHandle,
} from "../../src/api/index.ts";
import { configFrom } from "../../src/api/run.ts";
import { COMMAND_FLAGS } from "../../src/cli/flags.ts";
import { renderFaultNames } from "../../src/api/render-fault-names.ts";
import { validateReport } from "../../reports/validate-report.ts";
import { startCountingServer } from "../support/counting-server.ts";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const CERTIFICATE = "5a7805061c76ada191ed06f989cc3dac";
const credentials = { token: "Yp9mQ2vL8xR4tN6bW1cZ3fH5jK7dS0aE9gU2iO4e" };

// Type-level: the fault names are the catalogue's (and the blind catalogue's as blind/NAME).
const known: FaultName = "status-uppercase";
const blind: FaultName = "blind/anything";
// @ts-expect-error: not a fault of the catalogue
const unknown: FaultName = "status-upper-case";
void [known, blind, unknown];

/** Each `run` flag and the library's way to it: an option of runConformance, planConformance (the dry run), or the CLI's own output. */
const LIBRARY_WAY: Record<string, keyof ConformanceOptions | "planConformance" | "output"> = {
  spec: "spec", "spec-revision": "specRevision", target: "target", cassette: "cassette", zone: "zone", certificate: "certificates", "other-zone": "otherZone",
  out: "out", level: "level", seed: "seed", budget: "budget", rate: "rate", concurrency: "concurrency", timeout: "timeoutMs", "max-time": "maxTime", "max-retry-after": "maxRetryAfter",
  burst: "burst", baseline: "baseline", quiet: "quiet", include: "include", exclude: "exclude", "dry-run": "planConformance", format: "output",
  // The transport's flags (--header, --proxy, --ca, --cert, --key, --insecure).
  header: "headers", proxy: "proxy", ca: "tls", cert: "tls", key: "tls", insecure: "tls",
};

describe("the library's options are the CLI's", () => {
  it("every flag of run has its library option", () => {
    for (const flag of Object.keys(COMMAND_FLAGS.run.options)) expect(LIBRARY_WAY, `--${flag}`).toHaveProperty([flag]);
  });

  it("every run option maps to the RunConfig the CLI would make (headers checked and named as --header's are), TLS material passed through as it is", async () => {
    const ca = Buffer.from("-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n");
    const options: Required<Omit<ConformanceOptions, "signal" | "cassette" | "writeReports" | "baseline">> & { baseline: string } = {
      target: "http://127.0.0.1:1/client/v4", zone: ZONE, certificates: [CERTIFICATE], otherZone: "1".repeat(32), credentials, level: "should", seed: 9,
      budget: 50, rate: 3, concurrency: 2, timeoutMs: 700, maxTime: 12, maxRetryAfter: 4, burst: 7, baseline: "baselines/cloudflare-live.json",
      include: ["status", "ID-ZONE-SCOPED"], exclude: ["STATUS-TRANSITIONS"], headers: { "CF-Access-Client-Id": "id.access" }, proxy: "http://127.0.0.1:3128",
      tls: { ca, insecure: false }, spec: "schemas/source/openapi.json", specRevision: "abc123", out: "out", quiet: true,
    };
    const config = await configFrom(options);
    expect(config).toMatchObject({
      zoneId: ZONE, certificateIds: [CERTIFICATE], otherZoneId: "1".repeat(32), gatingLevel: "should", seed: 9, budget: 50, rate: 3, concurrency: 2, timeoutMs: 700,
      maxTimeMs: 12_000, retryAfterCapMs: 4_000, burst: 7, baseline: "baselines/cloudflare-live.json",
      include: ["STATUS", "ID-ZONE-SCOPED"], exclude: ["STATUS-TRANSITIONS"], headers: { "cf-access-client-id": "id.access" }, proxy: "http://127.0.0.1:3128",
      outDir: "out", spec: { path: "schemas/source/openapi.json", revision: "abc123" }, schemes: ["token"],
    });
    expect(config.tls?.ca).toBe(ca);
  });

  it.each([
    [{ maxTime: -1 }, /^maxTime must be a whole number >= 0 \(got "-1"\)$/],
    [{ maxRetryAfter: 1.5 }, /^maxRetryAfter must be a whole number >= 0/],
    [{ burst: 5000 }, /^burst must be a whole number from 0 to 1000/],
    [{ include: ["STATU"] }, /^include "STATU" is neither a requirement id nor a family; did you mean STATUS\?/],
    [{ baseline: "no/such/baseline.json" }, /^baseline no\/such\/baseline\.json: .*check baseline\)$/],
    [{ zone: undefined }, /^no zone to test: pass zone$/],
  ] as [Partial<ConformanceOptions>, RegExp][])("a bad option is a ConformanceOptionsError in the library's terms: %j", async (bad, message) => {
    const error = await runConformance({ target: "http://127.0.0.1:1/client/v4", zone: ZONE, credentials, ...bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConformanceOptionsError);
    expect((error as Error).message).toMatch(message);
  });

  it("an unknown fault is an UnknownFaultError, which is a ConformanceOptionsError", async () => {
    const error = await startReferenceServer({ faults: ["no-such-fault" as FaultName] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownFaultError);
    expect(error).toBeInstanceOf(ConformanceOptionsError);
    expect(error).toMatchObject({ name: "UnknownFaultError", faults: ["no-such-fault"] });
    expect((error as Error).message).toMatch(/^unknown fault "no-such-fault"; known faults: .*\(FAULTS lists them\)$/);
  });

  it("src/api/fault-names.ts is generated from the catalogue and up to date (npm run api:faults)", () => {
    expect(readFileSync("src/api/fault-names.ts", "utf8")).toBe(renderFaultNames());
  });
});

describe("runConformance({ signal })", () => {
  it("stops the run where the signal is aborted and resolves with the partial report", async () => {
    const stop = new AbortController();
    const target = await startCountingServer((n) => { if (n === 5) stop.abort(); });
    try {
      const report = await runConformance({ target: target.baseUrl, zone: ZONE, certificates: [CERTIFICATE], credentials, seed: 1, signal: stop.signal, burst: 0 });
      expect(validateReport(report).errors).toEqual([]);
      expect(report.verdict).toBe("error");
      expect(report.interrupted).toMatchObject({ by: "signal" });
      expect(report.interrupted!.probesSent).toBeLessThan(report.interrupted!.probesPlanned);
      expect(report.error).toMatch(/^stopped by the caller's AbortSignal after \d+ of \d+ probes/);
      // The request in flight when it stopped ends; nothing more is sent. The report accounts for every
      // request the target read; the one in flight may have been cut before the target read it (a busy machine).
      expect(report.summary.requests).toBeLessThanOrEqual(6);
      expect(target.count).toBeLessThanOrEqual(report.summary.requests);
      expect(report.summary.requests - target.count).toBeLessThanOrEqual(1);
    } finally {
      await target.close();
    }
  }, 60_000);

  it("an already aborted signal sends nothing", async () => {
    const target = await startCountingServer();
    try {
      const report = await runConformance({ target: target.baseUrl, zone: ZONE, certificates: [CERTIFICATE], credentials, signal: AbortSignal.abort() });
      expect(report).toMatchObject({ verdict: "error", interrupted: { by: "signal", probesSent: 0 } });
      expect(target.count).toBe(0);
    } finally {
      await target.close();
    }
  }, 60_000);
});

describe("planConformance (run --dry-run)", () => {
  let server: ReferenceServerHandle;
  beforeAll(async () => { server = await startReferenceServer(); });
  afterAll(() => server?.close());

  it("sends nothing and lists every request with the requirements it feeds", async () => {
    const target = await startCountingServer();
    try {
      const plan = await planConformance({ target: target.baseUrl, zone: ZONE, credentials, seed: 3 });
      expect(target.count).toBe(0);
      expect(plan.dryRun).toBe(true);
      expect(plan.certificates.discovered).toBe(true);
      expect(plan.requests[0]).toMatchObject({ kind: "discovery", path: `/zones/${ZONE}/client_certificates?per_page=50` });
      const probes = plan.requests.filter((r) => r.kind !== "discovery" && r.kind !== "list" && r.kind !== "method");
      expect(probes.length).toBe(plan.counts.probes);
      for (const r of probes) expect(r.feeds.length, r.key).toBeGreaterThan(0);
      expect(plan.counts.atMost).toBe(plan.counts.discovery + plan.counts.secondZone + plan.counts.probes + plan.counts.fuzz + plan.counts.burst + plan.counts.methods + plan.counts.listAfter + plan.counts.controlReads);
    } finally {
      await target.close();
    }
  });

  it("with a selection, plans only the probes that feed it, as the run then sends", async () => {
    const options = { target: server.baseUrl, zone: server.zone, certificates: server.certificates, credentials: server.credentials, seed: 3, include: ["STATUS-ENUM"] };
    const plan = await planConformance(options);
    expect(plan.selection).toEqual({ include: ["STATUS-ENUM"], exclude: [], requirements: ["STATUS-ENUM"] });
    for (const r of plan.requests) expect(r.feeds, r.key).toContain("STATUS-ENUM");
    expect(plan.counts).toMatchObject({ fuzz: 0, burst: 0, listAfter: 0, secondZone: 0 });
    const report = await runConformance(options);
    expect(report.summary.requests).toBe(plan.requests.length);
    expect(report.requirements.find((r) => r.id === "STATUS-ENUM")?.status).toBe("passed");
  }, 60_000);
});
