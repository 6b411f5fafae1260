import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../reports/model.ts";
import { configuredSchemes } from "../../src/http/index.ts";
import { startReferenceServer } from "../../src/reference/index.ts";
import { SUITE_NAME, SUITE_VERSION } from "../../src/run/build-report.ts";
import { runConfigFrom, type RunConfig } from "../../src/run/config.ts";
import { runConformance } from "../../src/run/run-conformance.ts";
import { CassetteError, findSecret, writeCassette, type WriteCassetteOptions } from "../../src/targets/cassette.ts";
import { HAR_MANIFEST_FIELD, readHar, writeHar } from "../../src/targets/har.ts";
import { prepareRecordedTarget } from "../../src/targets/recorded.ts";

const CANARY = { token: "CANARYtoken0123456789abcdefABCDEF0123456789", email: "canary.person@canary-example.com", apiKey: "cafe0123456789abcdef0123456789abcde" };
const CHROMIUM_HAR = "fixtures/har-chromium/reference-faults.har";
const CHROMIUM_RUN = JSON.parse(readFileSync("fixtures/har-chromium/expected.json", "utf8")) as { seed: number; verdict: string; requirements: [string, string, number][] };
const work = mkdtempSync(join(tmpdir(), "har-"));

const statuses = (report: Report) => report.requirements.map((r) => [r.id, r.status, r.checks]);

/** A replay of `cassette` (a HAR file here), evaluated in process. */
async function replay(cassette: string, flags: { seed?: string } = {}) {
  const target = await prepareRecordedTarget(runConfigFrom({ cassette, quiet: true, ...flags }, {}));
  try {
    const { report, results } = await runConformance(target.config, { evaluator: "in-process", writeReports: false, reviewExchange: target.reviewExchange });
    return { report, results, note: target.note };
  } finally {
    await target.close();
  }
}

