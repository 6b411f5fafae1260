import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateReport } from "../../reports/validate-report.ts";
import { configuredSchemes } from "../../src/http/index.ts";
import type { RunConfig } from "../../src/run/config.ts";
import { runConformance, RunStop } from "../../src/run/run-conformance.ts";
import { CassetteError, writeCassette } from "../../src/targets/cassette.ts";
import { prepareRecordedTarget } from "../../src/targets/recorded.ts";
import { startHostileServer, type HostileBehaviour, type HostileServer } from "../support/hostile-server.ts";
import { revealed } from "../support/secret-echo.ts";

/** Whole runs (in-process checks, real HTTP on 127.0.0.1) against targets that misbehave on purpose. */

const CREDENTIALS = { token: "CANARYtoken0123456789abcdefABCDEF0123456789", email: "canary.person@canary-example.com", apiKey: "cafe0123456789abcdef0123456789abcde" };
const SECRETS = [...Object.values(CREDENTIALS), `${CREDENTIALS.email}:${CREDENTIALS.apiKey}`];
const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const CERTIFICATE = "0123456789abcdef0123456789abcdef";
const work = mkdtempSync(join(tmpdir(), "hostile-run-"));

let server: HostileServer;
beforeAll(async () => { server = await startHostileServer(); });
afterAll(() => server?.close());

function config(behaviour: HostileBehaviour, extra: Partial<RunConfig> = {}): RunConfig {
  return {
    target: { kind: "url", baseUrl: server.baseUrl(behaviour) }, spec: {}, zoneId: ZONE, certificateIds: [CERTIFICATE],
    credentials: CREDENTIALS, schemes: configuredSchemes(CREDENTIALS), outDir: join(work, behaviour), gatingLevel: "must",
    seed: 12, budget: 1000, rate: 0, timeoutMs: 300, quiet: true, ...extra,
  };
}

const statusOf = (report: { requirements: { id: string; status: string }[] }, id: string) => report.requirements.find((r) => r.id === id)?.status;
const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

