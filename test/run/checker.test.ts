import { describe, expect, it } from "vitest";
import { conformsTo, evaluateCheck } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import { HTTP_EXISTING_200 } from "../../src/registry/index.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import type { Exchange } from "../../src/http/index.ts";
import { HTTP_CHECKS } from "../../suites/http.ts";

function result(response?: Exchange["response"], error?: Exchange["error"]): ProbeResult {
  return {
    probe: { key: "read:x:key", kind: "read", priority: 0, label: "read x", path: "/zones/z/client_certificates/x", auth: "key", expect: "200", zoneId: "z", certificateId: "x", scheme: "key" },
    exchange: { seq: 1, request: { method: "GET", url: "http://h/zones/z/client_certificates/x", headers: {} }, response, error, timing: { startedAt: "", durationMs: 1 }, attempts: 1, curl: "curl ..." },
  };
}
const ctx = (...results: ProbeResult[]): CheckContext => ({ zoneId: "z", certificateIds: ["x"], schemes: ["key"], results });
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
