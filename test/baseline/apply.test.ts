import { describe, expect, it } from "vitest";
import type { Report } from "../../reports/model.ts";
import { validateReport } from "../../reports/validate-report.ts";
import { renderHtml } from "../../reports/write-html.ts";
import { renderJson } from "../../reports/write-json.ts";
import { renderJunit } from "../../reports/write-junit.ts";
import { renderMarkdown } from "../../reports/write-markdown.ts";
import { sampleRequirement } from "../../reports/sample.ts";
import { applyBaseline, isExpired, loadBaseline } from "../../src/baseline/index.ts";
import { MISSING_MESSAGES, MISSING_SUCCESS, NOW, baseline, entry, failure, reportWith } from "./helpers.ts";

const err = (r: Report) => r.requirements.find((x) => x.id === "ERR-REQUIRED-MEMBERS")!;
const states = (r: Report) => r.baseline!.entries.map((e) => e.state);

function expectValid(report: Report) {
  const result = validateReport(JSON.parse(renderJson(report)));
  expect(result.errors).toEqual([]);
}

describe("applyBaseline", () => {
  it("makes a failure every entry matches a known deviation: still failed, failures kept, verdict conformant", () => {
    const report = reportWith([MISSING_MESSAGES, MISSING_MESSAGES.replace("wrong token", "no credentials")]);
    const before = structuredClone(report);
    const out = applyBaseline(report, baseline(entry()), NOW);
    expect(err(out).status).toBe("failed");
    expect(err(out).failures).toEqual(err(report).failures);
    expect(err(out).knownDeviation).toEqual({ reason: "gateway errors lack messages and result", link: "https://example.test/issues/1", expires: "2027-06-30" });
    expect(out.verdict).toBe("conformant");
    expect(out.summary).toEqual(report.summary);
    expect(out.baseline).toEqual({ file: "baselines/test.json", entries: [{ ...entry(), state: "applied" }] });
    expect(report).toEqual(before);
    expectValid(out);
  });

  it("leaves a partly matched requirement failing: the verdict stays non-conformant", () => {
    const out = applyBaseline(reportWith([MISSING_MESSAGES, MISSING_SUCCESS]), baseline(entry()), NOW);
    expect(err(out).knownDeviation).toBeUndefined();
    expect(out.verdict).toBe("non-conformant");
    expect(states(out)).toEqual(["applied"]);
    expect(renderMarkdown(out)).toContain("other failures still fail it");
    expectValid(out);
  });

  it("combines entries that between them match every failure", () => {
    const out = applyBaseline(reportWith([MISSING_MESSAGES, MISSING_SUCCESS]), baseline(entry(), entry({ match: "/success is required/", reason: "other", expires: "2027-01-31", link: undefined })), NOW);
    expect(err(out).knownDeviation).toEqual({ reason: "gateway errors lack messages and result; other", link: "https://example.test/issues/1", expires: "2027-01-31" });
    expect(out.verdict).toBe("conformant");
  });

  it("does not apply an expired entry, and reports it", () => {
    const out = applyBaseline(reportWith(), baseline(entry({ expires: "2026-02-28" })), NOW);
    expect(err(out).knownDeviation).toBeUndefined();
    expect(out.verdict).toBe("non-conformant");
    expect(states(out)).toEqual(["expired"]);
    expect(renderMarkdown(out)).toMatch(/### Baseline[\s\S]*0 applied · 1 expired · 0 unmatched/);
    expectValid(out);
  });

  it("applies an entry through the whole of its expiry day (UTC)", () => {
    expect(isExpired("2026-03-01", new Date("2026-03-01T23:59:59Z"))).toBe(false);
    expect(isExpired("2026-03-01", new Date("2026-03-02T00:00:00Z"))).toBe(true);
    expect(states(applyBaseline(reportWith(), baseline(entry({ expires: "2026-03-01" })), NOW))).toEqual(["applied"]);
  });

  it("reports an entry nothing matched", () => {
    const out = applyBaseline(reportWith(), baseline(entry(), entry({ requirement: "STATUS-ENUM", match: undefined, reason: "status case" }), entry({ match: "no such text" })), NOW);
    expect(states(out)).toEqual(["applied", "unmatched", "unmatched"]);
    expect(out.verdict).toBe("conformant");
    const html = renderHtml(out);
    expect(html).toContain('id="baseline"');
    expect(html).toContain("nothing matched it");
    expectValid(out);
  });

  it("matches /regex/flags", () => {
    const out = applyBaseline(reportWith([MISSING_MESSAGES, MISSING_SUCCESS]), baseline(entry({ match: "/\\/(MESSAGES|SUCCESS) IS REQUIRED/i" })), NOW);
    expect(err(out).knownDeviation).toBeDefined();
    expect(out.verdict).toBe("conformant");
  });

  it("needs no entry for the '… and N more failures' note", () => {
    const report = reportWith([MISSING_MESSAGES]);
    err(report).failures.push({ message: "… and 12 more failures like these" });
    expect(applyBaseline(report, baseline(entry()), NOW).verdict).toBe("conformant");
  });

  it("an entry without match covers every failure of its requirement, and no other requirement", () => {
    const other = sampleRequirement("ERR-SUCCESS-FALSE", "must", "success is false", "failed", 2, { failures: [failure("success is true")] });
    const out = applyBaseline(reportWith([MISSING_MESSAGES, MISSING_SUCCESS], [other]), baseline(entry({ match: undefined })), NOW);
    expect(err(out).knownDeviation).toBeDefined();
    expect(out.requirements.find((r) => r.id === "ERR-SUCCESS-FALSE")!.knownDeviation).toBeUndefined();
    expect(out.verdict).toBe("non-conformant");
  });

  it("says why when the verdict becomes error (an errored requirement is left to decide it)", () => {
    const errored = sampleRequirement("HTTP-NO-5XX", "must", "never a 5xx", "errored", 1, { reason: "timeout: no answer within 15000 ms" });
    const out = applyBaseline(reportWith([MISSING_MESSAGES], [errored]), baseline(entry()), NOW);
    expect(out.verdict).toBe("error");
    expect(out.error).toBe("HTTP-NO-5XX: timeout: no answer within 15000 ms");
    expectValid(out);
  });

  it("replaces an earlier baseline's outcome when applied again", () => {
    const once = applyBaseline(reportWith(), baseline(entry()), NOW);
    const twice = applyBaseline(once, baseline(entry({ match: "nothing" })), NOW);
    expect(err(twice).knownDeviation).toBeUndefined();
    expect(twice.verdict).toBe("non-conformant");
    expect(states(twice)).toEqual(["unmatched"]);
  });

  it("renders the known deviation in every writer, as skipped in JUnit", () => {
    const out = applyBaseline(reportWith(), baseline(entry(), entry({ expires: "2025-01-01" })), NOW);
    const md = renderMarkdown(out);
    expect(md).toContain("### Known deviations");
    expect(md).toMatch(/### Baseline\n\n`baselines\/test.json`: 1 applied · 1 expired · 0 unmatched/);
    expect(renderJunit(out)).toContain('type="known-deviation"');
    expect(renderHtml(out)).toMatch(/1 applied · 1 expired · 0 unmatched/);
  });
});

describe("baselines/cloudflare-live.json", () => {
  const SOURCE = " [ERR-REQUIRED-MEMBERS; source #/paths/x/get/responses/4xx/content/application~1json/schema/required]";
  const live = loadBaseline("baselines/cloudflare-live.json");

  it("covers 4xx envelopes without messages and result", () => {
    const message = `GET wrong token (403): /messages is required but absent${SOURCE}; /result is required but absent${SOURCE}`;
    const out = applyBaseline(reportWith([message, `GET no credentials: /result is required but absent${SOURCE}`]), live, NOW);
    expect(err(out).knownDeviation).toBeDefined();
    expect(out.verdict).toBe("conformant");
  });

  it("does not hide a missing success or errors in the same body", () => {
    const message = `GET wrong token (403): /success is required but absent${SOURCE}; /messages is required but absent${SOURCE}`;
    const out = applyBaseline(reportWith([message]), live, NOW);
    expect(err(out).knownDeviation).toBeUndefined();
    expect(out.verdict).toBe("non-conformant");
  });
});

describe("the baseline in report.json, report.md and report.html", () => {
  it("is closed in the schema: an unknown state or key is rejected", () => {
    const out = JSON.parse(renderJson(applyBaseline(reportWith(), baseline(entry()), NOW)));
    out.baseline.entries[0].state = "ignored";
    expect(validateReport(out).valid).toBe(false);
    out.baseline.entries[0].state = "applied";
    out.baseline.entries[0].note = "x";
    expect(validateReport(out).valid).toBe(false);
  });

  it("escapes what the baseline file says", () => {
    const out = applyBaseline(reportWith(), baseline(entry({ reason: "<script>alert(1)</script> | pipe", match: "<b>" })), NOW);
    expect(renderHtml(out)).not.toContain("<script>alert(1)");
    expect(renderMarkdown(out)).not.toContain("<script>alert(1)");
  });
});
