import type { Report } from "../../reports/model.ts";
import { clip } from "../../reports/text.ts";
import type { BaselineEntry } from "./types.ts";

/** A baseline file's content: what `--baseline FILE` reads (src/baseline/load.ts). */
export interface BaselineFile {
  description: string;
  entries: BaselineEntry[];
}

export interface BaselineFromReportOptions {
  /** The report's file, as the user named it (in the description). */
  source: string;
  /** Last day (UTC) the new entries apply, `YYYY-MM-DD`. */
  expires: string;
  /** Why the target deviates, for every new entry (default: a line saying where it came from, to be replaced). */
  reason?: string;
  link?: string;
}

/**
 * A baseline that accepts a report's failures as they stand: the report's own baseline entries
 * that applied are kept as they were (match, reason, link, expiry); every failed requirement not
 * wholly covered by them gets a new entry for all its failures. Expired and unmatched entries are
 * dropped; errored requirements are not failures and get none (a baseline does not hide "could not tell").
 */
export function baselineFromReport(report: Report, options: BaselineFromReportOptions): BaselineFile {
  const kept = (report.baseline?.entries ?? []).filter((e) => e.state === "applied").map(({ state: _state, ...entry }): BaselineEntry => entry);
  const fresh: BaselineEntry[] = report.requirements
    .filter((r) => r.status === "failed" && !r.knownDeviation)
    .map((r) => ({
      requirement: r.id,
      reason: options.reason ?? `accepted as found by the run of ${report.startedAt} against ${report.target.baseUrl} (first failure: ${clip(r.failures[0]?.message ?? "", 160)}); replace with why the target deviates`,
      ...(options.link ? { link: options.link } : {}),
      expires: options.expires,
    }));
  return {
    description: `Known deviations of ${report.target.kind === "live" ? "live Cloudflare" : report.target.baseUrl}, started from ${options.source} (${report.startedAt}, verdict ${report.verdict}) by \`client-cert-conformance baseline --from\`. Each entry stops applying after its expiry date; give each a reason and a link, narrow it with a match, or remove it when the target is fixed.`,
    entries: [...kept, ...fresh],
  };
}
