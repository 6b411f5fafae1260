import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seedExampleSuccessBody } from "../foundation/seed-example.ts";
import { fixture, idsOf, summaryOf, tempDir, validate } from "./helpers.ts";

const tmp = tempDir();
afterAll(tmp.remove);
const URL = "https://api.cloudflare.com/client/v4/zones/z1/client_certificates/c1";

const harWith = (entries: unknown[]) => {
  const path = join(tmp.dir, `h${Math.random().toString(36).slice(2)}.har`);
  writeFileSync(path, JSON.stringify({ log: { version: "1.2", creator: { name: "t", version: "1" }, entries } }));
  return path;
};
const entry = (request: Record<string, unknown>, response: Record<string, unknown>) => ({ request: { method: "GET", url: URL, headers: [], ...request }, response: { status: 200, headers: [], ...response } });

describe("validate: a HAR 1.2 file", () => {
  it.each(["spec", "strict"])("matching GET entries that are valid pass %s", async (profile) => {
    const run = await validate(["--profile", profile, fixture("session-valid.har")]);
    expect(run).toEqual({ code: 0, err: [], out: [`validated 2 responses (profile ${profile}): 2 valid, 0 invalid, 0 violations`] });
  });

  it("only the operation's entries are validated (any base path, query ignored); ENTRY is the index in log.entries; base64 bodies are decoded", async () => {
    const run = await validate([fixture("session.har")]);
    expect(run.code).toBe(1);
    const f = fixture("session.har");
    // entry 1 is the list endpoint (ignored); 3 is base64 with status ACTIVE; 5 a 502 (not validated); 6 a 403 HTML page.
    expect(run.out[0]).toMatch(new RegExp(`^${f}:3: /result/status must be one of`));
    expect(run.out.slice(1, 3).every((l) => l.startsWith(`${f}:6: `))).toBe(true);
    expect(idsOf(run)).toEqual(["STATUS-ENUM", "HTTP-JSON-CONTENT-TYPE", "HTTP-JSON-BODY"]);
    expect(summaryOf(run)).toBe("validated 4 responses (profile spec): 2 valid, 2 invalid, 3 violations, 1 not validated (status 502)");
  });

  it("strict also fails the 404 entry (under another base path) with errors: []", async () => {
    const run = await validate(["--profile", "strict", fixture("session.har")]);
    expect(run.out.find((l) => l.includes("ERR-ERRORS-NONEMPTY"))).toMatch(/session\.har:4: \/errors/);
  });

  it("a HAR none of whose entries is the operation's says so, and exits 0 with a summary of 0", async () => {
    const run = await validate([fixture("none-matching.har")]);
    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.out).toEqual([
      `${fixture("none-matching.har")}: none of its 2 entries is a request to /zones/{zone_identifier}/client_certificates/{client_certificate_identifier}; nothing to validate`,
      "validated 0 responses (profile spec): 0 valid, 0 invalid, 0 violations",
    ]);
  });

  it("the content type falls back on content.mimeType when no headers were recorded", async () => {
    const path = harWith([entry({}, { content: { mimeType: "text/plain", text: JSON.stringify(seedExampleSuccessBody()) } })]);
    const run = await validate([path]);
    expect(idsOf(run)).toEqual(["HTTP-JSON-CONTENT-TYPE"]);
  });

  it("an entry without content.text is not validated (no body recorded); a non-GET entry neither", async () => {
    const path = harWith([
      entry({}, { content: { mimeType: "application/json" } }),
      entry({ method: "PATCH" }, { content: { mimeType: "application/json", text: "{}" } }),
    ]);
    const run = await validate([path]);
    expect(run.code).toBe(0);
    expect(summaryOf(run)).toBe("validated 0 responses (profile spec): 0 valid, 0 invalid, 0 violations, 2 not validated (1 no body recorded, 1 method PATCH)");
  });

  it("an entry without a response is reported as not an exchange, exit 2", async () => {
    const path = harWith([{ request: { method: "GET", url: URL } }]);
    const run = await validate([path]);
    expect(run.code).toBe(2);
    expect(run.out[0]).toMatch(/:1: not an exchange, skipped: the entry has no request and response objects/);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toContain("1 entry is not an exchange (entry 1)");
  });
});
