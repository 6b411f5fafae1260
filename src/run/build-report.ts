import { LEGITIMATE_SKIPS, type Interruption, type LeftOut, type Report, type RequirementResult, type SkipKind, type SpecIdentity, type Verdict } from "../../reports/model.ts";
import type { CheckOutcome } from "../../suites/support/check.ts";
import { REQUIREMENTS } from "../registry/index.ts";
import { resolveRequirement } from "../registry/resolve.ts";
import { gates, type Level } from "../registry/types.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";
import { withoutUserinfo } from "../http/index.ts";
import type { RunConfig } from "./config.ts";

export const SUITE_NAME = "client-cert-conformance";
export const SUITE_VERSION = "0.1.0";

/** The report's `target.network`: how the target was reached (names only: no header value, no proxy password). */
function networkOf(config: Partial<Pick<RunConfig, "proxy" | "proxyEnv" | "tls" | "headers">>): { network?: NonNullable<Report["target"]["network"]> } {
  const proxy = config.proxy ? withoutUserinfo(config.proxy) : undefined;
  const network = {
    ...(proxy ? { proxy } : config.proxyEnv && Object.keys(config.proxyEnv).some((k) => !/no_proxy/i.test(k)) ? { proxy: "from the environment (HTTPS_PROXY / HTTP_PROXY, NO_PROXY)" } : {}),
    ...(config.tls?.insecure ? { insecure: true as const } : {}),
    ...(config.tls?.ca ? { ca: true as const } : {}),
    ...(config.tls?.cert ? { clientCertificate: true as const } : {}),
    ...(config.headers ? { headers: Object.keys(config.headers) } : {}),
  };
  return Object.keys(network).length ? { network } : {};
}

export interface ReportInput {
  config: Pick<RunConfig, "target" | "seed" | "gatingLevel"> & Partial<Pick<RunConfig, "proxy" | "proxyEnv" | "tls" | "headers">> & { budget?: number };
  /** The document the run was judged against: levels and pointers are its. */
  spec: OperationSpec;
  startedAt: Date;
  finishedAt: Date;
  requests: number;
  outcomes: Map<string, CheckOutcome>;
  /** Probes the budget left out (shown in the report). */
  leftOut?: LeftOut[];
  /** A run-level error (target unreachable, the suites did not run): the verdict is `error`. */
  error?: string;
  /** The run was cut short: the verdict is `error` whatever was judged (with `error` saying so). */
  interrupted?: Interruption;
  /** Requests without a usable answer, by kind of failure (kinds with none left out). */
  unanswered?: Record<string, number>;
  /**
   * Why the run's evidence is incomplete ("12 of 140 requests not recorded in the cassette", "3
   * probes left out by --budget"); empty or absent: every planned request was sent and answered or
   * failed on its own. A requirement with nothing to check is then `not-applicable`; with gaps it
   * is skipped for want of evidence.
   */
  evidenceGaps?: string[];
}

/** A skipped requirement the run lacked evidence for (a report of an earlier version, without skipKind, says nothing either way). */
export const skippedForWantOfEvidence = (r: RequirementResult): boolean => r.status === "skipped" && r.skipKind !== undefined && !LEGITIMATE_SKIPS.has(r.skipKind);

/**
 * The verdict at a gating level: a failure at or above it proves non-conformance; short of that,
 * a requirement the suite could not tell about, or skipped for want of evidence (not one of the
 * legitimate skips: a scheme not configured, one certificate...), makes the run `error`: a run is
 * conformant only when every gating requirement was judged on evidence.
 */
export function verdictOf(requirements: RequirementResult[], gating: Level, runError?: string): Verdict {
  const gated = requirements.filter((r) => gates(r.level, gating));
  if (gated.some((r) => r.failures.length > 0 && r.status !== "skipped" && !r.knownDeviation)) return "non-conformant";
  if (runError || gated.some((r) => r.status === "errored" || skippedForWantOfEvidence(r))) return "error";
  return "conformant";
}