describe("HAR recordings", () => {
  let server: Awaited<ReturnType<typeof startReferenceServer>>;
  let recording: WriteCassetteOptions;
  let recorded: Report;

  beforeAll(async () => {
    // A fault, so that the statuses to reproduce are not all "passed".
    server = await startReferenceServer({ port: 0, rate: 1_000_000, credentials: CANARY, faults: ["status-uppercase"] });
    const config: RunConfig = {
      target: { kind: "url", baseUrl: server.baseUrl }, spec: {}, zoneId: server.zoneId, certificateIds: [], credentials: CANARY,
      schemes: configuredSchemes(CANARY), outDir: work, gatingLevel: "must", seed: 424242, budget: 1_000, rate: 0, timeoutMs: 5_000, quiet: true,
    };
    const run = await runConformance(config, { evaluator: "in-process", writeReports: false });
    recorded = run.report;
    recording = {
      manifest: {
        suite: { name: SUITE_NAME, version: SUITE_VERSION }, spec: run.report.suite.spec, seed: config.seed, target: { kind: "url", baseUrl: server.baseUrl },
        source: "test", recordedAt: run.report.finishedAt, zoneId: server.zoneId, certificateIds: [], schemes: config.schemes, budget: config.budget,
      },
      exchanges: run.exchanges, credentials: CANARY,
    };
  }, 60_000);
  afterAll(async () => server?.close());

  it("the suite's own HAR (what record --format har writes) replays to the statuses of the run that recorded it, no credential in it", async () => {
    const file = join(work, "own.har");
    writeHar(file, recording);
    const text = readFileSync(file, "utf8");
    for (const secret of Object.values(CANARY)) expect(text.includes(secret), secret).toBe(false);
    const har = JSON.parse(text);
    expect(har.log).toMatchObject({ version: "1.2", creator: { name: SUITE_NAME }, [HAR_MANIFEST_FIELD]: { seed: 424242 } });
    expect(har.log.entries[0]).toMatchObject({ request: { method: "GET", httpVersion: "HTTP/1.1" }, response: { status: 200, content: { mimeType: "application/json" } }, timings: { wait: expect.any(Number) } });

    const { report, results } = await replay(file);
    expect(results.filter((r) => r.exchange.error)).toEqual([]);
    expect(report.verdict).toBe("non-conformant");
    expect(statuses(report)).toEqual(statuses(recorded));
  });

  it("a HAR exported by Chromium (of a run against the reference) replays to the statuses of the run that made it", async () => {
    const { report, results, note } = await replay(CHROMIUM_HAR, { seed: String(CHROMIUM_RUN.seed) });
    expect(note).toMatch(/derived from its requests\): base URL http:\/\/127\.0\.0\.1:\d+\/client\/v4, zone [0-9a-f]{32}, certificates discovered from its list request, schemes token\+key, seed \d+ from --seed/);
    expect(results.filter((r) => r.exchange.error).map((r) => r.probe.label)).toEqual([]);
    expect(report.verdict).toBe(CHROMIUM_RUN.verdict);
    // Another tool's HAR holds no bytes as they came off the wire, nor which connection a request went on:
    // the requirements judged on them are skipped with that reason; every other one replays as it was judged.
    // A browser refuses to send TRACE (a forbidden method in Fetch): the run that made the HAR got no answer to it (errored),
    // and the HAR holds no entry for it, so its replay says so (skipped), and judges Allow on the OPTIONS alone.
    const browserCannotSend = new Set(["HTTP-ALLOW-ACCURATE", "HTTP-TRACE-REFUSED"]);
    const onTheWire = new Set(["HTTP-MESSAGE-FRAMING", "HTTP-SINGLETON-FIELDS", "HTTP-CONNECTION-PERSISTENCE", ...browserCannotSend]);
    const judgedWithout = (list: (string | number)[][]) => list.filter(([id]) => !onTheWire.has(id as string));
    expect(judgedWithout(statuses(report))).toEqual(judgedWithout(CHROMIUM_RUN.requirements));
    expect(report.requirements.find((r) => r.id === "HTTP-TRACE-REFUSED")).toMatchObject({ status: "skipped", reason: expect.stringMatching(/not recorded/) });
    expect(report.requirements.find((r) => r.id === "HTTP-ALLOW-ACCURATE")?.status).toBe("passed");
    for (const id of ["HTTP-MESSAGE-FRAMING", "HTTP-SINGLETON-FIELDS"]) {
      expect(report.requirements.find((r) => r.id === id)).toMatchObject({ status: "skipped", reason: expect.stringMatching(/the recording replayed was made without them/) });
    }
    expect(CHROMIUM_RUN.requirements.filter(([, status]) => status === "failed").map(([id]) => id).sort()).toEqual(["AUTH-MISPLACED-REFUSED", "AUTH-REFUSAL-STATUS", "AUTH-TOKEN-NEAR-MISS-REFUSED", "AUTH-TOKEN-WRONG-REFUSED", "HTTP-CONNECTION-PERSISTENCE", "STATUS-ENUM"]);
  });

  it("redacts the raw credentials of another tool's HAR on load, keeping the run's made-up ones", async () => {
    const raw = readFileSync(CHROMIUM_HAR, "utf8");
    const { entries } = await readHar(CHROMIUM_HAR, { seed: CHROMIUM_RUN.seed, budget: 1_000 });
    const loaded = JSON.stringify(entries);
    for (const secret of ["har-fixture-test-token-not-a-secret", "har-fixture@example.invalid", "fee1dead".repeat(4) + "0"]) {
      expect(raw).toContain(secret);
      expect(loaded).not.toContain(secret);
    }
    const sent = (name: string) => new Set(entries.map((e) => e.request.headers[name]).filter(Boolean));
    expect(sent("authorization")).toContain("Bearer $CLOUDFLARE_API_TOKEN");
    expect(sent("x-auth-key")).toContain("$CLOUDFLARE_API_KEY");
    // The wrong token the server accepted (fault any-token-accepted) is a made-up value of the run: kept, not taken for the credential.
    expect([...sent("authorization")].filter((v) => /^Bearer [0-9a-f]{40}$/.test(v as string))).toHaveLength(1);
  });

  it("a HAR without the suite's manifest needs --seed (its fuzzed requests are the seed's), one line each", async () => {
    await expect(prepareRecordedTarget(runConfigFrom({ cassette: CHROMIUM_HAR }, {}))).rejects.toThrow(/does not say which seed its run used: pass --seed N/);
    await expect(prepareRecordedTarget(runConfigFrom({ cassette: "README.md" }, {}))).rejects.toThrow(/README\.md is neither a cassette directory nor a readable HAR file/);
    await expect(prepareRecordedTarget(runConfigFrom({ cassette: "package.json" }, {}))).rejects.toThrow(/package\.json is not a HAR file \(no log\.entries\)/);
  });

  it("both writers refuse a file that would hold a raw secret, and write nothing", () => {
    expect(findSecret(`x ${CANARY.apiKey} y`, CANARY)).toBe(true);
    expect(findSecret("x $CLOUDFLARE_API_KEY y", CANARY)).toBe(false);
    // An anonymization that maps the zone to a credential puts it back after redaction: the last check must see it.
    const leaking = { ...recording, anonymize: new Map([[server.zoneId, CANARY.token]]) };
    expect(() => writeHar(join(work, "leak.har"), leaking)).toThrow(CassetteError);
    expect(() => writeCassette(join(work, "leak-cassette"), leaking)).toThrow(CassetteError);
    expect(existsSync(join(work, "leak.har"))).toBe(false);
    expect(existsSync(join(work, "leak-cassette"))).toBe(false);
  });
});
