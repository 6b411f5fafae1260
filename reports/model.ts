import type { Family, Level } from "../src/registry/types.ts";

/**
 * The result of a requirement, ordered as a lattice (after OCI's results.go):
 * skipped < passed < failed < errored. A requirement takes the worst of its checks;
 * errored means the suite could not tell, never that the target failed.
 */
export type RequirementStatus = "passed" | "failed" | "skipped" | "errored";
export const STATUS_RANK: Record<RequirementStatus, number> = { skipped: 0, passed: 1, failed: 2, errored: 3 };

export function worstStatus(statuses: Iterable<RequirementStatus>): RequirementStatus {
  let worst: RequirementStatus = "skipped";
  for (const s of statuses) if (STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
  return worst;
}

/** Which OpenAPI document a run was judged against (`--spec`; the seed by default). */
export interface SpecIdentity {
  operationId: string;
  sha256: string;
  /** The document as the user named it (`schemas/source/openapi.json` for the seed). */
  source?: string;
  /** Its upstream revision, when given (`--spec-revision`). */
  revision?: string;
}

export type Verdict = "conformant" | "non-conformant" | "error";

export interface FailureExcerpt {
  message: string;
  request?: { method: string; url: string; headers?: Record<string, string> };
  response?: { status: number; headers?: Record<string, string>; body?: string };
  reproduce?: string;
  /**
   * JSON pointers into `response.body` of the members the failure is about (a schema violation's
   * instancePath), which report.md and report.html mark in the pretty-printed body. A pointer to
   * a member the body lacks names where it is missing.
   */
  pointers?: string[];
}

/**
 * Why a requirement was skipped. The first five cost the verdict nothing: the run could not have had
 * evidence for the requirement, by how it was configured or by what the target holds. The others
 * mean the run lacks evidence it should have had: a gating requirement skipped so makes the verdict
 * `error` (a run is conformant only when every gating requirement was judged on evidence).
 */
export type SkipKind =
  /** The credential scheme the requirement is about is not configured (its variables are not set). */
  | "scheme-not-configured"
  /** It compares certificates, and the run has fewer than two to read. */
  | "fewer-than-two-certificates"
  /** It compares reads of one certificate, and none was read twice. */
  | "no-repeat-read"
  /** It judges the bytes on the wire, and the recording replayed holds none (a HAR made by another tool). */
  | "no-wire-evidence"
  /** What the target holds gives it nothing to apply to (a certificate without a Subject Key Identifier, an optional member absent), on complete evidence. */
  | "not-applicable"
  /** It is judged on requests with another method than GET (OPTIONS, TRACE), which this run does not send: a live run, or one through a proxy. */
  | "get-only"
  /** The recording replayed lacks the requests it is judged on. */
  | "not-recorded"
  /** Nothing in the run to judge it on, and the run's evidence is incomplete (requests not recorded, left out by the budget, not sent). */
  | "no-evidence";

/** The skips that do not gate the verdict. */
export const LEGITIMATE_SKIPS: ReadonlySet<SkipKind> = new Set<SkipKind>(["scheme-not-configured", "fewer-than-two-certificates", "no-repeat-read", "no-wire-evidence", "not-applicable", "get-only"]);

export interface RequirementResult {
  id: string;
  family: Family;
  level: Level;
  title: string;
  spec: string;
  status: RequirementStatus;
  checks: number;
  failures: FailureExcerpt[];
  /** Why skipped or errored, when it was. */
  reason?: string;
  /** Why skipped, as a kind (see SkipKind): whether the skip costs the verdict. Absent in reports of earlier versions. */
  skipKind?: SkipKind;
  /**
   * Milliseconds its checks took on the run's evidence (JUnit's `time`). Not the time of the
   * requests: those were sent before and are shared by many requirements; the run's duration is
   * `finishedAt - startedAt`. Absent in reports of suite versions before it existed.
   */
  durationMs?: number;
  /** A failure matched by an unexpired baseline entry (recorded mode issue). */
  knownDeviation?: { reason: string; link?: string; expires: string };
  /**
   * True when `--include` / `--exclude` left it out of the run: it is `skipped` with a reason
   * starting "not selected", was not judged, and is no evidence either way.
   */
  notSelected?: true;
}

export interface Report {
  suite: { name: string; version: string; spec: SpecIdentity };
  target: {
    kind: "recorded" | "live" | "url"; baseUrl: string; cassette?: string;
    /** How the target was reached, when not directly (a proxy, its user and password left out) or not fully verified (`--insecure`). */
    network?: { proxy?: string; insecure?: true; ca?: true; clientCertificate?: true; headers?: string[] };
  };
  seed: number;
  startedAt: string;
  finishedAt: string;
  gatingLevel: Level;
  verdict: Verdict;
  /** One line saying why the verdict is `error`, when it is. */
  error?: string;
  summary: {
    passed: number; failed: number; skipped: number; errored: number; requests: number;
    /**
     * Requests of the run that got no usable answer, counted by why (`timeout`, `reset`,
     * `not-http`, `truncated`, `rate-limited`, `stopped`...); absent when every one was answered.
     */
    unanswered?: Record<string, number>;
    /** Requirements `--include` / `--exclude` left out (counted among `skipped` too); absent when every one was selected. */
    notSelected?: number;
  };
  /** The run was stopped before it finished (`--max-time`, SIGINT, SIGTERM): the report holds what was judged so far. */
  interrupted?: Interruption;
  requirements: RequirementResult[];
  /** The known-deviation baseline the run was given (`--baseline FILE`), and what became of each entry. */
  baseline?: { file: string; entries: BaselineEntryResult[] };
  /** The request budget (`--budget`) and the probes it left out (every family gets one before any gets a second). */
  budget?: { limit: number; leftOut: LeftOut[] };
  /** The run judged only some requirements (`--include` / `--exclude`): which, and what that left out. */
  selection?: Selection;
}

/**
 * What `--include` and `--exclude` chose: requirement ids and families as given (upper case),
 * the requirements judged and those not, and the planned probes not sent because they feed
 * only requirements that were not selected.
 */
export interface Selection {
  include: string[];
  exclude: string[];
  selected: number;
  notSelected: number;
  probesNotSent: number;
}

/** A probe (or a group of fuzzed ones) the budget left out. */
export interface LeftOut {
  kind: string;
  label: string;
}

/** How a run was cut short. The verdict of an interrupted run is `error`. */
export interface Interruption {
  /** `signal`: the AbortSignal a library caller gave `runConformance`. */
  by: "max-time" | "SIGINT" | "SIGTERM" | "signal";
  /** Probes planned, and how many of them were sent before the stop. */
  probesPlanned: number;
  probesSent: number;
}

/**
 * A baseline entry after a run: `applied` (it matched failures of its requirement),
 * `expired` (past its date, so it did not apply), `unmatched` (nothing matched it).
 */
export interface BaselineEntryResult {
  requirement: string;
  match?: string;
  reason: string;
  link?: string;
  expires: string;
  state: "applied" | "expired" | "unmatched";
}
