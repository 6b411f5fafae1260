import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../reports/write-html.ts";
import { renderJson } from "../../reports/write-json.ts";
import { renderJunit } from "../../reports/write-junit.ts";
import { renderMarkdown } from "../../reports/write-markdown.ts";
import { writeReports } from "../../reports/write-reports.ts";
import { SECRET_TOKEN, hostileReport } from "./fixtures.ts";

const tmp = await mkdtemp(join(tmpdir(), "reports-"));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe("writeReports", () => {
  it("creates the directory and writes the four files each renderer makes", async () => {
    const report = hostileReport();
    const dir = join(tmp, "nested", "run");
    const { files } = await writeReports(report, dir);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(["junit.xml", "report.html", "report.json", "report.md"]);
    const read = (name: string) => readFile(join(dir, name), "utf8");
    expect(await read("report.json")).toBe(renderJson(report));
    expect(await read("report.md")).toBe(renderMarkdown(report));
    expect(await read("report.html")).toBe(renderHtml(report));
    expect(await read("junit.xml")).toBe(renderJunit(report));
  });

  it("keeps no credential in report.json", () => {
    const json = renderJson(hostileReport());
    expect(json).not.toContain(SECRET_TOKEN);
    expect(JSON.parse(json).requirements[0].failures[0].request.headers).toEqual({ authorization: "Bearer [redacted]", "x-auth-key": "[redacted]" });
  });
});
