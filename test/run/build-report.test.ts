import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { RequirementResult } from "../../reports/model.ts";
import type { CheckOutcome } from "../../suites/support/check.ts";
import { REQUIREMENTS } from "../../src/registry/index.ts";
import { resolveRequirement } from "../../src/registry/resolve.ts";
import { buildReport, EXIT_CODES, SUITE_NAME, SUITE_VERSION, specIdentity, verdictOf, type ReportInput } from "../../src/run/build-report.ts";
import { loadOperationSpec, seedSpec } from "../../src/schema/operation-spec.ts";

const spec = seedSpec();
const resolved = REQUIREMENTS.map((r) => resolveRequirement(r, spec));
const IDS = resolved.map((r) => r.id);
const levelOf = (id: string) => resolved.find((r) => r.id === id)!.level;
// A `should` requirement and the first `must` one after it (registry order), for "first errored gated" rules.
const FIRST_SHOULD = IDS.find((id) => levelOf(id) === "should")!;
const MUST_AFTER_SHOULD = IDS.slice(IDS.indexOf(FIRST_SHOULD) + 1).find((id) => levelOf(id) === "must")!;
const FIRST_MUST = IDS.find((id) => levelOf(id) === "must")!;
const SECOND_MUST = IDS.slice(IDS.indexOf(FIRST_MUST) + 1).find((id) => levelOf(id) === "must")!;

const passed = (): CheckOutcome => ({ status: "passed", checks: 1, failures: [] });
const failed = (): CheckOutcome => ({ status: "failed", checks: 1, failures: [{ message: "bad" }] });

/** Outcomes with every requirement passed, then `changes` applied. */
function outcomes(changes: Record<string, CheckOutcome> = {}): Map<string, CheckOutcome> {
  const m = new Map<string, CheckOutcome>(IDS.map((id) => [id, passed()]));
  for (const [id, o] of Object.entries(changes)) m.set(id, o);
  return m;
}

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    config: { target: { kind: "url", baseUrl: "http://127.0.0.1:8787/client/v4" }, seed: 42, gatingLevel: "must" },
    spec,
    startedAt: new Date("2026-01-02T03:04:05.678Z"),
    finishedAt: new Date("2026-01-02T03:04:09.001Z"),
    requests: 7,
    outcomes: outcomes(),
    ...over,
  };
}

const entry = (report: ReturnType<typeof buildReport>, id: string) => report.requirements.find((r) => r.id === id)!;

describe("verdictOf", () => {
  const req = (status: RequirementResult["status"], failures: number): RequirementResult => ({
    id: "HTTP-X", family: "HTTP", level: "must", title: "t", spec: "/paths", status, checks: 1,
    failures: Array.from({ length: failures }, () => ({ message: "m" })),
  });
  it("does not count failures of a skipped gated requirement", () => {
    expect(verdictOf([req("skipped", 1)], "must")).toBe("conformant");
  });
  it("is error when one gated requirement errored even though the others passed", () => {
    expect(verdictOf([req("passed", 0), req("errored", 0), req("passed", 0)], "must")).toBe("error");
  });
});

