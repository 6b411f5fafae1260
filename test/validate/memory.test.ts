import { closeSync, openSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seedExampleFailureBody, seedExampleSuccessBody } from "../foundation/seed-example.ts";
import { fixture, tempDir, validate } from "./helpers.ts";

const LINES = 50_000;
/** Generous: the file below is larger than this, so reading it whole could not stay under it. */
const MAX_HEAP_GROWTH = 64 * 1024 * 1024;

const tmp = tempDir();
afterAll(tmp.remove);

/** ~50,000 exchanges (bodies as values and as text, a few invalid), written in batches. */
function writeBigNdjson(): string {
  const path = join(tmp.dir, "big.ndjson");
  const headers = { "content-type": "application/json", "cf-ray": "8f1e2d3c4b5a6978-AMS", "x-padding": "p".repeat(600) };
  const ok = JSON.stringify({ status: 200, headers, body: seedExampleSuccessBody() });
  const okText = JSON.stringify({ status: 200, headers, body: JSON.stringify(seedExampleSuccessBody()) });
  const bad = JSON.stringify({ status: 200, headers, body: { ...seedExampleSuccessBody(), result: { ...seedExampleSuccessBody().result, status: "ACTIVE" } } });
  const fail = JSON.stringify({ status: 404, headers, body: seedExampleFailureBody() });
  const fd = openSync(path, "w");
  const batch: string[] = [];
  for (let i = 1; i <= LINES; i++) {
    batch.push(i % 10_000 === 0 ? bad : i % 3 === 0 ? okText : i % 7 === 0 ? fail : ok);
    if (batch.length === 1000) {
      writeSync(fd, batch.join("\n") + "\n");
      batch.length = 0;
    }
  }
  closeSync(fd);
  return path;
}

describe("validate: NDJSON is streamed", () => {
  it(`${LINES} lines validate with heap growth under ${MAX_HEAP_GROWTH / 2 ** 20} MB`, async () => {
    const path = writeBigNdjson();
    expect(statSync(path).size).toBeGreaterThan(MAX_HEAP_GROWTH);
    await validate([fixture("exchanges-valid.ndjson")]); // compile the validator first: its memory is not the file's
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 2);
    const run = await validate([path]);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    expect(run.code).toBe(1);
    expect(run.out.at(-1)).toBe(`validated ${LINES} responses (profile spec): ${LINES - 5} valid, 5 invalid, 5 violations`);
    // Measured at about 6 MB for a 74 MB file; reading the file whole fails this.
    expect(peak - before).toBeLessThan(MAX_HEAP_GROWTH);
  });
});
