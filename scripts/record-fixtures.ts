/**
 * `npm run fixtures:record`: records the shipped cassette (fixtures/cassette-reference/)
 * from the reference implementation, so `npm run conformance` works offline out of the
 * box. Fixed seeds and test credentials keep re-recordings comparable; the server's
 * random port is stored as http://127.0.0.1:8787.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configuredSchemes } from "../src/http/index.ts";
import { startReferenceServer } from "../src/reference/index.ts";
import { SUITE_NAME, SUITE_VERSION } from "../src/run/build-report.ts";
import type { RunConfig } from "../src/run/config.ts";
import { runConformance } from "../src/run/run-conformance.ts";
import { writeCassette } from "../src/targets/cassette.ts";
import { DEFAULT_CASSETTE } from "../src/targets/recorded.ts";

const SEED = 20261127;
const CANONICAL_BASE_URL = "http://127.0.0.1:8787/client/v4";

const server = await startReferenceServer({ port: 0, rate: 1_000_000, seed: SEED });
const outDir = mkdtempSync(join(tmpdir(), "fixtures-record-"));
try {
  const config: RunConfig = {
    target: { kind: "url", baseUrl: server.baseUrl }, spec: {}, zoneId: server.zoneId, certificateIds: [],
    credentials: server.credentials, schemes: configuredSchemes(server.credentials), outDir,
    gatingLevel: "may", seed: SEED, budget: 1_000, rate: 0, timeoutMs: 5_000, quiet: true,
  };
  const { report, exchanges } = await runConformance(config, { evaluator: "in-process", writeReports: false });
  if (report.verdict !== "conformant") {
    console.error(`the reference is not conformant (${report.verdict}): not recording a cassette from it`);
    process.exit(1);
  }
  const manifest = writeCassette(process.argv[2] ?? DEFAULT_CASSETTE, {
    manifest: {
      suite: { name: SUITE_NAME, version: SUITE_VERSION }, spec: report.suite.spec, seed: SEED,
      target: { kind: "url", baseUrl: server.baseUrl },
      source: "reference implementation (client-cert-conformance serve), recorded by `npm run fixtures:record`",
      recordedAt: report.finishedAt, zoneId: server.zoneId, certificateIds: [], schemes: config.schemes, budget: config.budget,
    },
    exchanges, credentials: server.credentials, canonicalBaseUrl: CANONICAL_BASE_URL,
  });
  console.log(`recorded ${manifest.exchanges} exchanges (seed ${SEED}, ${report.verdict}) to ${process.argv[2] ?? DEFAULT_CASSETTE}`);
} finally {
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}