describe("buildReport: the report of a run with every requirement passed", () => {
  it("has the suite, target, seed, timestamps without milliseconds, gating level, verdict and summary, and no optional member", () => {
    const { requirements, ...rest } = buildReport(input());
    expect(requirements).toHaveLength(REQUIREMENTS.length);
    expect(rest).toStrictEqual({
      suite: { name: "client-cert-conformance", version: "0.1.0", spec: specIdentity(spec) },
      target: { kind: "url", baseUrl: "http://127.0.0.1:8787/client/v4" },
      seed: 42,
      startedAt: "2026-01-02T03:04:05Z",
      finishedAt: "2026-01-02T03:04:09Z",
      gatingLevel: "must",
      verdict: "conformant",
      summary: { passed: REQUIREMENTS.length, failed: 0, skipped: 0, errored: 0, requests: 7 },
    });
  });

  it("names the suite as package.json does", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { name: string; version: string };
    expect([SUITE_NAME, SUITE_VERSION]).toEqual([pkg.name, pkg.version]);
    expect(buildReport(input()).suite).toMatchObject({ name: pkg.name, version: pkg.version });
  });

  it("writes timestamps without milliseconds, whatever they were", () => {
    const r = buildReport(input({ startedAt: new Date("2026-01-02T03:04:05.000Z"), finishedAt: new Date("2030-12-31T23:59:59.999Z") }));
    expect([r.startedAt, r.finishedAt]).toEqual(["2026-01-02T03:04:05Z", "2030-12-31T23:59:59Z"]);
  });

  it("lists every registry requirement in registry order, with its resolved level, statement and pointer", () => {
    const r = buildReport(input());
    expect(r.requirements).toStrictEqual(resolved.map((d) => ({
      id: d.id, family: d.family, level: d.level, title: d.statement, spec: d.spec, status: "passed", checks: 1, failures: [], durationMs: 0,
    })));
  });
});

describe("buildReport: requirement entries", () => {
  it("makes a requirement the suite did not check errored, with no checks or failures, saying so", () => {
    const o = outcomes();
    o.delete(SECOND_MUST);
    const r = buildReport(input({ outcomes: o }));
    const { id, family, level, statement, spec: pointer } = resolved.find((d) => d.id === SECOND_MUST)!;
    expect(entry(r, SECOND_MUST)).toStrictEqual({
      id, family, level, title: statement, spec: pointer, status: "errored", checks: 0, failures: [], durationMs: 0, reason: "the suite did not check it",
    });
    expect(r.summary).toMatchObject({ passed: REQUIREMENTS.length - 1, errored: 1 });
  });

  it("gives an unchecked requirement the run error's text as its reason when the run had one", () => {
    const r = buildReport(input({ outcomes: new Map(), error: "target unreachable: ECONNREFUSED" }));
    expect(r.requirements.every((e) => e.status === "errored" && e.reason === "target unreachable: ECONNREFUSED" && e.checks === 0 && e.failures.length === 0)).toBe(true);
    expect(r.summary).toStrictEqual({ passed: 0, failed: 0, skipped: 0, errored: REQUIREMENTS.length, requests: 7 });
    expect(r.verdict).toBe("error");
    expect(r.error).toBe("target unreachable: ECONNREFUSED");
  });

  it("keeps `reason` only on skipped and errored entries, and only when non-empty", () => {
    const [a, b, c, d, e, f] = IDS;
    const r = buildReport(input({ outcomes: outcomes({
      [a!]: { status: "passed", checks: 1, failures: [], reason: "passed reason" },
      [b!]: { status: "failed", checks: 1, failures: [{ message: "bad" }], reason: "failed reason" },
      [c!]: { status: "skipped", checks: 0, failures: [], reason: "nothing to check" },
      [d!]: { status: "errored", checks: 0, failures: [], reason: "could not parse" },
      [e!]: { status: "skipped", checks: 0, failures: [], reason: "" },
      [f!]: { status: "errored", checks: 0, failures: [] },
    }) }));
    const reasons = [a, b, c, d, e, f].map((id) => Object.hasOwn(entry(r, id!), "reason") ? entry(r, id!).reason : "(absent)");
    expect(reasons).toEqual(["(absent)", "(absent)", "nothing to check", "could not parse", "(absent)", "(absent)"]);
  });

  it("rounds durationMs to thousandths of a millisecond, 0 when not measured", () => {
    const [a, b, c, d] = IDS;
    const r = buildReport(input({ outcomes: outcomes({
      [a!]: { ...passed(), durationMs: 1.23456 },
      [b!]: { ...passed(), durationMs: 2.0004 },
      [c!]: { ...passed(), durationMs: 0.0005 },
      [d!]: { ...passed(), durationMs: 1500 },
    }) }));
    expect([a, b, c, d, IDS[4]].map((id) => entry(r, id!).durationMs)).toEqual([1.235, 2, 0.001, 1500, 0]);
  });

  it("counts each status in the summary", () => {
    const [a, b, c, d, e] = IDS;
    const r = buildReport(input({ outcomes: outcomes({
      [a!]: failed(), [b!]: failed(),
      [c!]: { status: "skipped", checks: 0, failures: [], reason: "r" },
      [d!]: { status: "errored", checks: 0, failures: [], reason: "r" }, [e!]: { status: "errored", checks: 0, failures: [], reason: "r" },
    }), requests: 3 }));
    expect(r.summary).toStrictEqual({ passed: REQUIREMENTS.length - 5, failed: 2, skipped: 1, errored: 2, requests: 3 });
  });
});

