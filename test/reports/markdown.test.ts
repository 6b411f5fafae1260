import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../reports/write-markdown.ts";
import { SECRET_TOKEN, allReports, curlLines, hostileReport } from "./fixtures.ts";

describe("report.md", () => {
  for (const [name, report] of Object.entries(allReports())) {
    it(`names every requirement, the verdict, the seed and each curl line: ${name}`, () => {
      const md = renderMarkdown(report);
      for (const r of report.requirements) expect(md).toContain(`\`${r.id}\``);
      expect(md).toContain(`**Verdict: ${report.verdict}**`);
      expect(md).toContain(`seed \`${report.seed}\``);
      expect(md).toContain(report.suite.spec.sha256);
      expect(md).toContain(report.suite.version);
      for (const curl of curlLines(report).filter((c) => !c.includes(SECRET_TOKEN))) expect(md).toContain(`\n${curl}\n`);
    });

    it(`keeps every table row to its five cells: ${name}`, () => {
      const md = renderMarkdown(report);
      for (const row of md.split("\n").filter((l) => l.startsWith("| "))) {
        expect(row.replace(/\\\|/g, "").match(/\|/g)?.length, row).toBeOneOf([3, 6]);
      }
    });
  }

  it("puts the error line under the verdict", () => {
    const md = renderMarkdown(allReports().error);
    expect(md).toMatch(/\*\*Verdict: error\*\*.*\n\n> \*\*Error:\*\* target unreachable/);
  });

  it("writes data as text, never as markup", () => {
    const md = renderMarkdown(hostileReport());
    // Code blocks and code spans show `<` as it is; everywhere else it must be backslash-escaped.
    const outsideCode = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "").replace(/(`+)[^`\n]*?\1/g, "");
    expect(outsideCode).not.toMatch(/(?<!\\)<[a-z/!?]/i);
    expect(outsideCode).not.toMatch(/(?<!\\)&[a-z#]/i);
    expect(outsideCode).toContain("\\<script\\>alert(document.cookie)\\</script\\>");
  });

  it("fences code with more backticks than the code has", () => {
    const md = renderMarkdown(hostileReport());
    expect(md).toContain("````http\nHTTP 200");
    expect(md).toContain("```md\ninner fence\n```");
  });

  it("stays small with a megabyte body and never prints a credential", () => {
    const md = renderMarkdown(hostileReport());
    expect(md.length).toBeLessThan(60_000);
    expect(md).not.toContain(SECRET_TOKEN);
    expect(md).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});
