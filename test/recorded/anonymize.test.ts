import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startReferenceServer } from "../../src/reference/index.ts";
import { runConfigFrom } from "../../src/run/config.ts";
import { runConformance } from "../../src/run/run-conformance.ts";
import { prepareRecordedTarget } from "../../src/targets/recorded.ts";

const exec = promisify(execFile);

describe("record --anonymize", () => {
  it("maps the zone identifier to one stable placeholder everywhere, and the cassette still replays conformant", async () => {
    const server = await startReferenceServer({ port: 0, rate: 1_000_000 });
    const work = mkdtempSync(join(tmpdir(), "anonymize-"));
    const cassette = join(work, "cassette");
    try {
      const c = server.credentials;
      await exec(process.execPath, ["bin/client-cert-conformance.js", "record", "--anonymize", "--quiet", "--cassette", cassette, "--target", server.baseUrl, "--seed", "5", "--out", join(work, "report"),
        // What is recorded is what this test is about, not how fast: no pacing, no burst.
        "--rate", "0", "--burst", "0"], {
        env: { ...process.env, CLOUDFLARE_ZONE_ID: server.zoneId, CLOUDFLARE_API_TOKEN: c.token, CLOUDFLARE_EMAIL: c.email, CLOUDFLARE_API_KEY: c.apiKey },
      });
      const text = readdirSync(cassette).map((f) => readFileSync(join(cassette, f), "utf8")).join("\n");
      expect(text.includes(server.zoneId)).toBe(false);
      const manifest = JSON.parse(readFileSync(join(cassette, "manifest.json"), "utf8"));
      expect(manifest.anonymized).toBe(true);
      expect(text.split(manifest.zoneId).length).toBeGreaterThan(60); // the placeholder stands in paths and bodies alike
      const target = await prepareRecordedTarget(runConfigFrom({ cassette, quiet: true }, {}));
      try {
        const { report } = await runConformance(target.config, { evaluator: "in-process", writeReports: false, reviewExchange: target.reviewExchange });
        expect(report.requirements.filter((r) => r.status !== "passed").map((r) => r.id)).toEqual([]);
      } finally {
        await target.close();
      }
    } finally {
      await server.close();
    }
  }, 60_000);
});