describe("buildReport: verdict and error", () => {
  const at = (gatingLevel: "must" | "should", changes: Record<string, CheckOutcome>) =>
    buildReport(input({ config: { ...input().config, gatingLevel }, outcomes: outcomes(changes) }));

  it("is non-conformant when a gated requirement failed, with no error member", () => {
    const r = at("must", { [FIRST_MUST]: failed() });
    expect(r.verdict).toBe("non-conformant");
    expect(Object.hasOwn(r, "error")).toBe(false);
  });

  it("is non-conformant, with no error member, when a gated requirement failed and another errored", () => {
    const r = at("must", { [FIRST_MUST]: failed(), [SECOND_MUST]: { status: "errored", checks: 0, failures: [], reason: "x" } });
    expect(r.verdict).toBe("non-conformant");
    expect(Object.hasOwn(r, "error")).toBe(false);
  });

  it("does not gate on a should requirement at level must, but does at level should", () => {
    expect(at("must", { [FIRST_SHOULD]: failed() }).verdict).toBe("conformant");
    expect(at("should", { [FIRST_SHOULD]: failed() }).verdict).toBe("non-conformant");
  });

  it("is error with `<id>: <reason>` of the first errored gated requirement, skipping ungated ones", () => {
    const changes = {
      [FIRST_SHOULD]: { status: "errored" as const, checks: 0, failures: [], reason: "should broke" },
      [MUST_AFTER_SHOULD]: { status: "errored" as const, checks: 0, failures: [], reason: "must broke" },
    };
    const atMust = at("must", changes);
    expect([atMust.verdict, atMust.error]).toEqual(["error", `${MUST_AFTER_SHOULD}: must broke`]);
    const atShould = at("should", changes);
    expect([atShould.verdict, atShould.error]).toEqual(["error", `${FIRST_SHOULD}: should broke`]);
  });

  it("is conformant, with no error member, when only an ungated requirement errored", () => {
    const r = at("must", { [FIRST_SHOULD]: { status: "errored", checks: 0, failures: [], reason: "should broke" } });
    expect(r.verdict).toBe("conformant");
    expect(Object.hasOwn(r, "error")).toBe(false);
  });

  it("takes the run error's text over any requirement's", () => {
    const r = buildReport(input({ error: "boom", outcomes: outcomes({ [FIRST_MUST]: { status: "errored", checks: 0, failures: [], reason: "x" } }) }));
    expect([r.verdict, r.error]).toEqual(["error", "boom"]);
    const clean = buildReport(input({ error: "boom" }));
    expect([clean.verdict, clean.error]).toEqual(["error", "boom"]);
  });

  it("is error for an interrupted run whatever was judged, with the interruption in the report", () => {
    const interrupted = { by: "SIGINT" as const, probesPlanned: 10, probesSent: 4 };
    const r = buildReport(input({ interrupted, error: "stopped after 4 of 10 probes", outcomes: outcomes({ [FIRST_MUST]: failed() }) }));
    expect([r.verdict, r.error, r.interrupted]).toStrictEqual(["error", "stopped after 4 of 10 probes", interrupted]);
    expect(buildReport(input({ interrupted, error: "stopped" })).verdict).toBe("error");
  });

  it("names the first errored gated requirement for an interrupted run without a run error", () => {
    const interrupted = { by: "max-time" as const, probesPlanned: 10, probesSent: 4 };
    const r = buildReport(input({ interrupted, outcomes: outcomes({ [SECOND_MUST]: { status: "errored", checks: 0, failures: [], reason: "not judged" } }) }));
    expect([r.verdict, r.error]).toEqual(["error", `${SECOND_MUST}: not judged`]);
  });

  it("says how an interrupted run with neither a run error nor an errored requirement was stopped", () => {
    const interrupted = { by: "SIGTERM" as const, probesPlanned: 3, probesSent: 2 };
    expect([buildReport(input({ interrupted })).verdict, buildReport(input({ interrupted })).error]).toStrictEqual(["error", "interrupted by SIGTERM after 2 of 3 probes"]);
  });

  it("has no interrupted member when the run was not interrupted", () => {
    expect(Object.hasOwn(buildReport(input({ error: "boom" })), "interrupted")).toBe(false);
  });

  it("maps verdicts to exit codes 0, 1, 2", () => {
    expect(EXIT_CODES).toStrictEqual({ conformant: 0, "non-conformant": 1, error: 2 });
  });
});

