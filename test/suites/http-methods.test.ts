import { describe, expect, it } from "vitest";
import type { ExchangeError, ExchangeResponse } from "../../src/http/index.ts";
import type { OtherMethod } from "../../src/http/methods.ts";
import { HTTP_ALLOW_ACCURATE, HTTP_TRACE_REFUSED } from "../../src/registry/index.ts";
import type { Requirement } from "../../src/registry/types.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import { planMethodProbes } from "../../src/run/plan-methods.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";
import { allowedMethods, HTTP_METHOD_CHECKS } from "../../suites/http-methods.ts";
import { evaluateCheck, type Check, type CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";

/**
 * HTTP-ALLOW-ACCURATE and HTTP-TRACE-REFUSED evaluated on hand-built answers to the method probes
 * a run plans (OPTIONS and TRACE on a certificate's path), one way to pass, fail, skip or error at a time.
 */

// Short identifiers keep the path under the length at which failure messages abbreviate it.
const ZONE = "zone-a";
const CERT = "cert-b";

// Not thrown on here when missing: an error while collecting the file would report no failing test.
const checkOf = (requirement: Requirement): Check => HTTP_METHOD_CHECKS.find((c) => c.requirement === requirement)!;
const ALLOW = checkOf(HTTP_ALLOW_ACCURATE);
const TRACE = checkOf(HTTP_TRACE_REFUSED);

// The probes as a run plans them, so the evidence has their real labels, paths and methods.
const PLANNED = planMethodProbes(seedSpec(), ZONE, CERT);
let nextSeq = 1;

function answer(method: OtherMethod, response?: ExchangeResponse, error?: ExchangeError): ProbeResult {
  const probe = PLANNED.find((p) => p.method === method)!;
  return {
    probe,
    exchange: {
      seq: nextSeq++, label: probe.label, attempts: 1, curl: `curl -X ${method} ...`,
      request: { method, url: `https://api.example.test/client/v4${probe.path}`, headers: {} },
      ...(response ? { response } : {}), ...(error ? { error } : {}),
      timing: { startedAt: "2026-01-01T00:00:00.000Z", durationMs: 1 },
    },
  };
}

/** An answer of `status`, with Allow when `allow` is given. */
const res = (status: number, allow?: string, headers: Record<string, string> = {}): ExchangeResponse =>
  ({ status, headers: { ...headers, ...(allow === undefined ? {} : { allow }) }, body: "" });
const options = (status: number, allow?: string) => answer("OPTIONS", res(status, allow));
const trace = (status: number, allow?: string, headers?: Record<string, string>) => answer("TRACE", res(status, allow, headers));

const ctxOf = (methods?: ProbeResult[]): CheckContext =>
  ({ zoneId: ZONE, certificateIds: [CERT], schemes: ["key"], results: [], ...(methods ? { methods } : {}) });
const judge = (check: Check, ...methods: ProbeResult[]) => evaluateCheck(check, ctxOf(methods));
const messages = (o: CheckOutcome) => o.failures.map((f) => f.message);
/** How a failure names its evidence: the probe's label, then the method and path it was sent with. */
const about = (r: ProbeResult) => `${r.probe.label} (${r.exchange.request.method} ${r.probe.path})`;

const TIMEOUT: ExchangeError = { kind: "timeout", message: "no answer in 100 ms" };
const NOT_RECORDED: ExchangeError = { kind: "not-recorded", message: "not in the cassette" };

it("declares a check of each requirement about other methods", () => {
  expect(HTTP_METHOD_CHECKS.map((c) => c.requirement.id)).toEqual(["HTTP-ALLOW-ACCURATE", "HTTP-TRACE-REFUSED"]);
});

describe("allowedMethods", () => {
  it("splits on commas, trims each method and drops empty list elements", () => {
    expect(allowedMethods(" GET,HEAD , ,OPTIONS,")).toEqual(["GET", "HEAD", "OPTIONS"]);
  });

  it("an empty Allow lists no method", () => {
    expect(allowedMethods("")).toEqual([]);
  });
});

describe.each([
  ["HTTP-ALLOW-ACCURATE", ALLOW, "request with another method"],
  ["HTTP-TRACE-REFUSED", TRACE, "TRACE"],
] as const)("%s without method answers to judge", (_, check, what) => {
  // A live run (or one through a proxy) plans none: a legitimate skip that costs nothing.
  it("is skipped as get-only when the run planned no other method", () => {
    expect(evaluateCheck(check, ctxOf())).toMatchObject({
      status: "skipped", checks: 0, skip: "get-only",
      reason: "no request with another method was planned: a live run, or one through a proxy, sends GET alone",
    });
  });

  // Planned but not sent: evidence is missing, so the skip is not a legitimate one.
  it("is skipped for want of evidence when the planned requests were not sent", () => {
    expect(judge(check)).toMatchObject({ status: "skipped", checks: 0, skip: "no-evidence", reason: `no ${what} was sent` });
  });

  it("is errored, not failed, when the request went unanswered", () => {
    const lost = answer("TRACE", undefined, TIMEOUT);
    expect(judge(check, lost)).toMatchObject({
      status: "errored", checks: 0, failures: [], reason: `${about(lost)}: timeout: no answer in 100 ms: could not be judged`,
    });
  });

  it("is errored when the only answer is a 429", () => {
    expect(judge(check, trace(429))).toMatchObject({ status: "errored", checks: 0, failures: [] });
  });

  // Only the cassette's own skip: a sent-but-empty skip added too would be the non-legitimate kind reported.
  it("is skipped as not-recorded when the replay's cassette lacks the request", () => {
    const missing = answer("TRACE", undefined, NOT_RECORDED);
    expect(judge(check, missing)).toMatchObject({
      status: "skipped", checks: 0, skip: "not-recorded", reason: `${about(missing)}: not recorded in the cassette`,
    });
  });
});

describe("HTTP-ALLOW-ACCURATE", () => {
  it.each([
    ["a TRACE refused 405 with an Allow listing GET and OPTIONS", () => trace(405, "GET, HEAD, OPTIONS")],
    ["an OPTIONS refused 405 with an Allow of GET alone", () => options(405, "GET")],
    ["an OPTIONS answered 200 with an Allow listing GET and OPTIONS itself", () => options(200, "GET, HEAD, OPTIONS")],
    ["an OPTIONS answered 204 without Allow", () => options(204)],
    ["a TRACE refused 403 without Allow (only a 405 must carry one)", () => trace(403)],
    ["a TRACE refused 501 with an Allow listing GET", () => trace(501, "GET,HEAD")],
  ])("passes %s, one check per answer", (_, make) => {
    // checks: 1 also pins that a 405 is judged once, not again as any other answer.
    expect(judge(ALLOW, make())).toMatchObject({ status: "passed", checks: 1, failures: [] });
  });

  it("passes OPTIONS and TRACE answers together, one check each", () => {
    expect(judge(ALLOW, options(200, "GET, OPTIONS"), trace(405, "GET, OPTIONS"))).toMatchObject({ status: "passed", checks: 2 });
  });

  it("fails a 405 without Allow, naming the method refused", () => {
    const r = trace(405);
    const outcome = judge(ALLOW, r);
    expect(outcome).toMatchObject({ status: "failed", checks: 0 });
    expect(messages(outcome)).toEqual([`${about(r)}: TRACE answered 405 without Allow (RFC 9110 §15.5.6: an origin server MUST send one)`]);
    expect(outcome.failures[0]).toMatchObject({ request: { method: "TRACE" }, response: { status: 405 } });
  });

  it("fails a 405 whose Allow lists the method it refused", () => {
    const r = trace(405, "GET, TRACE");
    const outcome = judge(ALLOW, r);
    expect(outcome).toMatchObject({ status: "failed", checks: 1 });
    expect(messages(outcome)).toEqual([`${about(r)}: TRACE answered 405 with Allow: GET, TRACE: it lists TRACE, the method it refused`]);
  });

  // The refused method is named even when GET is missing too: it is the graver inaccuracy.
  it("fails a 405 whose Allow lists the refused method but not GET, naming the refused method", () => {
    const r = options(405, "OPTIONS, HEAD");
    expect(messages(judge(ALLOW, r))).toEqual([`${about(r)}: OPTIONS answered 405 with Allow: OPTIONS, HEAD: it lists OPTIONS, the method it refused`]);
  });

  it("fails a 405 whose Allow does not list GET", () => {
    const r = trace(405, "HEAD, POST");
    const outcome = judge(ALLOW, r);
    expect(outcome).toMatchObject({ status: "failed", checks: 1 });
    expect(messages(outcome)).toEqual([`${about(r)}: TRACE answered 405 with Allow: HEAD, POST: it does not list GET`]);
  });

  it("fails a 405 with an empty Allow, which lists no GET", () => {
    const r = options(405, "");
    expect(messages(judge(ALLOW, r))).toEqual([`${about(r)}: OPTIONS answered 405 with Allow: : it does not list GET`]);
  });

  // Method names are case-sensitive tokens (RFC 9110 §9.1).
  it("fails a 405 whose Allow spells GET in lower case", () => {
    expect(judge(ALLOW, trace(405, "get, head"))).toMatchObject({ status: "failed", checks: 1 });
  });

  it("fails an OPTIONS answered 200 with an Allow that does not list GET", () => {
    const r = options(200, "OPTIONS, HEAD");
    const outcome = judge(ALLOW, r);
    expect(outcome).toMatchObject({ status: "failed", checks: 1 });
    expect(messages(outcome)).toEqual([`${about(r)}: OPTIONS answered 200 with Allow: OPTIONS, HEAD, which does not list GET`]);
  });

  it("fails a refusal other than 405 whose Allow does not list GET", () => {
    const r = trace(400, "POST");
    expect(messages(judge(ALLOW, r))).toEqual([`${about(r)}: TRACE answered 400 with Allow: POST, which does not list GET`]);
  });

  it("fails only the inaccurate answer among several, counting each", () => {
    const bad = trace(405, "GET, TRACE");
    const outcome = judge(ALLOW, options(204, "GET, OPTIONS"), bad);
    expect(outcome).toMatchObject({ status: "failed", checks: 2 });
    expect(messages(outcome)).toEqual([`${about(bad)}: TRACE answered 405 with Allow: GET, TRACE: it lists TRACE, the method it refused`]);
  });
});

describe("HTTP-TRACE-REFUSED", () => {
  it.each([400, 403, 404, 405, 499, 501])("passes a TRACE refused with %i", (status) => {
    expect(judge(TRACE, trace(status))).toMatchObject({ status: "passed", checks: 1, failures: [] });
  });

  it.each([200, 204, 302, 399, 500, 502, 503])("fails a TRACE answered %i", (status) => {
    const r = trace(status);
    const outcome = judge(TRACE, r);
    expect(outcome).toMatchObject({ status: "failed", checks: 1 });
    expect(messages(outcome)).toEqual([`${about(r)}: TRACE answered ${status}: expected a refusal, a 4xx or 501`]);
  });

  it("names the content type of a TRACE served, as a reflection shows it", () => {
    const r = trace(200, undefined, { "content-type": "message/http" });
    expect(messages(judge(TRACE, r))).toEqual([`${about(r)}: TRACE answered 200 (message/http): expected a refusal, a 4xx or 501`]);
  });

  // OPTIONS may be served (RFC 9110 §9.3.7): this requirement judges the TRACE answers alone.
  it("does not judge OPTIONS answers", () => {
    expect(judge(TRACE, options(200, "GET, OPTIONS"), trace(405, "GET"))).toMatchObject({ status: "passed", checks: 1 });
    expect(judge(TRACE, options(200))).toMatchObject({ status: "skipped", checks: 0, skip: "no-evidence", reason: "no TRACE was sent" });
  });
});
