import type { ExchangeResponse } from "../../src/http/index.ts";
import { resolveRequirement } from "../../src/registry/resolve.ts";
import type { Level, Requirement, ResolvedRequirement } from "../../src/registry/types.ts";
import { answerOf, unansweredCause, type ProbeResult } from "../../src/run/execute.ts";
import type { OperationSpec } from "../../src/schema/operation-spec.ts";
import { LEGITIMATE_SKIPS, type FailureExcerpt, type RequirementStatus, type SkipKind } from "../../reports/model.ts";
import { specOf, type CheckContext } from "./context.ts";
import { describeProbe } from "./evidence.ts";

/** What a requirement's checks concluded; the report's requirement entry is built from it. */
export interface CheckOutcome {
  status: RequirementStatus;
  checks: number;
  failures: FailureExcerpt[];
  reason?: string;
  /**
   * Why skipped: one of SkipKind, or `nothing-to-check` (no check and no skip said why), which the
   * report resolves by the run's evidence: `not-applicable` when it is complete, `no-evidence` when not.
   */
  skip?: SkipKind | "nothing-to-check";
  /** How long evaluating the check on the run's evidence took, in milliseconds (see `evaluateCheck`). */
  durationMs?: number;
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

function excerpt(message: string, evidence?: ProbeResult, pointers?: string[]): FailureExcerpt {
  if (!evidence) return { message };
  const { request, response, curl } = evidence.exchange;
  return {
    message,
    ...(pointers?.length && response ? { pointers: [...new Set(pointers)] } : {}),
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
  constructor(
    /** The requirement as the run's document makes it (its level decides, e.g., the validation profile). */
    readonly requirement: ResolvedRequirement,
    /** The document the run is judged against. */
    readonly spec: OperationSpec,
  ) {}

  get level(): Level {
    return this.requirement.level;
  }

  checks = 0;
  failureCount = 0;
  readonly failures: FailureExcerpt[] = [];
  readonly errors: string[] = [];
  readonly skips: string[] = [];
  readonly skipKinds: SkipKind[] = [];

  /**
   * One check: fails with `message` (about `evidence`) unless `ok`. `pointers`: JSON pointers
   * into the response body of the offending members, which the reports mark.
   */
  expect(ok: boolean, message: string | (() => string), evidence?: ProbeResult, pointers?: string[]): boolean {
    this.checks++;
    if (!ok) this.fail(typeof message === "function" ? message() : message, evidence, pointers);
    return ok;
  }

  fail(message: string, evidence?: ProbeResult, pointers?: string[]): void {
    this.failureCount++;
    const full = evidence ? `${describeProbe(evidence)}: ${message}` : message;
    if (this.failures.length < MAX_FAILURES_KEPT) this.failures.push(excerpt(full, evidence, pointers));
  }

  couldNotTell(reason: string): void { this.errors.push(reason); }
  /**
   * Nothing to judge here, and why. `kind` says whether that costs the verdict (SkipKind): a skip
   * is for want of evidence unless the check says it is one of the legitimate kinds.
   */
  skip(reason: string, kind: SkipKind = "no-evidence"): void {
    this.skips.push(reason);
    this.skipKinds.push(kind);
  }

  /**
   * Runs `fn` on the response, or records why there is none to judge: no answer, and a 429
   * (retried until the attempts were spent), are "could not tell", never a refusal or a pass.
   */
  withResponse(evidence: ProbeResult, fn: (response: ExchangeResponse) => void): void {
    const { error, response } = evidence.exchange;
    if (error?.kind === "not-recorded") return this.skip(`${describeProbe(evidence)}: not recorded in the cassette`, "not-recorded");
    if (isBurst429(evidence)) return; // turned away for its rate, as a read of the burst may be: nothing of the read to judge
    if (error || !response || response.status === 429) return this.couldNotTell(`${describeProbe(evidence)}: ${unansweredCause(evidence.exchange)}: could not be judged`);
    fn(response);
  }

  /**
   * For the checks that look at every answer of the run (content type, JSON, no 5xx): runs `fn`
   * on the response when there is one to judge. An unanswered request is not theirs to judge:
   * HTTP-EVERY-REQUEST-ANSWERED speaks for it, and the probe's own requirement could not tell.
   */
  ifAnswered(evidence: ProbeResult, fn: (response: ExchangeResponse) => void): void {
    if (evidence.exchange.error?.kind === "not-recorded") return this.skip(`${describeProbe(evidence)}: not recorded in the cassette`, "not-recorded");
    // A read of a burst asks to be turned away for its rate: its 429 is the answer under judgement.
    if (isBurst429(evidence)) return fn(evidence.exchange.response!);
    if (answerOf(evidence.exchange) !== "answered") return;
    fn(evidence.exchange.response!);
  }

  outcome(): CheckOutcome {
    const more = this.failureCount > this.failures.length ? [{ message: `… and ${this.failureCount - this.failures.length} more failures like these` }] : [];
    const failures = [...this.failures, ...more];
    if (this.errors.length) return { status: "errored", checks: this.checks, failures, reason: summarise(this.errors) };
    if (this.failureCount) return { status: "failed", checks: this.checks, failures };
    if (this.checks) return { status: "passed", checks: this.checks, failures: [] };
    if (!this.skips.length) return { status: "skipped", checks: 0, failures: [], reason: NOTHING_TO_CHECK, skip: "nothing-to-check" };
    // Legitimate only when every skip is; otherwise the first that is not says why.
    const kind = this.skipKinds.find((k) => !LEGITIMATE_SKIPS.has(k)) ?? this.skipKinds[0]!;
    const reasons = this.skips.filter((_, i) => LEGITIMATE_SKIPS.has(kind) || this.skipKinds[i] === kind);
    return { status: "skipped", checks: 0, failures: [], reason: summarise(reasons), skip: kind };
  }
}

/** A read of the run's burst answered 429 (and not retried): the answer a client over the rate limit gets. */
export function isBurst429(r: ProbeResult): boolean {
  return r.probe.variant === "burst" && !r.exchange.error && r.exchange.response?.status === 429;
}

function summarise(reasons: string[]): string {
  return reasons.length === 1 ? reasons[0]! : `${reasons[0]} (and ${reasons.length - 1} more)`;
}

/**
 * The evidence a requirement is judged on. A read made with a credential scheme the document
 * does not list in the operation's security cannot fail a `must` requirement (that read belongs
 * to its scheme's own requirements, at their level), as long as the run also read with a listed
 * scheme: certifying a server that, as the seed says, accepts only email + key is not failed
 * by its refusing the token.
 */
export function evidenceFor(requirement: ResolvedRequirement, spec: OperationSpec, ctx: CheckContext): CheckContext {
  if (requirement.level !== "must" || !ctx.schemes.some((s) => spec.declaredSchemes.has(s))) return ctx;
  const undeclaredRead = (r: ProbeResult) => r.probe.expect === "200" && r.probe.scheme !== undefined && !spec.declaredSchemes.has(r.probe.scheme);
  return ctx.results.some(undeclaredRead) ? { ...ctx, results: ctx.results.filter((r) => !undeclaredRead(r)) } : ctx;
}

/**
 * Evaluates one check; an exception in the check itself is the suite erroring, never the target
 * failing. The outcome's `durationMs` is the check's own time: the requests it judges were sent
 * before, and are shared by many requirements, so their time is the run's, not any one check's.
 */
export function evaluateCheck(check: Check, ctx: CheckContext): CheckOutcome {
  const started = performance.now();
  let c: Checker | undefined;
  let outcome: CheckOutcome;
  try {
    const spec = specOf(ctx);
    const requirement = resolveRequirement(check.requirement, spec);
    c = new Checker(requirement, spec);
    check.run(evidenceFor(requirement, spec, ctx), c);
    outcome = c.outcome();
  } catch (e) {
    outcome = { status: "errored", checks: c?.checks ?? 0, failures: c?.failures ?? [], reason: `the check itself failed (a suite bug): ${(e as Error)?.message ?? e}` };
  }
  return { ...outcome, durationMs: performance.now() - started };
}