/** What a reason says of the run's evidence when it is incomplete (the report's error says it once). */
const INCOMPLETE_NOTE = / \(the run's evidence is incomplete: .*\)$/;

/** The skip kind of an outcome, with "nothing to check" resolved by whether the run's evidence is complete. */
function skipKindOf(skip: SkipKind | "nothing-to-check" | undefined, gaps: string[]): SkipKind {
  if (skip === "nothing-to-check" || skip === undefined) return gaps.length ? "no-evidence" : "not-applicable";
  return skip;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** How a report names the document it was judged against. */
export function specIdentity(spec: OperationSpec): SpecIdentity {
  return {
    operationId: spec.operation.operationId, sha256: spec.source.sha256, source: spec.source.label,
    ...(spec.source.revision ? { revision: spec.source.revision } : {}),
  };
}

/** The report of a run: every registry requirement, in registry order, with its outcome (levels and pointers as the run's document makes them). */
export function buildReport(input: ReportInput): Report {
  const gaps = input.evidenceGaps ?? [];
  const requirements: RequirementResult[] = REQUIREMENTS.map((declared) => {
    const r = resolveRequirement(declared, input.spec);
    const outcome: CheckOutcome = input.outcomes.get(r.id) ?? { status: "errored" as const, checks: 0, failures: [], reason: input.error ?? "the suite did not check it" };
    const skipKind = outcome.status === "skipped" ? skipKindOf(outcome.skip, gaps) : undefined;
    const reason = skipKind === "no-evidence" && outcome.skip !== "no-evidence" && outcome.reason ? `${outcome.reason} (the run's evidence is incomplete: ${gaps.join("; ")})` : outcome.reason;
    return {
      id: r.id, family: r.family, level: r.level, title: r.statement, spec: r.spec,
      status: outcome.status, checks: outcome.checks, failures: outcome.failures, durationMs: Math.round((outcome.durationMs ?? 0) * 1000) / 1000,
      ...(reason && (outcome.status === "skipped" || outcome.status === "errored") ? { reason } : {}),
      ...(skipKind ? { skipKind } : {}),
    };
  });
  const count = (s: RequirementResult["status"]) => requirements.filter((r) => r.status === s).length;
  // A partial run proves nothing either way about what it did not reach: its verdict is error,
  // and the failures it did find are in the requirements for whoever reads on.
  const verdict = input.interrupted ? "error" : verdictOf(requirements, input.config.gatingLevel, input.error);
  const firstErrored = requirements.find((r) => r.status === "errored" && gates(r.level, input.config.gatingLevel));
  const unjudged = requirements.filter((r) => skippedForWantOfEvidence(r) && gates(r.level, input.config.gatingLevel));
  const error = input.error ?? (verdict !== "error" ? undefined
    : firstErrored ? `${firstErrored.id}: ${firstErrored.reason}`
    : unjudged.length ? `${unjudged.length} gating requirement${unjudged.length === 1 ? " was" : "s were"} skipped for want of evidence, so the run cannot be called conformant${gaps.length ? ` (${gaps.join("; ")})` : ""}; the first, ${unjudged[0]!.id}: ${unjudged[0]!.reason?.replace(INCOMPLETE_NOTE, "")}`
    : input.interrupted ? `interrupted by ${input.interrupted.by} after ${input.interrupted.probesSent} of ${input.interrupted.probesPlanned} probes`
    : undefined);
  return {
    suite: { name: SUITE_NAME, version: SUITE_VERSION, spec: specIdentity(input.spec) },
    target: { kind: input.config.target.kind, baseUrl: input.config.target.baseUrl || "(none)", ...(input.config.target.cassette ? { cassette: input.config.target.cassette } : {}), ...networkOf(input.config) },
    seed: input.config.seed,
    startedAt: iso(input.startedAt),
    finishedAt: iso(input.finishedAt),
    gatingLevel: input.config.gatingLevel,
    verdict,
    ...(error ? { error } : {}),
    summary: {
      passed: count("passed"), failed: count("failed"), skipped: count("skipped"), errored: count("errored"), requests: input.requests,
      ...(input.unanswered && Object.keys(input.unanswered).length ? { unanswered: input.unanswered } : {}),
    },
    ...(input.interrupted ? { interrupted: input.interrupted } : {}),
    requirements,
    ...(input.leftOut && input.config.budget !== undefined ? { budget: { limit: input.config.budget, leftOut: input.leftOut } } : {}),
  };
}

export const EXIT_CODES: Record<Verdict, number> = { conformant: 0, "non-conformant": 1, error: 2 };