describe("buildReport: target, unanswered and budget", () => {
  it("shows an empty base URL as \"(none)\" and keeps the cassette when there is one", () => {
    const r = buildReport(input({ config: { target: { kind: "recorded", baseUrl: "", cassette: "cassettes/a.json" }, seed: 1, gatingLevel: "must" } }));
    expect(r.target).toStrictEqual({ kind: "recorded", baseUrl: "(none)", cassette: "cassettes/a.json" });
    const live = buildReport(input({ config: { target: { kind: "live", baseUrl: "https://api.cloudflare.com/client/v4" }, seed: 1, gatingLevel: "must" } }));
    expect(live.target).toStrictEqual({ kind: "live", baseUrl: "https://api.cloudflare.com/client/v4" });
  });

  it("puts unanswered requests in the summary only when some kind has any", () => {
    expect(buildReport(input({ unanswered: { timeout: 2, reset: 1 } })).summary.unanswered).toStrictEqual({ timeout: 2, reset: 1 });
    expect(Object.hasOwn(buildReport(input({ unanswered: {} })).summary, "unanswered")).toBe(false);
    expect(Object.hasOwn(buildReport(input()).summary, "unanswered")).toBe(false);
  });

  it("has a budget member only when the run had a budget and probes it left out", () => {
    const leftOut = [{ kind: "fuzz", label: "3 fuzzed identifiers" }];
    const config = { ...input().config, budget: 20 };
    expect(buildReport(input({ config, leftOut })).budget).toStrictEqual({ limit: 20, leftOut });
    expect(buildReport(input({ config: { ...config, budget: 0 }, leftOut: [] })).budget).toStrictEqual({ limit: 0, leftOut: [] });
    expect(Object.hasOwn(buildReport(input({ leftOut })), "budget")).toBe(false);
    expect(Object.hasOwn(buildReport(input({ config })), "budget")).toBe(false);
  });
});

