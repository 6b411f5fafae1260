import type { Interruption, LeftOut, Report, RequirementResult, SpecIdentity, Verdict } from "../../reports/model.ts";
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
}

/**
 * The verdict at a gating level: a failure at or above it proves non-conformance; short
 * of that, a requirement the suite could not tell about makes the run `error`.
 */
export function verdictOf(requirements: RequirementResult[], gating: Level, runError?: string): Verdict {
  const gated = requirements.filter((r) => gates(r.level, gating));
  if (gated.some((r) => r.failures.length > 0 && r.status !== "skipped" && !r.knownDeviation)) return "non-conformant";
  if (runError || gated.some((r) => r.status === "errored")) return "error";
  return "conformant";
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
  const requirements: RequirementResult[] = REQUIREMENTS.map((declared) => {
    const r = resolveRequirement(declared, input.spec);
    const outcome = input.outcomes.get(r.id) ?? { status: "errored" as const, checks: 0, failures: [], reason: input.error ?? "the suite did not check it" };
    return {
      id: r.id, family: r.family, level: r.level, title: r.statement, spec: r.spec,
      status: outcome.status, checks: outcome.checks, failures: outcome.failures, durationMs: Math.round((outcome.durationMs ?? 0) * 1000) / 1000,
      ...(outcome.reason && (outcome.status === "skipped" || outcome.status === "errored") ? { reason: outcome.reason } : {}),
    };
  });
  const count = (s: RequirementResult["status"]) => requirements.filter((r) => r.status === s).length;
  // A partial run proves nothing either way about what it did not reach: its verdict is error,
  // and the failures it did find are in the requirements for whoever reads on.
  const verdict = input.interrupted ? "error" : verdictOf(requirements, input.config.gatingLevel, input.error);
  const firstErrored = requirements.find((r) => r.status === "errored" && gates(r.level, input.config.gatingLevel));
  const error = input.error ?? (verdict !== "error" ? undefined
    : firstErrored ? `${firstErrored.id}: ${firstErrored.reason}`
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
