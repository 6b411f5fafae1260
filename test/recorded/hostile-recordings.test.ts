import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/io/usage-error.ts";
import { runConfigFrom, type RunConfig } from "../../src/run/config.ts";
import { runConformance } from "../../src/run/run-conformance.ts";
import { readHar } from "../../src/targets/read-har.ts";
import { DEFAULT_CASSETTE, prepareRecordedTarget } from "../../src/targets/recorded.ts";
import { revealed } from "../support/secret-echo.ts";

/** Recordings handed in by a careless user or an attacker: one line each, never an exception; replayed material redacted. */

const work = mkdtempSync(join(tmpdir(), "hostile-recordings-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MANIFEST = JSON.parse(readFileSync(join(DEFAULT_CASSETTE, "manifest.json"), "utf8")) as Record<string, unknown>;
const LINES = readFileSync(join(DEFAULT_CASSETTE, "exchanges.ndjson"), "utf8").trimEnd().split("\n");
let made = 0;

/** A cassette directory: the shipped one with its manifest and lines changed. */
function cassette(change: { manifest?: (m: Record<string, unknown>) => unknown; lines?: (lines: string[]) => string[] } = {}): string {
  const dir = join(work, `cassette-${++made}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(change.manifest ? change.manifest(structuredClone(MANIFEST)) : MANIFEST));
  writeFileSync(join(dir, "exchanges.ndjson"), (change.lines ? change.lines([...LINES]) : LINES).join("\n") + "\n");
  return dir;
}

function harFile(value: unknown): string {
  const file = join(work, `recording-${++made}.har`);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  return file;
}

const config = (path: string, over: Partial<RunConfig> = {}): RunConfig => ({ ...runConfigFrom({ cassette: path, quiet: true, seed: "42" }, {}), ...over });

async function loadLine(path: string, over: Partial<RunConfig> = {}): Promise<string> {
  try {
    const target = await prepareRecordedTarget(config(path, over));
    await target.close();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).not.toContain("\n");
    return (e as Error).message;
  }
  throw new Error(`${path} loaded`);
}

const entry = (i: number) => JSON.parse(LINES[i]!) as Record<string, any>;

describe("a malformed cassette is one line naming the file, the place and what is wrong", () => {
  it.each([
    ["a line that is null", { lines: (l: string[]) => [l[0]!, "null", ...l.slice(2)] }, "exchanges.ndjson line 2: the entry must be object"],
    ["request headers that are null", { lines: (l: string[]) => [JSON.stringify({ ...entry(0), request: { ...entry(0).request, headers: null } }), ...l.slice(1)] }, "exchanges.ndjson line 1: request.headers must be object"],
    ["a response status that is text", { lines: (l: string[]) => [JSON.stringify({ ...entry(0), response: { ...entry(0).response, status: "200" } }), ...l.slice(1)] }, "exchanges.ndjson line 1: response.status must be integer"],
    ["a line that is not JSON", { lines: (l: string[]) => [l[0]!, "{nope", ...l.slice(2)] }, "exchanges.ndjson line 2 is not JSON"],
    ["a line nested 100,000 deep", { lines: (l: string[]) => ["[".repeat(100_000) + "]".repeat(100_000), ...l] }, "exchanges.ndjson line 1 nests deeper than 256 levels"],
    ["an entry whose URL is no URL", { lines: (l: string[]) => [JSON.stringify({ ...entry(0), request: { ...entry(0).request, url: "http://[" } }), ...l.slice(1)] }, "exchanges.ndjson line 1: request.url is not a URL"],
    ["a base URL that is not http(s)", { manifest: (m: Record<string, any>) => ({ ...m, target: { kind: "url", baseUrl: "ftp://127.0.0.1/client/v4" } }) }, "manifest.json: target.baseUrl is not an http(s) URL (ftp:)"],
    ["a base URL with a password", { manifest: (m: Record<string, any>) => ({ ...m, target: { kind: "url", baseUrl: "http://alice:hunter2secret@127.0.0.1/client/v4" } }) }, "manifest.json: target.baseUrl carries a user name or password"],
    ["a negative budget", { manifest: (m: Record<string, any>) => ({ ...m, budget: -1 }) }, "manifest.json: budget must be >= 1"],
    ["a seed that is text", { manifest: (m: Record<string, any>) => ({ ...m, seed: "42" }) }, "manifest.json: seed must be integer"],
    ["a scheme that does not exist", { manifest: (m: Record<string, any>) => ({ ...m, schemes: ["token", "basic"] }) }, 'manifest.json: schemes[1] must be one of "token", "key"'],
  ])("%s", async (_what, change, expected) => {
    const dir = cassette(change);
    const line = await loadLine(dir);
    expect(line).toContain(`cassette ${dir}`);
    expect(line).toContain(expected);
    expect(line).not.toContain("hunter2secret");
  });

  it("/dev/zero, a missing path and a pipe whose writer never comes", async () => {
    expect(await loadLine("/dev/zero")).toBe("/dev/zero is neither a cassette directory nor a readable HAR file (it does not start as a JSON object); pass --cassette DIR or a HAR 1.2 file");
    expect(await loadLine(join(work, "none"))).toMatch(/^no cassette at .*none: pass --cassette DIR/);
    const fifo = join(work, "fifo.har");
    execFileSync("mkfifo", [fifo]);
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error("stopped by the test")), 50);
    await expect(prepareRecordedTarget(config(fifo), { signal: stop.signal })).rejects.toThrow("stopped by the test");
  });
});

describe("a malformed HAR is one line too", () => {
  const seedHar = (entries: unknown[], field?: unknown) => ({ log: { version: "1.2", entries, ...(field ? { _clientCertConformance: field } : {}) } });
  const request = (url: string) => ({ request: { method: "GET", url, headers: [] }, response: { status: 404, headers: [], content: { text: "{}" } } });

  it.each([
    ["an entry whose URL is no URL", seedHar([request("http://127.0.0.1:1/client/v4/zones/z/client_certificates/c"), request("http://[")]), "entry 2 (log.entries[1]): request.url is not a URL"],
    ["an entry that is null", seedHar([null]), "entry 1 has no request with a url"],
    ["a status that is text", seedHar([{ ...request("http://127.0.0.1:1/x"), response: { status: "404" } }]), "holds no request to /zones/{zone}/client_certificates"],
    ["JSON broken between entries", `{"log":{"entries":[{"request":{}} {"request":{}}]}}`, "not JSON: ',' or ']' was expected at character 34"],
    ["a manifest field with a negative budget", seedHar([], { ...MANIFEST, budget: -5 }), "log._clientCertConformance: budget must be >= 1"],
  ])("%s", async (_what, har, expected) => {
    const file = harFile(har);
    const line = await loadLine(file);
    expect(line).toContain(file);
    expect(line).toContain(expected);
  });

  it("data: and blob: entries (a browser's) are skipped, not refused", async () => {
    const file = harFile(seedHar([request("data:text/plain,hello"), request("http://127.0.0.1:1/client/v4/zones/z/client_certificates/c")]));
    const { entries } = await readHar(file, { seed: 42, budget: 1_000 });
    expect(entries.map((e) => e.request.url)).toEqual(["http://127.0.0.1:1/client/v4/zones/z/client_certificates/c"]);
  });

  it("20,000 identical entries load, converted once and shared", async () => {
    const one = JSON.stringify(request("http://127.0.0.1:1/client/v4/zones/z/client_certificates/c"));
    const file = harFile(`{"log":{"version":"1.2","entries":[${Array.from({ length: 20_000 }, () => one).join(",")}]}}`);
    const { entries } = await readHar(file, { seed: 42, budget: 1_000 });
    expect(entries).toHaveLength(20_000);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20_000 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.request)).size).toBe(1);
  });
});

describe("replaying", () => {
  it("matches on path and query whatever origin the recording names", async () => {
    const dir = cassette({ lines: (l) => l.map((line) => line.replaceAll("http://127.0.0.1:8787/", "https://recorded.example:9443/")) });
    const target = await prepareRecordedTarget(config(dir));
    try {
      const { report } = await runConformance(target.config, { evaluator: "in-process", writeReports: false, reviewExchange: target.reviewExchange });
      expect(report.summary.unanswered).toBeUndefined();
      expect(report.verdict).toBe("conformant");
    } finally {
      await target.close();
    }
  });

  it("a cassette whose exchanges match none of the run's requests is verdict error, saying why", async () => {
    const dir = cassette({ manifest: (m) => ({ ...m, certificateIds: ["0123456789abcdef0123456789abcdef"] }), lines: (l) => l.map((line) => line.replaceAll("/client_certificates", "/client_certificatez")) });
    const target = await prepareRecordedTarget(config(dir));
    try {
      const { report, exitCode } = await runConformance(target.config, { evaluator: "in-process", writeReports: false, reviewExchange: target.reviewExchange });
      expect(report.verdict).toBe("error");
      expect(exitCode).toBe(2);
      expect(report.error).toMatch(/^\d+ gating requirements were skipped for want of evidence, so the run cannot be called conformant \(\d+ of \d+ requests not recorded in the cassette\); the first, /);
      expect(report.requirements.filter((r) => r.skipKind === "not-recorded").length).toBeGreaterThan(10);
    } finally {
      await target.close();
    }
  });

  it("the environment's credentials in a recording are redacted from what is replayed, in every form", async () => {
    const token = "CANARYtoken0123456789abcdefABCDEF0123456789";
    const forms = [token, Buffer.from(token).toString("base64"), encodeURIComponent(token).replace(/A/g, "%41"), token.toLowerCase()];
    const dir = cassette({
      manifest: (m) => ({ ...m, source: `recorded with ${token}` }),
      lines: (l) => l.map((line, i) => {
        if (i !== 3) return line;
        const e = JSON.parse(line);
        return JSON.stringify({ ...e, response: { ...e.response, headers: { ...e.response.headers, "x-echo": forms[1] }, body: e.response.body.replace('"success":true', `"echo":${JSON.stringify(forms.join(" "))},"success":true`) } });
      }),
    });
    const target = await prepareRecordedTarget(config(dir, { secrets: { token } }));
    try {
      const { report } = await runConformance(target.config, { evaluator: "in-process", writeReports: false, reviewExchange: target.reviewExchange });
      expect(revealed(JSON.stringify(report) + (target.note ?? ""), [token])).toEqual([]);
      // The secret came back in an answer: the requirement against echoing it sees its placeholder.
      expect(report.requirements.find((r) => r.id === "AUTH-SECRET-NOT-ECHOED")!.status).toBe("failed");
    } finally {
      await target.close();
    }
  });
});
