import { afterAll, describe, expect, it } from "vitest";
import { tempDir, validate } from "./helpers.ts";

/** Bodies built to break a validator: judged, never a stack overflow. */

const tmp = tempDir();
afterAll(tmp.remove);
const file = tmp.file;
const DEPTH = 100_000;
const deep = `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`;

describe("validate: hostile bodies", () => {
  it("a body nested 100,000 deep is one HTTP-JSON-BODY violation (exit 1), not a crash", async () => {
    const run = await validate([file("deep.json", deep)]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([]);
    expect(run.out[0]).toMatch(/deep\.json: \(body\) nests deeper than 256 levels \(at character 256\).*\[HTTP-JSON-BODY; /);
  });

  it("an exchange whose body text nests too deep is a violation; a record that itself does is one clear line, exit 2", async () => {
    const asText = await validate([file("text.ndjson", `${JSON.stringify({ status: 200, headers: { "content-type": "application/json" }, body: deep })}\n`)]);
    expect(asText.code).toBe(1);
    expect(asText.out[0]).toMatch(/text\.ndjson:1: \(body\) nests deeper than 256 levels.*HTTP-JSON-BODY/);
    const asValue = await validate([file("value.ndjson", `{"status":200,"body":${deep}}\n`)]);
    expect(asValue.code).toBe(2);
    expect(asValue.out[0]).toMatch(/value\.ndjson:1: not an exchange, skipped: the line nests deeper than 256 levels/);
    expect(asValue.err).toHaveLength(1);
    const har = await validate([file("deep.har", `{"log":{"entries":[${deep}]}}`)]);
    expect(har.code).toBe(2);
    expect(har.err).toEqual([expect.stringMatching(/deep\.har: nests deeper than 256 levels .*; pass a recording/)]);
  });

  it("a body that is not UTF-8 is an HTTP-JSON-BODY violation (RFC 8259 §8.1)", async () => {
    const run = await validate([file("latin1.json", Buffer.from('{"success":true,"errors":[],"messages":[],"result":{"status":"r\xe9voqu\xe9"}}', "latin1"))]);
    expect(run.code).toBe(1);
    expect(run.out[0]).toMatch(/latin1\.json: \(body\) is not valid UTF-8 \(RFC 8259 §8\.1.*\[HTTP-JSON-BODY; /);
  });
});
