import { describe, expect, it } from "vitest";
import { Checker, conformsTo, evaluateCheck } from "../../suites/support/check.ts";
import { resolveRequirement } from "../../src/registry/resolve.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import { HTTP_EXISTING_200, HTTP_JSON_CONTENT_TYPE, HTTP_NO_5XX } from "../../src/registry/index.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import type { Exchange } from "../../src/http/index.ts";
import { HTTP_CHECKS } from "../../suites/http.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";

function result(response?: Exchange["response"], error?: Exchange["error"], scheme: "key" | "token" = "key", attempts = 1): ProbeResult {
  return {
    probe: { key: `read:x:${scheme}`, kind: "read", priority: 0, label: "read x", path: "/zones/z/client_certificates/x", auth: scheme, expect: "200", zoneId: "z", certificateId: "x", scheme },
    exchange: { seq: 1, request: { method: "GET", url: "http://h/zones/z/client_certificates/x", headers: {} }, response, error, timing: { startedAt: "", durationMs: 1 }, attempts, curl: "curl ..." },
  };
}
const ctx = (...results: ProbeResult[]): CheckContext => ({ zoneId: "z", certificateIds: ["x"], schemes: [...new Set(results.map((r) => r.probe.scheme ?? "key"))], results });
const ok = { status: 200, headers: { "content-type": "application/json" }, body: "{}" };
const existing200 = HTTP_CHECKS.find((c) => c.requirement === HTTP_EXISTING_200)!;

describe("a requirement's outcome is the worst of its checks", () => {
  it("passed when every check holds, with the number of checks", () => {
    expect(evaluateCheck(existing200, ctx(result(ok), result(ok)))).toEqual({ status: "passed", checks: 2, failures: [], durationMs: expect.any(Number) });
  });

  it("failed, with the request, response and curl of each failure", () => {
    const outcome = evaluateCheck(existing200, ctx(result(ok), result({ ...ok, status: 404 })));
    expect(outcome.status).toBe("failed");
    expect(outcome.failures[0]).toMatchObject({ message: expect.stringContaining("answered 404, expected 200"), response: { status: 404 }, reproduce: "curl ..." });
  });

  it("errored, never failed, when no answer came (timeout, network)", () => {
    const outcome = evaluateCheck(existing200, ctx(result({ ...ok, status: 500 }), result(undefined, { kind: "timeout", message: "no answer in 100 ms" })));
    expect(outcome.status).toBe("errored");
    expect(outcome.reason).toContain("timeout");
    expect(outcome.failures).toHaveLength(1); // the failure is still shown
  });

  it("skipped when the cassette lacks the request", () => {
    const outcome = evaluateCheck(existing200, ctx(result(undefined, { kind: "not-recorded", message: "not recorded" })));
    expect(outcome).toMatchObject({ status: "skipped", checks: 0, reason: expect.stringContaining("not recorded in the cassette") });
  });

  it("skipped with a reason when there is nothing to check", () => {
    expect(evaluateCheck(existing200, ctx())).toMatchObject({ status: "skipped", reason: "nothing in this run to check it on" });
  });

  it("a check that throws is the suite erroring, not the target failing", () => {
    const broken = conformsTo(HTTP_EXISTING_200, () => { throw new TypeError("oops"); });
    expect(evaluateCheck(broken, ctx(result(ok)))).toMatchObject({ status: "errored", reason: expect.stringContaining("a suite bug") });
  });
});

