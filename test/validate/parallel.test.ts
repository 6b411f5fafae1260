import { afterAll, describe, expect, it } from "vitest";
import { validateArgv } from "../../src/cli/validate.ts";
import type { ParallelTuning } from "../../src/validate/ndjson-parallel.ts";
import { seedExampleFailureBody, seedExampleSuccessBody } from "../foundation/seed-example.ts";
import { stdinOf, tempDir } from "./helpers.ts";

const tmp = tempDir();
afterAll(tmp.remove);

/** Lines of every kind: valid and invalid exchanges, bodies as values and as text, blank, damaged, not exchanges, CRLF and a lone CR, a BOM first. */
function mixedNdjson(copies: number): string {
  const headers = { "content-type": "application/json" };
  const ok = JSON.stringify({ status: 200, headers, body: seedExampleSuccessBody() });
  const okText = JSON.stringify({ status: 200, headers, body: JSON.stringify(seedExampleSuccessBody()) });
  const bad = JSON.stringify({ status: 200, headers: { "content-type": "text/html" }, body: { ...seedExampleSuccessBody(), result: { ...seedExampleSuccessBody().result, status: "ACTIVE" } } });
  const fail = JSON.stringify({ status: 404, headers, body: seedExampleFailureBody() });
  const other = JSON.stringify({ request: { method: "GET", url: "https://api.cloudflare.com/client/v4/zones" }, response: { status: 200, body: "{}" } });
  const lines: string[] = [];
  for (let i = 0; i < copies; i++) lines.push(ok, okText, "", fail, i % 5 === 0 ? bad : ok, i % 7 === 0 ? "{not json" : okText, i % 11 === 0 ? '{"status":"x"}' : fail, other, "[1,2]", `${"[".repeat(300)}${"]".repeat(300)}`);
  return `\uFEFF${lines.join("\n").replace(/\n\n/, "\r\n\r\n").replace(/\n\[1,2\]/, "\r[1,2]")}\n`;
}

async function validate(argv: string[], tuning: ParallelTuning, stdin = stdinOf("")) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await validateArgv(argv, { stdin, out: (l) => void out.push(l), err: (l) => void err.push(l) }, tuning);
  return { code, out, err };
}

describe("validate: an NDJSON input in batches on worker threads", () => {
  const text = mixedNdjson(60);
  const path = tmp.file("mixed.ndjson", text);

  it("says what checking it line by line in this thread says, line for line and in input order", async () => {
    const here = await validate(["--profile", "strict", path], { workers: 0 });
    expect(here.code).toBe(2); // some lines are not exchanges
    expect(here.out.filter((l) => l.includes(": not an exchange, skipped:")).length).toBe(10);
    // Small batches, workers from the first byte: every batch boundary and every worker in play.
    for (const tuning of [{ workers: 2, parallelFromBytes: 4096, batchBytes: 700 }]) {
      expect(await validate(["--profile", "strict", path], tuning)).toEqual(here);
    }
  });

  it("reads standard input the same way", async () => {
    const fromFile = await validate([path], { workers: 0 });
    expect(await validate(["-"], { workers: 1, parallelFromBytes: 0, batchBytes: 2048 }, stdinOf(text, 777))).toEqual({
      ...fromFile, out: fromFile.out.map((l) => l.replaceAll(path, "<stdin>")), err: fromFile.err.map((l) => l.replaceAll(path, "<stdin>")),
    });
  });
});
