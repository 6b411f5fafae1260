/** One known deviation: a requirement the target is known to fail, and why, until when. */
export interface BaselineEntry {
  /** A registry requirement id (`client-cert-conformance requirements`). */
  requirement: string;
  /** Which failures it covers: a substring of the failure message, or `/regex/flags`; absent: every failure of the requirement. */
  match?: string;
  /** Why the target deviates (shown in every report). */
  reason: string;
  /** Where it is tracked (an issue, a vendor ticket). */
  link?: string;
  /** Last day (UTC) the entry applies, `YYYY-MM-DD`; after it the entry is reported as expired and no longer applies. */
  expires: string;
}

/** A loaded baseline file (`--baseline FILE`). */
export interface Baseline {
  /** The file as given on the command line; printed in the reports. */
  file: string;
  entries: BaselineEntry[];
}

/** What became of an entry in a run: it covered failures, it is past its date, or nothing matched it. */
export type BaselineEntryState = "applied" | "expired" | "unmatched";