// What the Checker keeps of the evidence and how it sums it up: facts of the report's format
// (docs/CONTRACT.md), not of any requirement, so pinned here rather than by the generator matrix.
describe("what a failure shows, and how much of it", () => {
  const failing = (count: number, body = "{}") => conformsTo(HTTP_EXISTING_200, (_ctx, c) => {
    for (let i = 0; i < count; i++) c.expect(false, () => `failure ${i}`, result({ ...ok, status: 404, body }));
  });

  it("a failure names the request it is about before what is wrong", () => {
    expect(evaluateCheck(failing(1), ctx(result(ok))).failures[0]!.message).toBe("read x (GET /zones/z/client_certificates/x): failure 0");
  });

  it("a message without evidence is kept as it is, with nothing of a request", () => {
    const outcome = evaluateCheck(conformsTo(HTTP_EXISTING_200, (_ctx, c) => c.expect(false, "no evidence")), ctx(result(ok)));
    expect(outcome.failures).toEqual([{ message: "no evidence" }]);
  });

  it("keeps the first 20 failures and counts the rest in one line", () => {
    const outcome = evaluateCheck(failing(23), ctx(result(ok)));
    expect(outcome.failures).toHaveLength(21);
    expect(outcome.failures[19]!.message).toMatch(/failure 19$/);
    expect(outcome.failures[20]).toEqual({ message: "… and 3 more failures like these" });
    expect(evaluateCheck(failing(20), ctx(result(ok))).failures).toHaveLength(20);
  });

  it("a response body past 2,000 characters is cut in the excerpt, with its length; one of 2,000 is whole", () => {
    const long = evaluateCheck(failing(1, "x".repeat(2_001)), ctx(result(ok))).failures[0]!;
    expect(long.response!.body).toBe(`${"x".repeat(2_000)}… (2001 characters)`);
    expect(evaluateCheck(failing(1, "y".repeat(2_000)), ctx(result(ok))).failures[0]!.response!.body).toBe("y".repeat(2_000));
  });

  it("the excerpt carries the request's method, URL and headers, and the response's status and headers", () => {
    const f = evaluateCheck(failing(1), ctx(result(ok))).failures[0]!;
    expect(f.request).toEqual({ method: "GET", url: "http://h/zones/z/client_certificates/x", headers: {} });
    expect(f.response).toEqual({ status: 404, headers: { "content-type": "application/json" }, body: "{}" });
  });

  it("several reasons are summed up as the first and how many more; one is given alone", () => {
    const twoErrors = conformsTo(HTTP_EXISTING_200, (_ctx, c) => { c.couldNotTell("first"); c.couldNotTell("second"); c.couldNotTell("third"); });
    expect(evaluateCheck(twoErrors, ctx(result(ok)))).toMatchObject({ status: "errored", reason: "first (and 2 more)" });
    const skips = conformsTo(HTTP_EXISTING_200, (_ctx, c) => { c.skip("only"); });
    expect(evaluateCheck(skips, ctx(result(ok)))).toEqual({ status: "skipped", checks: 0, failures: [], reason: "only", skip: "no-evidence", durationMs: expect.any(Number) });
  });

  it("errored outranks failed, failed outranks passed, and checks are counted in each", () => {
    const mixed = conformsTo(HTTP_EXISTING_200, (_ctx, c) => { c.expect(true, "fine"); c.expect(false, "broken"); c.couldNotTell("no answer"); });
    expect(evaluateCheck(mixed, ctx(result(ok)))).toMatchObject({ status: "errored", checks: 2, reason: "no answer", failures: [{ message: "broken" }] });
    const failed = conformsTo(HTTP_EXISTING_200, (_ctx, c) => { c.expect(true, "fine"); c.expect(false, "broken"); c.skip("skipped too"); });
    expect(evaluateCheck(failed, ctx(result(ok)))).toMatchObject({ status: "failed", checks: 2 });
  });

  it("a check that throws keeps the checks it made and the failures it found", () => {
    const halfway = conformsTo(HTTP_EXISTING_200, (_ctx, c) => { c.expect(false, "before"); throw new Error("oops"); });
    expect(evaluateCheck(halfway, ctx(result(ok)))).toMatchObject({ status: "errored", checks: 1, failures: [{ message: "before" }], reason: "the check itself failed (a suite bug): oops" });
  });

  it("a 429 (the attempts spent) is could-not-tell, with the attempts and the Retry-After", () => {
    const limited = result({ status: 429, headers: { "retry-after": "30" }, body: "" }, undefined, "key", 3);
    const outcome = evaluateCheck(existing200, ctx(result(ok), limited));
    expect(outcome).toMatchObject({ status: "errored", reason: "read x (GET /zones/z/client_certificates/x): 429 Too Many Requests after 3 attempts (Retry-After: 30): could not be judged" });
  });
});

describe("a read with a scheme the document does not declare (the seed declares email + key only)", () => {
  const refusedTokenRead = result({ ...ok, status: 401 }, undefined, "token");
  const shouldCopy = conformsTo({ ...HTTP_EXISTING_200, id: "TEST-SHOULD-EXISTING-200", level: "should" }, existing200.run);

  it("is not evidence for a must requirement when a declared scheme was read too", () => {
    expect(seedSpec().declaredSchemes).toEqual(new Set(["key"]));
    expect(evaluateCheck(existing200, ctx(result(ok), refusedTokenRead))).toMatchObject({ status: "passed", checks: 1 });
  });

  it("is evidence when it is the only scheme the run read with", () => {
    expect(evaluateCheck(existing200, ctx(refusedTokenRead))).toMatchObject({ status: "failed" });
  });

  it("is evidence for a should requirement", () => {
    expect(evaluateCheck(shouldCopy, ctx(result(ok), refusedTokenRead))).toMatchObject({ status: "failed", checks: 2 });
  });
});

