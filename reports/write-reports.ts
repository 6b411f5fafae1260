import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Report } from "./model.ts";
import { renderHtml } from "./write-html.ts";
import { renderJson } from "./write-json.ts";
import { renderJunit } from "./write-junit.ts";
import { renderMarkdown } from "./write-markdown.ts";

/** The files of a report directory (docs/CONTRACT.md, Reports) and what renders each. */
export const REPORT_FILES = {
  "report.json": renderJson,
  "report.md": renderMarkdown,
  "report.html": renderHtml,
  "junit.xml": renderJunit,
} as const satisfies Record<string, (report: Report) => string>;

/** Creates `dir` (and its parents) and writes every report file into it; returns their paths. */
export async function writeReports(report: Report, dir: string): Promise<{ files: string[] }> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [name, render] of Object.entries(REPORT_FILES)) {
    const path = join(dir, name);
    await writeFile(path, render(report), "utf8");
    files.push(path);
  }
  return { files };
}
