import type { ExchangeResponse } from "../../src/http/index.ts";
import type { Requirement } from "../../src/registry/types.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import type { FailureExcerpt, RequirementStatus } from "../../reports/model.ts";
import type { CheckContext } from "./context.ts";
import { describeProbe } from "./evidence.ts";

/** What a requirement's checks concluded; the report's requirement entry is built from it. */
export interface CheckOutcome {
  status: RequirementStatus;
  checks: number;
  failures: FailureExcerpt[];
  reason?: string;
}

/** One requirement's check over the run's evidence. */
export interface Check {
  requirement: Requirement;
  run(ctx: CheckContext, c: Checker): void;
}

/** Declares the check of a requirement (the suites name requirements, not tests). */
export function conformsTo(requirement: Requirement, run: Check["run"]): Check {
  return { requirement, run };
}

const MAX_BODY_EXCERPT = 2_000;

/** Why a requirement with no evidence at all is skipped (a stopped run reports such ones as not judged). */
export const NOTHING_TO_CHECK = "nothing in this run to check it on";
const MAX_FAILURES_KEPT = 20;

function excerpt(message: string, evidence?: ProbeResult): FailureExcerpt {
  if (!evidence) return { message };
  const { request, response, curl } = evidence.exchange;
  return {
    message,
    request: { method: request.method, url: request.url, headers: request.headers },
    ...(response ? { response: { status: response.status, headers: response.headers, body: response.body.length > MAX_BODY_EXCERPT ? `${response.body.slice(0, MAX_BODY_EXCERPT)}… (${response.body.length} characters)` : response.body } } : {}),
    reproduce: curl,
  };
}

/**
 * Collects one requirement's evidence: each `expect` is one check; a missing answer
 * (timeout, network, budget) is "could not tell", never a failure; a request the
 * cassette lacks is a skip.
 */
export class Checker {
  checks = 0;
  failureCount = 0;
  readonly failures: FailureExcerpt[] = [];
  readonly errors: string[] = [];
  readonly skips: string[] = [];

  /** One check: fails with `message` (about `evidence`) unless `ok`. */
  expect(ok: boolean, message: string | (() => string), evidence?: ProbeResult): boolean {
    this.checks++;
    if (!ok) this.fail(typeof message === "function" ? message() : message, evidence);
    return ok;
  }

  fail(message: string, evidence?: ProbeResult): void {
    this.failureCount++;
    const full = evidence ? `${describeProbe(evidence)}: ${message}` : message;
    if (this.failures.length < MAX_FAILURES_KEPT) this.failures.push(excerpt(full, evidence));
  }

  couldNotTell(reason: string): void { this.errors.push(reason); }
  skip(reason: string): void { this.skips.push(reason); }

  /** Runs `fn` on the response, or records why there is none to judge. */
  withResponse(evidence: ProbeResult, fn: (response: ExchangeResponse) => void): void {
    const { error, response } = evidence.exchange;
    if (error?.kind === "not-recorded") return this.skip(`${describeProbe(evidence)}: not recorded in the cassette`);
    if (error || !response) return this.couldNotTell(`${describeProbe(evidence)}: ${error?.kind ?? "no response"}: ${error?.message ?? "nothing came back"}`);
    fn(response);
  }

  outcome(): CheckOutcome {
    const more = this.failureCount > this.failures.length ? [{ message: `… and ${this.failureCount - this.failures.length} more failures like these` }] : [];
    const failures = [...this.failures, ...more];
    if (this.errors.length) return { status: "errored", checks: this.checks, failures, reason: summarise(this.errors) };
    if (this.failureCount) return { status: "failed", checks: this.checks, failures };
    if (this.checks) return { status: "passed", checks: this.checks, failures: [] };
    return { status: "skipped", checks: 0, failures: [], reason: this.skips.length ? summarise(this.skips) : NOTHING_TO_CHECK };
  }
}

function summarise(reasons: string[]): string {
  return reasons.length === 1 ? reasons[0]! : `${reasons[0]} (and ${reasons.length - 1} more)`;
}

/** Evaluates one check; an exception in the check itself is the suite erroring, never the target failing. */
export function evaluateCheck(check: Check, ctx: CheckContext): CheckOutcome {
  const c = new Checker();
  try {
    check.run(ctx, c);
  } catch (e) {
    return { status: "errored", checks: c.checks, failures: c.failures, reason: `the check itself failed (a suite bug): ${(e as Error)?.message ?? e}` };
  }
  return c.outcome();
}
