import { readFileSync } from "node:fs";
import { Checker, evidenceFor, type Check } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import type { CredentialScheme, Exchange, ExchangeResponse } from "../http/index.ts";
import { packagePath } from "../package-path.ts";
import { resolveRequirement } from "../registry/resolve.ts";
import type { OperationSpec, SpecRequest } from "../schema/operation-spec.ts";
import type { ProbeResult } from "./execute.ts";
import type { Probe } from "./probes.ts";

/**
 * Which requirements each probe feeds: the checks that would judge its answer.
 *
 * The checks are functions over the run's evidence, not tables of the probes they read, so the
 * map is measured rather than declared: every check runs once over the plan with each probe
 * given the answer a conforming server gives it (a certificate for a read, a 404 failure envelope
 * for a refusal, a 429 for a read of the burst), and a probe feeds a requirement when its check
 * judged that probe's answer (`expect`/`fail` on it, or `withResponse`/`ifAnswered` reached its
 * response). Kept in step with the checks by construction; a probe answered otherwise than a
 * conforming server answers may feed more (a refusal answered 200 is judged as a read too).
 */
export type Feeds = Map<string, string[]>;

/** A Checker that notes which probes' answers it judged. */
class JudgingChecker extends Checker {
  readonly judged = new Set<string>();
  private note(evidence?: ProbeResult): void {
    if (evidence) this.judged.add(evidence.probe.key);
  }
  override expect(ok: boolean, message: string | (() => string), evidence?: ProbeResult, pointers?: string[]): boolean {
    this.note(evidence);
    return super.expect(ok, message, evidence, pointers);
  }
  override fail(message: string, evidence?: ProbeResult, pointers?: string[]): void {
    this.note(evidence);
    super.fail(message, evidence, pointers);
  }
  override withResponse(evidence: ProbeResult, fn: (response: ExchangeResponse) => void): void {
    super.withResponse(evidence, (response) => {
      this.note(evidence);
      fn(response);
    });
  }
  override ifAnswered(evidence: ProbeResult, fn: (response: ExchangeResponse) => void): void {
    super.ifAnswered(evidence, (response) => {
      this.note(evidence);
      fn(response);
    });
  }
}

interface SampleAnswers {
  read: ExchangeResponse;
  refusal: ExchangeResponse;
  list: ExchangeResponse;
}

let samples: SampleAnswers | undefined;

/**
 * A conforming server's answers, as the shipped cassette holds them (recorded from the reference):
 * a read of one certificate, a 404 refusal, the zone's list. Real bodies, so the checks that parse
 * the certificate reach as far as they do on a real run.
 */
function sampleAnswers(): SampleAnswers {
  if (samples) return samples;
  const found: Partial<SampleAnswers> = {};
  for (const line of readFileSync(packagePath("fixtures", "cassette-reference", "exchanges.ndjson"), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as Exchange;
    const res = e.response;
    if (!res || e.error) continue;
    const path = new URL(e.request.url).pathname;
    if (!found.read && res.status === 200 && /\/client_certificates\/[0-9a-f]{32}$/.test(path)) found.read = res;
    else if (!found.list && res.status === 200 && /\/client_certificates$/.test(path)) found.list = res;
    else if (!found.refusal && res.status === 404) found.refusal = res;
    if (found.read && found.refusal && found.list) break;
  }
  if (!found.read || !found.refusal || !found.list) throw new Error("the shipped cassette lacks a read, a 404 or a list to plan with (fixtures/cassette-reference)");
  samples = found as SampleAnswers;
  return samples;
}

/** The answer a conforming server gives a probe, as evidence. */
function conformingAnswer(probe: Probe, seq: number): ProbeResult {
  const { read, refusal, list } = sampleAnswers();
  const base = probe.kind === "list" ? list
    : probe.variant === "burst" ? { ...refusal, status: 429, headers: { ...refusal.headers, "retry-after": "1" } }
    // Another method: refused as the reference refuses it (405, Allow: GET).
    : probe.method ? { ...refusal, status: 405, headers: { ...refusal.headers, allow: "GET" } }
    : probe.expect === "4xx" ? refusal : read;
  const response: ExchangeResponse = {
    ...base, headers: { ...base.headers },
    wire: { violations: [], httpVersion: "1.1", ...(probe.awaitClose ? { closedAfterAnswer: true } : {}) },
  };
  const exchange: Exchange = {
    seq, label: probe.label, request: { method: probe.method ?? "GET", url: `http://planned.invalid${probe.path}`, headers: {} }, response,
    timing: { startedAt: new Date(0).toISOString(), durationMs: 0 }, attempts: 1, curl: "",
    ...(probe.connection ? { connection: { reused: probe.connection.step > 1 } } : {}),
  };
  return { probe, exchange };
}

export interface FeedsInput {
  spec: OperationSpec;
  specRequest: SpecRequest;
  zoneId: string;
  certificateIds: string[];
  schemes: CredentialScheme[];
  probes: readonly Probe[];
  /** The zone's list, read before and after the probes. */
  lists?: readonly Probe[];
  /** The operation's path asked with other methods (OPTIONS, TRACE). */
  methods?: readonly Probe[];
  /** Every requirement's check (evaluate-checks.ts `loadChecks`). */
  checks: readonly Check[];
}

/** Probe key → the ids of the requirements whose checks judged its answer in `ctx`, in registry order. */
export function judgedBy(ctx: CheckContext, spec: OperationSpec, checks: readonly Check[]): Feeds {
  const feeds: Feeds = new Map([...ctx.results, ...(ctx.lists ?? []), ...(ctx.methods ?? [])].map((r) => [r.probe.key, []]));
  for (const check of checks) {
    const requirement = resolveRequirement(check.requirement, spec);
    const checker = new JudgingChecker(requirement, spec);
    try {
      check.run(evidenceFor(requirement, spec, ctx), checker);
    } catch {
      // A check that throws on made-up evidence has judged what it reached; the run itself reports a throwing check.
    }
    for (const key of checker.judged) feeds.get(key)?.push(requirement.id);
  }
  return feeds;
}

/** Probe key → the ids of the requirements whose checks judge its answer when a conforming server answers it, in registry order. */
export function probeFeeds(input: FeedsInput): Feeds {
  let seq = 0;
  const results = input.probes.map((p) => conformingAnswer(p, ++seq));
  const lists = (input.lists ?? []).map((p) => conformingAnswer(p, ++seq));
  const methods = (input.methods ?? []).map((p) => conformingAnswer(p, ++seq));
  return judgedBy({ zoneId: input.zoneId, certificateIds: input.certificateIds, schemes: input.schemes, results, lists, methods, spec: input.specRequest }, input.spec, input.checks);
}

/**
 * The probes to send for the selected requirements: those that feed one, and the probes their
 * checks read beside them (the other steps of a kept-alive connection, the probe a refusal must
 * be answered as).
 */
export function probesFor(probes: readonly Probe[], feeds: Feeds, selected: ReadonlySet<string>): Probe[] {
  const keep = new Set(probes.filter((p) => (feeds.get(p.key) ?? []).some((id) => selected.has(id))).map((p) => p.key));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of probes) {
      if (!keep.has(p.key)) continue;
      const partners = probes.filter((q) => !keep.has(q.key) && ((p.connection && q.connection?.group === p.connection.group) || p.sameAnswerAs?.key === q.key));
      for (const q of partners) {
        keep.add(q.key);
        grew = true;
      }
    }
  }
  return probes.filter((p) => keep.has(p.key));
}