describe("specIdentity", () => {
  it("names the seed by operation, sha256 and label, without a revision", () => {
    expect(specIdentity(spec)).toStrictEqual({ operationId: spec.operation.operationId, sha256: spec.source.sha256, source: "schemas/source/openapi.json" });
    expect(spec.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("adds the revision when the document was given one", () => {
    const revised = loadOperationSpec({ revision: "abc123" });
    expect(specIdentity(revised)).toStrictEqual({ operationId: spec.operation.operationId, sha256: spec.source.sha256, source: "schemas/source/openapi.json", revision: "abc123" });
    expect(buildReport(input({ spec: revised })).suite.spec).toStrictEqual(specIdentity(revised));
  });
});

describe("no verdict without evidence", () => {
  const skipped = (skip: CheckOutcome["skip"], reason = "why"): CheckOutcome => ({ status: "skipped", checks: 0, failures: [], reason, skip });

  it("a gating requirement skipped as not recorded makes the verdict error, with the reason in the report's error", () => {
    const report = buildReport(input({ outcomes: outcomes({ [FIRST_MUST]: skipped("not-recorded", "read x: not recorded in the cassette") }), evidenceGaps: ["140 of 140 requests not recorded in the cassette"] }));
    expect(report.verdict).toBe("error");
    expect(entry(report, FIRST_MUST)).toMatchObject({ status: "skipped", skipKind: "not-recorded", reason: "read x: not recorded in the cassette" });
    expect(report.error).toBe(`1 gating requirement was skipped for want of evidence, so the run cannot be called conformant (140 of 140 requests not recorded in the cassette); the first, ${FIRST_MUST}: read x: not recorded in the cassette`);
    expect(EXIT_CODES[report.verdict]).toBe(2);
  });

  it("the legitimate skips cost the verdict nothing", () => {
    for (const kind of ["scheme-not-configured", "fewer-than-two-certificates", "no-repeat-read", "no-wire-evidence", "not-applicable"] as const) {
      const report = buildReport(input({ outcomes: outcomes({ [FIRST_MUST]: skipped(kind) }) }));
      expect(report.verdict, kind).toBe("conformant");
      expect(entry(report, FIRST_MUST).skipKind).toBe(kind);
    }
  });

  it("nothing to check is not applicable on complete evidence, and for want of evidence when the run's evidence has gaps", () => {
    const complete = buildReport(input({ outcomes: outcomes({ [FIRST_MUST]: skipped("nothing-to-check", "nothing in this run to check it on") }) }));
    expect(complete.verdict).toBe("conformant");
    expect(entry(complete, FIRST_MUST).skipKind).toBe("not-applicable");
    const gaps = buildReport(input({ outcomes: outcomes({ [FIRST_MUST]: skipped("nothing-to-check", "nothing in this run to check it on") }), evidenceGaps: ["3 probes left out by --budget"] }));
    expect(gaps.verdict).toBe("error");
    expect(entry(gaps, FIRST_MUST)).toMatchObject({ skipKind: "no-evidence", reason: "nothing in this run to check it on (the run's evidence is incomplete: 3 probes left out by --budget)" });
    expect(gaps.error).toMatch(new RegExp(`\\(3 probes left out by --budget\\); the first, ${FIRST_MUST}: nothing in this run to check it on$`));
  });

  it("a requirement below the gating level skipped for want of evidence does not gate", () => {
    const report = buildReport(input({ outcomes: outcomes({ [FIRST_SHOULD]: skipped("not-recorded") }) }));
    expect(report.verdict).toBe("conformant");
    expect(buildReport(input({ config: { ...input().config, gatingLevel: "should" }, outcomes: outcomes({ [FIRST_SHOULD]: skipped("not-recorded") }) })).verdict).toBe("error");
  });

  it("a failure still proves non-conformance when other requirements lack evidence", () => {
    expect(buildReport(input({ outcomes: outcomes({ [FIRST_MUST]: skipped("not-recorded"), [SECOND_MUST]: failed() }) })).verdict).toBe("non-conformant");
  });

  it("verdictOf: a skip without a kind (a report of an earlier version) does not gate; one for want of evidence does", () => {
    const req = (skipKind?: RequirementResult["skipKind"]): RequirementResult => ({ id: "HTTP-X", family: "HTTP", level: "must", title: "t", spec: "/p", status: "skipped", checks: 0, failures: [], ...(skipKind ? { skipKind } : {}) });
    expect(verdictOf([req()], "must")).toBe("conformant");
    expect(verdictOf([req("no-evidence")], "must")).toBe("error");
    expect(verdictOf([req("not-applicable")], "must")).toBe("conformant");
  });
});
