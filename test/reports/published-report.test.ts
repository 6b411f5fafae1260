import { describe, expect, it } from "vitest";
import type { Report } from "../../reports/model.ts";
import { prettyBody } from "../../reports/pretty-body.ts";
import { sampleBody, sampleFailure, sampleReport } from "../../reports/sample.ts";
import { validateReport } from "../../reports/validate-report.ts";
import { renderHtml } from "../../reports/write-html.ts";
import { renderJson } from "../../reports/write-json.ts";
import { renderMarkdown } from "../../reports/write-markdown.ts";

const marked = (text: string, pointers: string[]) => prettyBody(text, pointers)!.lines.filter((l) => l.marked).map((l) => l.text.trim());

describe("a body pretty-printed with the offending members marked", () => {
  it("marks a member's lines, key included, at any depth, in arrays and under escaped keys", () => {
    const body = '{"success":true,"errors":[],"messages":[{"code":1000,"message":"x"}],"result":{"status":"ACTIVE","a/b~c":{"n":1}}}';
    expect(marked(body, ["/result/status"])).toEqual(['"status": "ACTIVE",']);
    expect(marked(body, ["/messages/0/code"])).toEqual(['"code": 1000,']);
    expect(marked(body, ["/result/a~1b~0c"])).toEqual(['"a/b~c": {', '"n": 1', "}"]);
    expect(prettyBody(body)!.lines.map((l) => l.text)).toEqual([
      "{", '  "success": true,', '  "errors": [],', '  "messages": [', "    {", '      "code": 1000,', '      "message": "x"', "    }", "  ],",
      '  "result": {', '    "status": "ACTIVE",', '    "a/b~c": {', '      "n": 1', "    }", "  }", "}",
    ]);
  });

  it("shows every lexeme as the target wrote it (numbers, escapes, a repeated member) and names what it cannot mark", () => {
    const body = '{"n":1.0,"big":12345678901234567890,"s":"\\u00e9\\n","n":2}';
    expect(prettyBody(body, ["/n", "/messages"])).toEqual({
      lines: [
        { text: "{", marked: false }, { text: '  "n": 1.0,', marked: true }, { text: '  "big": 12345678901234567890,', marked: false },
        { text: '  "s": "\\u00e9\\n",', marked: false }, { text: '  "n": 2', marked: true }, { text: "}", marked: false },
      ],
      unmarked: ["/messages"],
    });
  });

  it("prints an excerpt cut short as far as it goes, then the rest as it is; anything but an object or array is left alone", () => {
    const cut = '{"result":{"id":"abc","status":"ACT… (2400 characters)';
    const pretty = prettyBody(cut, ["/result/status"])!;
    expect(pretty.lines.map((l) => l.text)).toEqual(["{", '  "result": {', '    "id": "abc",', '    "status": "ACT… (2400 characters)']);
    expect(pretty.unmarked).toEqual(["/result/status"]);
    expect(prettyBody("<html>502</html>")).toBeUndefined();
    expect(prettyBody('"a string"')).toBeUndefined();
  });
});

/** A failing report whose STATUS-ENUM failure points at the member it is about. */
function pointedReport(): Report {
  const report = sampleReport("non-conformant");
  const failure = { ...sampleFailure('/result/status must be one of ... (got "Active")', sampleBody({ status: "Active" })), pointers: ["/result/status", "/result/absent"] };
  return {
    ...report,
    suite: { ...report.suite, spec: { ...report.suite.spec, revision: "de210c6feb0acacfcb2c2ead374fe9d38f6fde1f" } },
    requirements: report.requirements.map((r) => (r.id === "STATUS-ENUM" ? { ...r, failures: [failure] } : r)),
  };
}

describe("the published report", () => {
  it("report.json carries the pointers (report.schema.json allows them)", () => {
    expect(validateReport(JSON.parse(renderJson(pointedReport()))).errors).toEqual([]);
  });

  it("report.md: beside the verdict the suite version, the document's sha256 and revision, the date and the target; then what failed", () => {
    const report = pointedReport();
    const md = renderMarkdown(report);
    const lines = md.split("\n");
    const verdict = lines.find((l) => l.startsWith("**Verdict: "))!;
    for (const fact of [report.suite.version, report.suite.spec.sha256, report.suite.spec.revision!, report.startedAt, report.target.baseUrl]) expect(verdict).toContain(fact);
    const firstFailure = lines.findIndex((l) => l.includes("`STATUS-ENUM`"));
    expect(firstFailure).toBeGreaterThan(0);
    expect(firstFailure).toBeLessThan(10);
    expect(firstFailure).toBeLessThan(lines.findIndex((l) => l.startsWith("| ")));
  });

  it("report.md: the body pretty-printed as a diff whose removed lines are the offending member, the absent one named", () => {
    const md = renderMarkdown(pointedReport());
    expect(md).toMatch(/Body, pretty-printed \(lines of the offending member marked `-`; absent or past the excerpt: `\/result\/absent`\):\n\n```diff\n  \{\n/);
    expect(md).toContain('\n-     "status": "Active",\n');
    expect(md).toContain('\n      "id": ');
  });

  it("report.html: the same facts in the banner, and the offending member's line in <mark>", () => {
    const report = pointedReport();
    const html = renderHtml(report);
    const banner = html.slice(html.indexOf('<header class="banner'), html.indexOf("</header>"));
    for (const fact of [report.suite.version, report.suite.spec.sha256, report.suite.spec.revision!, report.startedAt, report.target.baseUrl]) expect(banner).toContain(fact);
    expect(html).toContain('<mark class="offending">    &#34;status&#34;: &#34;Active&#34;,</mark>');
    expect(html).toContain("Absent, or past the excerpt: <code>/result/absent</code>");
  });

  it("a selection is said at the top of both", () => {
    const report = { ...pointedReport(), selection: { include: ["STATUS"], exclude: [], selected: 2, notSelected: 78, probesNotSent: 62 } };
    expect(renderMarkdown(report)).toContain("**Selection** (--include STATUS): judged 2 of 80 requirements; 78 not selected (skipped: no evidence either way), 62 probes not sent for them.");
    expect(renderHtml(report)).toContain("Selection <code>--include STATUS</code>: judged 2 of 80 requirements; 78 not selected");
  });
});