describe("the Checker's edges", () => {
  it("reports the level the document gives the requirement", () => {
    const spec = seedSpec();
    expect(new Checker(resolveRequirement(HTTP_EXISTING_200, spec), spec).level).toBe("must");
  });

  it("a failure about a request that got no response shows the request and no response", () => {
    const noAnswer = result(undefined, { kind: "timeout", message: "no answer" });
    const f = evaluateCheck(conformsTo(HTTP_EXISTING_200, (_ctx, c) => c.fail("unanswered", noAnswer)), ctx(noAnswer)).failures[0]!;
    expect(f).toEqual({ message: "read x (GET /zones/z/client_certificates/x): unanswered", request: { method: "GET", url: "http://h/zones/z/client_certificates/x", headers: {} }, reproduce: "curl ..." });
  });

  it("a check over every answer skips a request the cassette lacks, saying so", () => {
    const jsonType = HTTP_CHECKS.find((c) => c.requirement === HTTP_JSON_CONTENT_TYPE)!;
    expect(evaluateCheck(jsonType, ctx(result(undefined, { kind: "not-recorded", message: "not recorded" })))).toMatchObject({ status: "skipped", reason: "read x (GET /zones/z/client_certificates/x): not recorded in the cassette" });
  });

  it("a refusal probe sent with an undeclared scheme is still evidence (only reads are set aside)", () => {
    const no5xx = HTTP_CHECKS.find((c) => c.requirement === HTTP_NO_5XX)!;
    const tokenRefusal = result({ ...ok, status: 500 }, undefined, "token");
    tokenRefusal.probe = { ...tokenRefusal.probe, kind: "auth", expect: "4xx" };
    expect(evaluateCheck(no5xx, ctx(result(ok), tokenRefusal))).toMatchObject({ status: "failed", checks: 1 });
  });

  it("whatever a broken check throws is named in the reason, an Error by its message", () => {
    const throwsNull = conformsTo(HTTP_EXISTING_200, () => { throw null; });
    expect(evaluateCheck(throwsNull, ctx(result(ok))).reason).toBe("the check itself failed (a suite bug): null");
  });

  it("the duration is the check's own time, not a clock reading", () => {
    const before = performance.now();
    const { durationMs } = evaluateCheck(existing200, ctx(result(ok)));
    expect(durationMs).toBeGreaterThanOrEqual(0);
    expect(durationMs).toBeLessThanOrEqual(performance.now() - before);
  });
});

describe("what the Checker will not judge", () => {
  it("a response that came with an error (cut or reset mid-body) is could-not-tell, not judged on its part", () => {
    const cut = result({ ...ok, status: 404 }, { kind: "reset", message: "socket hang up" });
    expect(evaluateCheck(existing200, ctx(cut))).toMatchObject({ status: "errored", checks: 0, reason: "read x (GET /zones/z/client_certificates/x): reset: socket hang up: could not be judged" });
  });

  it("a read that names no scheme is evidence like any other (only reads with an undeclared scheme are set aside)", () => {
    const plain = result({ ...ok, status: 404 });
    const noScheme: ProbeResult = { ...plain, probe: { ...plain.probe, scheme: undefined } };
    expect(evaluateCheck(existing200, ctx(result(ok), noScheme))).toMatchObject({ status: "failed", checks: 2 });
  });
});


describe("what kind of skip an outcome is", () => {
  const run = (fn: (c: Checker) => void) => evaluateCheck(conformsTo(HTTP_EXISTING_200, (_ctx, c) => fn(c)), ctx(result(ok)));
  it("a skip is for want of evidence unless the check says which legitimate kind it is", () => {
    expect(run((c) => c.skip("x"))).toMatchObject({ status: "skipped", skip: "no-evidence" });
    expect(run((c) => c.skip("x", "scheme-not-configured"))).toMatchObject({ skip: "scheme-not-configured", reason: "x" });
  });
  it("legitimate only when every skip is: the first that is not names the kind, with its reasons", () => {
    expect(run((c) => { c.skip("fine", "not-applicable"); c.skip("lost", "not-recorded"); })).toMatchObject({ skip: "not-recorded", reason: "lost" });
    expect(run((c) => { c.skip("a", "not-applicable"); c.skip("b", "not-applicable"); })).toMatchObject({ skip: "not-applicable", reason: "a (and 1 more)" });
  });
  it("no check and no skip is nothing to check, which the report resolves by the run's evidence", () => {
    expect(run(() => undefined)).toMatchObject({ status: "skipped", skip: "nothing-to-check" });
  });
});