describe("hostile and broken targets, whole runs", () => {
  it("a target that stops answering: the report and its error name the cause, not just 'not sent'", async () => {
    const { report } = await runConformance(config("hang"), { evaluator: "in-process" });
    expect(report.verdict).toBe("error");
    // The second zone's lookup (GET /zones), three probes and the two control reads after them went unanswered:
    // the target is down, and the cause is said.
    expect(report.error).toMatch(/^target unreachable at .*: timeout: timed out after 300 ms: no complete response; check --target/);
    expect(report.summary.unanswered).toMatchObject({ timeout: 5 });
    expect(report.summary.requests).toBe(6);
    expect(validateReport(JSON.parse(readFileSync(join(work, "hang", "report.json"), "utf8"))).errors).toEqual([]);
  });

  it("--max-time: a run that hangs part way ends at its deadline with a partial report, verdict error", async () => {
    server.reset();
    const { report } = await runConformance(config("hang-after-3", { timeoutMs: 20_000, maxTimeMs: 1000 }), { evaluator: "in-process" });
    // Three answers: the second zone's lookup (GET /zones) and two probes; the third probe hangs.
    expect(report.verdict).toBe("error");
    expect(report.interrupted).toEqual({ by: "max-time", probesPlanned: expect.any(Number), probesSent: 3 });
    expect(report.error).toMatch(/^stopped at the run's --max-time of 1 s after 3 of \d+ probes; the report holds what was judged so far$/);
    expect(statusOf(report, "AUTH-TOKEN-ACCEPTED")).toBe("passed"); // judged on what came back (the token read was answered)
    const notJudged = report.requirements.filter((r) => r.reason?.startsWith("not judged: stopped at the run's --max-time"));
    expect(notJudged.length).toBeGreaterThan(0);
    expect(report.requirements.filter((r) => r.status === "skipped" && r.reason === "nothing in this run to check it on")).toEqual([]);
    expect(report.summary.unanswered?.stopped).toBeGreaterThan(40);
    expect(validateReport(JSON.parse(readFileSync(join(work, "hang-after-3", "report.json"), "utf8"))).errors).toEqual([]);
  });

  it("a stop signal (SIGINT) gives the same partial report", async () => {
    server.reset();
    const stop = new AbortController();
    setTimeout(() => stop.abort(new RunStop("SIGINT", "interrupted by SIGINT")), 300);
    const { report } = await runConformance(config("hang-after-3", { timeoutMs: 20_000, outDir: join(work, "sigint") }), { evaluator: "in-process", signal: stop.signal });
    expect(report.interrupted?.by).toBe("SIGINT");
    expect(report.error).toMatch(/^interrupted by SIGINT after 3 of/);
  });

  it("a Retry-After of an hour is not waited for: the probes are errored as rate-limited", async () => {
    const { report } = await runConformance(config("retry-after"), { evaluator: "in-process" });
    expect(report.error).toMatch(/rate-limited: the target answered 429 and asked to wait 3600 s/);
    // Each probe and each control read after two of them: refused to wait, never waited.
    expect(report.summary.unanswered!["rate-limited"]).toBeGreaterThanOrEqual(3);
  });

  it("a body nested 100,000 deep fails HTTP-JSON-BODY; nothing errors", async () => {
    // 50 requests: each answer is 200 KB, and the run reads at most 12 MiB of bodies (past that, answers are errored).
    const { report } = await runConformance(config("deep", { budget: 50 }), { evaluator: "in-process", writeReports: false });
    expect(statusOf(report, "HTTP-JSON-BODY")).toBe("failed");
    expect(report.requirements.find((r) => r.id === "HTTP-JSON-BODY")!.failures[0]!.message).toMatch(/nests deeper than 256 levels/);
    expect(report.summary.errored).toBe(0);
  });

  it("a body that is not UTF-8 fails HTTP-JSON-BODY", async () => {
    const { report } = await runConformance(config("bad-utf8"), { evaluator: "in-process", writeReports: false });
    expect(report.requirements.find((r) => r.id === "HTTP-JSON-BODY")!.failures[0]!.message).toMatch(/is not valid UTF-8 \(RFC 8259/);
  });

  it("a 200 MB body fails HTTP-BODY-BOUNDED, and is not also 'cut short' JSON", async () => {
    // Twenty requests (the reads come first): enough 200 MB answers to judge, not a whole run of them.
    const { report } = await runConformance(config("big", { timeoutMs: 5000, budget: 20 }), { evaluator: "in-process", writeReports: false });
    expect(statusOf(report, "HTTP-BODY-BOUNDED")).toBe("failed");
    expect(statusOf(report, "HTTP-JSON-BODY")).toBe("errored");
    expect(report.requirements.find((r) => r.id === "HTTP-JSON-BODY")!.reason).toMatch(/larger than the suite's 8 MiB limit/);
  });

  it("a target echoing the credentials escaped every way: no written byte of the reports, the cassette or a replay reveals them", async () => {
    const dir = join(work, "echo");
    const { exchanges, report } = await runConformance(config("echo", { timeoutMs: 2000, outDir: join(dir, "recorded") }), { evaluator: "in-process" });
    expect(report.verdict).toBe("non-conformant");
    writeCassette(join(dir, "cassette"), {
      manifest: { suite: { name: "s", version: "0" }, spec: report.suite.spec, seed: 12, target: { kind: "url", baseUrl: server.baseUrl("echo") }, source: "hostile", recordedAt: report.finishedAt, zoneId: ZONE, certificateIds: [CERTIFICATE], schemes: ["token", "key"], budget: 1000 },
      exchanges, credentials: CREDENTIALS,
    });
    const replay = await prepareRecordedTarget({ ...config("echo"), target: { kind: "recorded", baseUrl: "", cassette: join(dir, "cassette") }, outDir: join(dir, "replayed") });
    try {
      await runConformance(replay.config, { evaluator: "in-process", reviewExchange: replay.reviewExchange });
    } finally {
      await replay.close();
    }
    const written = files(dir);
    expect(written.length).toBe(10);
    for (const file of written) {
      const text = readFileSync(file, "utf8");
      expect(revealed(text, SECRETS), file).toEqual([]);
      expect(/[\u001b\u009b]/.test(text), `${file} has a raw control character`).toBe(false);
    }
    expect(readFileSync(join(dir, "recorded", "report.md"), "utf8")).toMatch(/\$CLOUDFLARE\\_API\\_TOKEN/);
  });

  it("the cassette writer redacts what it is handed, and refuses a file that would still reveal a credential in any form", () => {
    const manifest = { suite: { name: "s", version: "0" }, spec: { operationId: "o", sha256: "x" }, seed: 1, target: { kind: "url" as const, baseUrl: "http://h" }, source: "t", recordedAt: "", zoneId: ZONE, certificateIds: [], schemes: ["token" as const], budget: 1 };
    const exchange = (body: string) => ({ seq: 1, request: { method: "GET", url: `http://h/zones/${ZONE}`, headers: {} }, timing: { startedAt: "", durationMs: 0 }, attempts: 1, curl: "", response: { status: 200, headers: {}, body } });
    const basic = `Basic ${Buffer.from(`${CREDENTIALS.email}:${CREDENTIALS.apiKey}`).toString("base64")}`;
    writeCassette(join(work, "redacted"), { manifest, exchanges: [exchange(`{"code":"${basic}"}`)], credentials: CREDENTIALS });
    expect(revealed(readFileSync(join(work, "redacted", "exchanges.ndjson"), "utf8"), SECRETS)).toEqual([]);
    // A mapping applied after redaction (here an anonymization gone wrong) must still not get a secret onto disk.
    for (const form of [Buffer.from(CREDENTIALS.token).toString("base64url"), encodeURIComponent(CREDENTIALS.email).toUpperCase()]) {
      let message = "";
      try {
        writeCassette(join(work, "refused"), { manifest, exchanges: [exchange("{}")], credentials: CREDENTIALS, anonymize: new Map([[ZONE, form]]) });
      } catch (e) {
        expect(e).toBeInstanceOf(CassetteError);
        message = (e as Error).message;
      }
      expect(message).toMatch(/^refusing to write a cassette: exchanges\.ndjson line 1 would still contain (the API token \(base64url\)|the account email)/);
      expect(revealed(message, SECRETS)).toEqual([]);
    }
  });
});
