import { join } from "node:path";
import { LOCK_FILE, makeDirectories, otherHolder } from "../src/io/output-claim.ts";
import { UsageError } from "../src/io/usage-error.ts";
import { writeFileAtomic } from "../src/io/write-atomic.ts";
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

/** report.json last: once it is there, the other three of the same run are too. */
const WRITE_ORDER = ["report.md", "report.html", "junit.xml", "report.json"] as const satisfies readonly (keyof typeof REPORT_FILES)[];

/**
 * Creates `dir` (and its parents) and writes every report file into it, each under a temporary
 * name and then renamed, so a reader never sees half a report; returns their paths. A folder
 * another live run has claimed (`claimOutputDir`) is refused: its reports are that run's.
 */
export async function writeReports(report: Report, dir: string): Promise<{ files: string[] }> {
  makeDirectories(dir);
  const holder = otherHolder(join(dir, LOCK_FILE));
  if (holder) throw new UsageError(`reports not written: ${dir} is being written by another run (pid ${holder.pid}); give this run another --out`);
  for (const name of WRITE_ORDER) await writeFileAtomic(join(dir, name), REPORT_FILES[name](report));
  return { files: Object.keys(REPORT_FILES).map((name) => join(dir, name)) };
}
