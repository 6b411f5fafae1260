import { describe, expect, it } from "vitest";
import { shownStatus } from "../../reports/text.ts";
import { esc, renderHtml } from "../../reports/write-html.ts";
import { SECRET_TOKEN, allReports, curlLines, hostileReport } from "./fixtures.ts";

describe("report.html", () => {
  for (const [name, report] of Object.entries(allReports())) {
    it(`names every requirement, the verdict, the seed and each curl line: ${name}`, () => {
      const html = renderHtml(report);
      for (const r of report.requirements) expect(html).toContain(r.id);
      expect(html).toContain(`<header class="banner ${report.verdict}">`);
      expect(html).toContain(`<code>${report.seed}</code>`);
      for (const curl of curlLines(report).filter((c) => !c.includes(SECRET_TOKEN))) expect(html).toContain(esc(curl));
      if (report.error) expect(html).toContain(`<p class="error-line">${esc(report.error)}</p>`);
    });

    it(`is self-contained and runs nothing: ${name}`, () => {
      const html = renderHtml(report);
      expect(html).not.toMatch(/<script|<iframe|<object|<embed|<link|<img|<base|<meta http-equiv|@import|url\(/i);
      // Data is escaped, so every raw `<` opens one of the page's own tags.
      for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
        expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
        for (const [, value] of tag.matchAll(/\s(?:src|href|action|formaction|srcset|xlink:href)\s*=\s*["']?([^"'\s>]*)/gi)) expect(value).toMatch(/^#/);
      }
    });
  }

  it("escapes everything that comes from the report", () => {
    const html = renderHtml(hostileReport());
    expect(html).toContain("&#60;script&#62;alert(document.cookie)&#60;/script&#62;");
    expect(html).toContain("Title with &#60;img src=x onerror=alert(1)&#62; &#38; &#34;quotes&#34; | pipes");
    expect(html).not.toContain("<b>entry</b>");
    expect(html).not.toContain("javascript:alert(1)\"");
    expect(html.match(/<details/g)?.length).toBe(html.match(/<\/details>/g)?.length);
    expect(html.match(/<pre/g)?.length).toBe(html.match(/<\/pre>/g)?.length);
  });

  it("shows control characters as text, keeps unicode and shortens huge bodies", () => {
    const html = renderHtml(hostileReport());
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    expect(html).toContain("bell\\u0007 nul\\u0000 esc\\u001b[31m");
    expect(html).toContain("lone \\ud800 surrogate");
    expect(html).toContain("証明書 ✓ Zürich 🔐");
    expect(html.length).toBeLessThan(150_000);
    expect(html).toContain("more characters; report.json has the excerpt in full");
  });

  it("shows known deviations apart from failures", () => {
    const html = renderHtml(hostileReport());
    const failures = html.slice(html.indexOf('<section id="failures">'), html.indexOf('<section id="known-deviations">'));
    const deviations = html.slice(html.indexOf('<section id="known-deviations">'));
    expect(failures).toContain("HTTP-STATUS-200");
    expect(failures).not.toContain("RESULT-DATES");
    expect(deviations).toContain('<span class="badge known-deviation">known deviation</span>');
    expect(deviations).toContain("RESULT-DATES");
    expect(deviations).toContain("2099-12-31");
  });

  it("never prints a credential", () => {
    const html = renderHtml(hostileReport());
    expect(html).not.toContain(SECRET_TOKEN);
    expect(html).toContain("authorization: Bearer [redacted]");
  });

  it("opens with the failing requirements right under the verdict: id, statement, first failure, link to the detail", () => {
    for (const report of [allReports()["non-conformant"], hostileReport()]) {
      const html = renderHtml(report);
      const banner = html.slice(html.indexOf("<header"), html.indexOf("</header>"));
      const failing = html.slice(html.indexOf('<section id="failing">'), html.indexOf('<section class="cards">'));
      expect(html.indexOf("</header>")).toBeLessThan(html.indexOf('<section id="failing">'));
      expect(html.indexOf('<section id="failing">')).toBeLessThan(html.indexOf('<section class="cards">'));
      const shown = report.requirements.filter((r) => (shownStatus(r) === "failed" && r.failures.length) || (shownStatus(r) === "errored" && (r.reason || r.failures.length)));
      expect(shown.length).toBeGreaterThan(0);
      for (const r of shown) {
        const first = shownStatus(r) === "errored" ? r.reason ?? r.failures[0]!.message : r.failures[0]!.message;
        expect(failing).toContain(`<a href="#req-${r.id}"><code>${r.id}</code></a>`);
        expect(failing).toContain(esc(r.title));
        expect(failing).toContain(esc(first.slice(0, 60)));
        expect(html).toContain(`id="req-${r.id}"`); // the link leads somewhere
        expect(banner).toContain(`<code>${r.id}</code>`);
      }
      for (const r of report.requirements.filter((x) => x.knownDeviation || x.status === "passed")) expect(failing).not.toContain(`#req-${r.id}"`);
    }
  });

  it("a conformant report says nothing failed", () => {
    const html = renderHtml(allReports().conformant);
    expect(html).not.toContain('<section id="failing">');
    expect(html).not.toContain('class="failed-line"');
  });

  it("puts every table in the layout that stacks its rows on a narrow screen", () => {
    for (const report of Object.values(allReports())) {
      const html = renderHtml(report);
      expect(html).toContain("@media (max-width:640px)");
      expect(html.match(/<table[^>]*>/g)?.filter((t) => t !== '<table class="rows">') ?? []).toEqual([]);
    }
  });
});
