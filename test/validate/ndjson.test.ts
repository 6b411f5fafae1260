import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seedExampleFailureBody, seedExampleSuccessBody } from "../foundation/seed-example.ts";
import { hasRequirement } from "../../src/registry/index.ts";
import { MAX_LISTED_NON_EXCHANGES } from "../../src/validate/command.ts";
import { fixture, idsOf, summaryOf, tempDir, validate } from "./helpers.ts";

const tmp = tempDir();
afterAll(tmp.remove);
const write = (name: string, lines: unknown[]) => {
  const path = join(tmp.dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return path;
};
const JSON_HEADERS = { "content-type": "application/json" };

describe("validate: NDJSON of {status, headers, body}", () => {
  it.each(["spec", "strict"])("all valid exchanges (body as value or as text, headers absent or present) pass %s", async (profile) => {
    const run = await validate(["--profile", profile, fixture("exchanges-valid.ndjson")]);
    expect(run).toEqual({ code: 0, err: [], out: [`validated 3 responses (profile ${profile}): 3 valid, 0 invalid, 0 violations`] });
  });

  it("each violation line is FILE:LINE and names its requirement; other statuses are counted as not validated", async () => {
    const run = await validate([fixture("exchanges.ndjson")]);
    expect(run.code).toBe(1);
    const f = fixture("exchanges.ndjson");
    expect(run.out.slice(0, -1).map((l) => l.slice(0, l.indexOf(": ")))).toEqual([`${f}:2`, `${f}:5`, `${f}:5`, `${f}:6`]);
    expect(idsOf(run)).toEqual(["STATUS-ENUM", "HTTP-JSON-CONTENT-TYPE", "HTTP-JSON-BODY", "HTTP-JSON-BODY"]);
    expect(run.out[0]).toContain("/result/status");
    expect(run.out[1]).toContain('content-type header must be application/json (got "text/html")');
    expect(run.out[2]).toContain("(body) is not JSON");
    expect(run.out[2]).toContain("<html>");
    expect(summaryOf(run)).toBe("validated 6 responses (profile spec): 3 valid, 3 invalid, 4 violations, 1 not validated (status 503)");
  });

  it("strict adds ERR-ERRORS-NONEMPTY for the 4xx line with errors: []", async () => {
    const run = await validate(["--profile", "strict", fixture("exchanges.ndjson")]);
    expect(idsOf(run)).toEqual(["STATUS-ENUM", "ERR-ERRORS-NONEMPTY", "HTTP-JSON-CONTENT-TYPE", "HTTP-JSON-BODY", "HTTP-JSON-BODY"]);
    expect(run.out[1]).toMatch(/:4: \/errors /);
  });

  it.each(["spec", "strict"])("every violation line names a requirement of the registry (%s)", async (profile) => {
    const run = await validate(["--profile", profile, fixture("exchanges.ndjson"), fixture("session.har"), fixture("cassette")]);
    const violationLines = run.out.slice(0, -1);
    expect(violationLines.length).toBeGreaterThan(5);
    expect(idsOf(run)).toHaveLength(violationLines.length);
    for (const id of idsOf(run)) expect(hasRequirement(id), id).toBe(true);
  });

  it("one exchange written as a pretty-printed JSON document is validated as entry 1", async () => {
    const path = join(tmp.dir, "one-exchange.json");
    writeFileSync(path, JSON.stringify({ status: 200, headers: { "Content-Type": "text/html" }, body: seedExampleSuccessBody() }, null, 2));
    const run = await validate([path]);
    expect(run.out[0]).toMatch(/one-exchange\.json:1: content-type header must be application\/json/);
    expect(idsOf(run)).toEqual(["HTTP-JSON-CONTENT-TYPE"]);
  });

  it("a truncated body text and an empty body text are HTTP-JSON-BODY violations", async () => {
    const path = write("bodies.ndjson", [
      { status: 200, headers: JSON_HEADERS, body: JSON.stringify(seedExampleSuccessBody()).slice(0, 50) },
      { status: 404, headers: JSON_HEADERS, body: "" },
    ]);
    const run = await validate([path]);
    expect(run.code).toBe(1);
    expect(idsOf(run)).toEqual(["HTTP-JSON-BODY", "HTTP-JSON-BODY"]);
    expect(run.out[1]).toContain("(body) is empty");
  });

  it("a missing content-type, when headers are recorded, is HTTP-JSON-CONTENT-TYPE; charset parameters are fine", async () => {
    const path = write("headers.ndjson", [
      { status: 200, headers: { "x-other": "1" }, body: seedExampleSuccessBody() },
      { status: 200, headers: [["Content-Type", "Application/JSON; charset=UTF-8"]], body: seedExampleSuccessBody() },
      { status: 404, headers: [{ name: "content-type", value: "application/json" }], body: seedExampleFailureBody() },
    ]);
    const run = await validate([path]);
    expect(run.out[0]).toMatch(/:1: content-type header must be application\/json but is absent \[HTTP-JSON-CONTENT-TYPE;/);
    expect(summaryOf(run)).toBe("validated 3 responses (profile spec): 2 valid, 1 invalid, 1 violations");
  });

  it("a single exchange line is NDJSON too (it is unmistakably an exchange, not a body)", async () => {
    const path = write("one.ndjson", [{ status: 404, headers: JSON_HEADERS, body: { ...seedExampleFailureBody(), errors: [] } }]);
    const run = await validate(["--profile", "strict", path]);
    expect(run.out[0]).toMatch(/one\.ndjson:1: \/errors/);
    expect(idsOf(run)).toEqual(["ERR-ERRORS-NONEMPTY"]);
  });

  it("blank lines are skipped but counted, CRLF line ends are fine", async () => {
    const ok = JSON.stringify({ status: 200, body: seedExampleSuccessBody() });
    const bad = JSON.stringify({ status: 200, body: { ...seedExampleSuccessBody(), success: false } });
    const path = join(tmp.dir, "crlf.ndjson");
    writeFileSync(path, `${ok}\r\n\r\n${bad}\r\n`);
    const run = await validate([path]);
    expect(run.out[0]).toMatch(/crlf\.ndjson:3: \/success/);
    expect(idsOf(run)).toEqual(["ENV-SUCCESS-TRUE"]);
  });

  it("lines that are not exchanges are listed, the others still validated, one stderr line, exit 2", async () => {
    const run = await validate([fixture("exchanges-damaged.ndjson")]);
    expect(run.code).toBe(2);
    expect(run.out[0]).toMatch(/exchanges-damaged\.ndjson:2: not an exchange, skipped: the line is not JSON/);
    expect(run.out[1]).toMatch(/exchanges-damaged\.ndjson:3: not an exchange, skipped: it has no status member/);
    expect(summaryOf(run)).toBe("validated 2 responses (profile spec): 2 valid, 0 invalid, 0 violations, 2 not validated (not an exchange)");
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toContain("2 lines are not exchanges (the first is line 2)");
  });

  it(`only the first ${MAX_LISTED_NON_EXCHANGES} lines that are not exchanges are listed one by one`, async () => {
    const path = write("garbage.ndjson", [{ status: 200, body: seedExampleSuccessBody() }, ...Array.from({ length: 25 }, (_, i) => `garbage ${i}`)]);
    const run = await validate([path]);
    expect(run.code).toBe(2);
    expect(run.out.filter((l) => l.includes("not an exchange, skipped"))).toHaveLength(MAX_LISTED_NON_EXCHANGES);
    expect(run.out).toContain(`${path}: 15 more lines are not exchanges (not listed)`);
    expect(run.err).toHaveLength(1);
  });

  it("an exchange line of a 5xx, a 302, or one without a body is counted, not validated", async () => {
    const path = write("skipped.ndjson", [
      { status: 500, body: "oops" }, { status: 500, body: "oops" }, { status: 302, headers: {} }, { status: 200, headers: JSON_HEADERS },
    ]);
    const run = await validate([path]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual(["validated 0 responses (profile spec): 0 valid, 0 invalid, 0 violations, 4 not validated (2 status 500, 1 status 302, 1 no body recorded)"]);
  });
});
