import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixture, idsOf, stdinOf, summaryOf, validate } from "./helpers.ts";

const text = (name: string) => readFileSync(fixture(name));

describe("validate -: standard input, detected the same way", () => {
  it.each([1, 7, 64 * 1024])("a bare body (chunks of %i bytes)", async (chunk) => {
    const run = await validate(["-"], stdinOf(text("body-200-status-uppercase.json"), chunk));
    expect(run.code).toBe(1);
    expect(run.out[0]).toMatch(/^<stdin>: \/result\/status must be one of/);
    expect(idsOf(run)).toEqual(["STATUS-ENUM"]);
  });

  it.each([1, 13, 64 * 1024])("NDJSON (chunks of %i bytes) is read line by line, ENTRY the line number", async (chunk) => {
    const run = await validate(["-"], stdinOf(text("exchanges.ndjson"), chunk));
    expect(run.out.slice(0, -1).map((l) => l.slice(0, l.indexOf(": ")))).toEqual(["<stdin>:2", "<stdin>:5", "<stdin>:5", "<stdin>:6"]);
    expect(summaryOf(run)).toBe("validated 6 responses (profile spec): 3 valid, 3 invalid, 4 violations, 1 not validated (status 503)");
  });

  it("a HAR", async () => {
    const run = await validate(["--profile", "strict", "-"], stdinOf(text("session.har"), 100));
    expect(idsOf(run)).toEqual(["STATUS-ENUM", "ERR-ERRORS-NONEMPTY", "HTTP-JSON-CONTENT-TYPE", "HTTP-JSON-BODY"]);
  });

  it("a UTF-8 byte order mark is skipped", async () => {
    const run = await validate(["-"], stdinOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text("body-200.json")]), 2));
    expect(run.code).toBe(0);
  });

  it("stdin and files together", async () => {
    const run = await validate([fixture("body-200.json"), "-"], stdinOf(text("body-4xx.json")));
    expect(run).toEqual({ code: 0, err: [], out: ["validated 2 responses (profile spec): 2 valid, 0 invalid, 0 violations"] });
  });

  it("empty standard input is exit 2 with one line", async () => {
    const run = await validate(["-"], stdinOf("  \n"));
    expect(run.code).toBe(2);
    expect(run.err).toEqual([expect.stringContaining("<stdin>: is empty")]);
  });
});
