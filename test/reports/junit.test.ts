import { describe, expect, it } from "vitest";
import type { Report } from "../../reports/model.ts";
import { renderJunit } from "../../reports/write-junit.ts";
import { SECRET_TOKEN, allReports, hostileReport } from "./fixtures.ts";
import { parseXml, unescapeXml, type XmlElement } from "./helpers.ts";

/** What the counts must be, worked out here rather than taken from the writer. */
function expected(requirements: Report["requirements"]) {
  return {
    tests: requirements.length,
    failures: requirements.filter((r) => r.status === "failed" && !r.knownDeviation).length,
    errors: requirements.filter((r) => r.status === "errored").length,
    skipped: requirements.filter((r) => r.status === "skipped" || (r.status === "failed" && r.knownDeviation)).length,
  };
}

function counts(el: XmlElement) {
  return { tests: Number(el.attrs.tests), failures: Number(el.attrs.failures), errors: Number(el.attrs.errors), skipped: Number(el.attrs.skipped) };
}

describe("junit.xml", () => {
  for (const [name, report] of Object.entries(allReports())) {
    it(`is well-formed and its counts match the report: ${name}`, () => {
      const root = parseXml(renderJunit(report));
      expect(root.name).toBe("testsuites");
      expect(counts(root)).toEqual(expected(report.requirements));
      for (const suite of root.children.filter((c) => c.name === "testsuite")) {
        const family = unescapeXml(suite.attrs.name!);
        const cases = suite.children.filter((c) => c.name === "testcase");
        expect(counts(suite)).toEqual(expected(report.requirements.filter((r) => r.family === family)));
        expect(cases.length).toBe(Number(suite.attrs.tests));
        const child = (n: string) => cases.filter((c) => c.children.some((x) => x.name === n)).length;
        expect(child("failure")).toBe(Number(suite.attrs.failures));
        expect(child("error")).toBe(Number(suite.attrs.errors));
        expect(child("skipped")).toBe(Number(suite.attrs.skipped));
      }
    });
  }

  it("gives every testcase its checks' time and every testsuite the sum of its testcases', in seconds", () => {
    const report = hostileReport();
    const root = parseXml(renderJunit(report));
    const suites = root.children.filter((c) => c.name === "testsuite");
    expect(suites.length).toBeGreaterThan(0);
    for (const suite of suites) {
      const family = report.requirements.filter((r) => r.family === unescapeXml(suite.attrs.name!));
      const cases = suite.children.filter((c) => c.name === "testcase");
      expect(cases.map((c) => c.attrs.time)).toEqual(family.map((r) => (r.durationMs! / 1000).toFixed(3)));
      expect(suite.attrs.time).toBe((family.reduce((sum, r) => sum + r.durationMs!, 0) / 1000).toFixed(3));
    }
    expect(Number(root.attrs.time)).toBeGreaterThan(0);
    // A report of an older version has no durationMs: time is still there, 0.
    const old = { ...report, requirements: report.requirements.map(({ durationMs: _d, ...r }) => r) };
    expect(parseXml(renderJunit(old)).children[0]!.children.find((c) => c.name === "testcase")!.attrs.time).toBe("0.000");
  });

  it("has one testcase per requirement, classname FAMILY and name `ID: title`", () => {
    const report = hostileReport();
    const cases = parseXml(renderJunit(report)).children.flatMap((s) => s.children.filter((c) => c.name === "testcase"));
    expect(cases.map((c) => [unescapeXml(c.attrs.classname!), unescapeXml(c.attrs.name!)]).sort())
      .toEqual(report.requirements.map((r) => [r.family, `${r.id}: ${r.title}`]).sort());
  });

  it("puts failure messages and curl lines in the failure body", () => {
    const report = hostileReport();
    const tc = parseXml(renderJunit(report)).children.flatMap((s) => s.children).find((c) => c.attrs.name?.startsWith("HTTP-STATUS-200"))!;
    const failure = tc.children.find((c) => c.name === "failure")!;
    expect(unescapeXml(failure.attrs.message!)).toContain("<script>alert(document.cookie)</script>");
    const text = unescapeXml(failure.text);
    expect(text).toContain("curl -sS -H 'Accept: application/json' 'https://api.example.test/client/v4/zones/z/client_certificates/a&b=<c>'");
    expect(text).toContain("multi\nline");
    expect(text).toContain("証明書 ✓ Zürich 🔐");
    expect(text.length).toBeLessThan(20_000); // the megabyte body is shortened
  });

  it("gives skipped requirements their reason, errored ones an <error>", () => {
    const suites = parseXml(renderJunit(hostileReport())).children;
    const tc = (id: string) => suites.flatMap((s) => s.children).find((c) => c.attrs.name?.startsWith(id))!;
    expect(unescapeXml(tc("X509-SERIAL").children[0]!.attrs.message!)).toBe("no certificate to compare");
    expect(tc("X509-SERIAL").children[0]!.name).toBe("skipped");
    expect(tc("ERR-ENVELOPE").children[0]!.name).toBe("error");
    expect(unescapeXml(tc("ERR-ENVELOPE").children[0]!.attrs.message!)).toBe("network: ECONNRESET");
    expect(tc("RESULT-DATES").children[0]!.attrs.type).toBe("known-deviation");
  });

  it("drops characters XML 1.0 forbids and never prints a credential", () => {
    const xml = renderJunit(hostileReport());
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toContain("]]>");
    expect(xml).not.toContain(SECRET_TOKEN);
  });

  it("says why a run errored before any requirement", () => {
    const report = allReports()["error before any requirement"];
    const root = parseXml(renderJunit(report));
    expect(unescapeXml(root.children[0]!.children.find((c) => c.name === "system-err")!.text)).toBe(report.error);
  });
});
