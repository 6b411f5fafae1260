import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startReferenceServer } from "../../src/reference/index.ts";
import { runConfigFrom } from "../../src/run/config.ts";
import { runConformance } from "../../src/run/run-conformance.ts";
import { prepareRecordedTarget } from "../../src/targets/recorded.ts";

const run = promisify(execFile);
const CANARY = { token: "CANARYtoken0123456789abcdefABCDEF0123456789", email: "canary.person@canary-example.com", apiKey: "cafe0123456789abcdef0123456789abcde" };

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/client-cert-conformance.js", ...args], { env: { ...process.env, ...env }, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("record, then replay", () => {
  const work = mkdtempSync(join(tmpdir(), "record-replay-"));
  const cassette = join(work, "cassette");
  let server: Awaited<ReturnType<typeof startReferenceServer>>;
  let recorded: Awaited<ReturnType<typeof cli>>;
  let replayed: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    server = await startReferenceServer({ port: 0, rate: 1_000_000, credentials: CANARY });
    // Unpaced (--rate 0): what is recorded and replayed is tested here, not the pacing.
    recorded = await cli(["record", "--cassette", cassette, "--target", server.baseUrl, "--seed", "99", "--rate", "0", "--out", join(work, "recorded-report")], {
      CLOUDFLARE_API_TOKEN: CANARY.token, CLOUDFLARE_EMAIL: CANARY.email, CLOUDFLARE_API_KEY: CANARY.apiKey, CLOUDFLARE_ZONE_ID: server.zoneId,
    });
    replayed = await cli(["run", "--cassette", cassette, "--out", join(work, "replayed-report")]);
  }, 120_000);
  afterAll(async () => server?.close());

  it("records a conformant run of the reference", () => {
    expect(recorded.stderr.split("\n").filter((l) => /error/i.test(l))).toEqual([]);
    expect(recorded.code).toBe(0);
    expect(JSON.parse(readFileSync(join(cassette, "manifest.json"), "utf8"))).toMatchObject({ seed: 99, schemes: ["token", "key"], anonymized: false });
  });

  it("a canary credential appears in no file that record, run or validate wrote, nor in their output", async () => {
    const validated = await cli(["validate", "--profile", "strict", cassette]);
    expect(validated.code).toBe(0);
    const written = filesUnder(work).map((f) => readFileSync(f, "utf8")).join("\n");
    const output = [recorded, replayed, validated].map((r) => r.stdout + r.stderr).join("\n");
    for (const secret of Object.values(CANARY)) {
      expect(written.includes(secret), `a file contains ${secret}`).toBe(false);
      expect(output.includes(secret), `the output contains ${secret}`).toBe(false);
    }
    expect(written).toContain("$CLOUDFLARE_API_TOKEN");
  }, 120_000);

  it("replay gives the same verdict and requirement statuses as the run that recorded it", async () => {
    expect(replayed.code).toBe(0);
    const statuses = (dir: string) => {
      const report = JSON.parse(readFileSync(join(work, dir, "report.json"), "utf8"));
      return { verdict: report.verdict, seed: report.seed, requirements: report.requirements.map((r: { id: string; status: string; checks: number }) => [r.id, r.status, r.checks]) };
    };
    expect(statuses("replayed-report")).toEqual(statuses("recorded-report"));
  }, 120_000);

  it("replay is provably offline: no socket is opened", async () => {
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    const outcomes: unknown[] = [];
    // At the recorded default (probes in flight together) and one at a time: every request finds its entry either way.
    for (const concurrency of [undefined, 1]) {
      const target = await prepareRecordedTarget(runConfigFrom({ cassette, quiet: true, ...(concurrency ? { concurrency: String(concurrency) } : {}) }, {}));
      try {
        const { report, results } = await runConformance(target.config, { evaluator: "in-process", writeReports: false, reviewExchange: target.reviewExchange });
        expect(report.verdict).toBe("conformant");
        expect(report.summary.requests).toBeGreaterThan(50);
        expect(results.filter((r) => r.exchange.error)).toEqual([]);
        outcomes.push([report.summary, report.requirements.map((r) => [r.id, r.status, r.checks, r.failures])]);
      } finally {
        await target.close();
      }
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(connect).not.toHaveBeenCalled();
    connect.mockRestore();
  }, 60_000);

  it("a request the cassette lacks is skipped as not recorded, never taken as the target's answer", async () => {
    // Another seed plans other malformed identifiers: those are not in the cassette.
    const target = await prepareRecordedTarget(runConfigFrom({ cassette, quiet: true }, {}));
    try {
      const { report, results } = await runConformance({ ...target.config, seed: 12345 }, { evaluator: "in-process", writeReports: false, reviewExchange: target.reviewExchange });
      expect(results.some((r) => r.exchange.error?.kind === "not-recorded")).toBe(true);
      expect(report.requirements.filter((r) => r.status === "failed")).toEqual([]);
    } finally {
      await target.close();
    }
  }, 60_000);
});
