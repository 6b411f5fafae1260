import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seedExampleSuccessBody } from "../foundation/seed-example.ts";
import { fixture, idsOf, summaryOf, tempDir, validate } from "./helpers.ts";

const tmp = tempDir();
afterAll(tmp.remove);

function cassette(name: string, lines: string[]): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "manifest.json"), "{}\n");
  writeFileSync(join(dir, "exchanges.ndjson"), lines.join("\n"));
  return dir;
}
const line = (seq: number, url: string, status: number, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  JSON.stringify({ seq, request: { method: "GET", url, headers: {} }, response: { status, headers, body: typeof body === "string" ? body : JSON.stringify(body) } });
const URL = "https://api.cloudflare.com/client/v4/zones/z1/client_certificates/c1";

describe("validate: a cassette directory", () => {
  it("validates exchanges.ndjson, naming it and the line; the discovery (list) exchange is not this operation's", async () => {
    const run = await validate([fixture("cassette")]);
    const f = join(fixture("cassette"), "exchanges.ndjson");
    expect(run.code).toBe(1);
    expect(run.out[0]).toMatch(new RegExp(`^${f}:3: /result/status`));
    expect(idsOf(run)).toEqual(["STATUS-ENUM"]);
    expect(summaryOf(run)).toBe("validated 3 responses (profile spec): 2 valid, 1 invalid, 1 violations");
  });

  it("strict fails the 404 with errors: [] too", async () => {
    const run = await validate(["--profile", "strict", fixture("cassette")]);
    expect(idsOf(run)).toEqual(["STATUS-ENUM", "ERR-ERRORS-NONEMPTY"]);
  });

  it("a valid cassette passes, whatever its first line looks like", async () => {
    const dir = cassette("valid", [line(1, URL, 200, seedExampleSuccessBody()), line(2, URL, 200, seedExampleSuccessBody())]);
    const run = await validate([dir]);
    expect(run).toEqual({ code: 0, err: [], out: ["validated 2 responses (profile spec): 2 valid, 0 invalid, 0 violations"] });
  });

  it("an HTML body recorded in a cassette is HTTP-JSON-CONTENT-TYPE and HTTP-JSON-BODY", async () => {
    const dir = cassette("html", [line(1, URL, 403, "<html>denied</html>", { "Content-Type": "text/html" })]);
    const run = await validate([dir]);
    expect(idsOf(run)).toEqual(["HTTP-JSON-CONTENT-TYPE", "HTTP-JSON-BODY"]);
  });

  it("a cassette with an empty exchanges.ndjson is exit 2 with one line", async () => {
    const run = await validate([cassette("empty", [])]);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toContain("the cassette has no exchanges");
  });

  it("a directory that is not a cassette is exit 2 with one line naming what is missing", async () => {
    const run = await validate([fixture("not-a-cassette")]);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([expect.stringMatching(/not-a-cassette: is a directory but not a cassette \(it has no manifest\.json and no exchanges\.ndjson\)/)]);
  });
});
