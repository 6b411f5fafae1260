import fc from "fast-check";
// The identifiers module alone: the generators' index also loads faker and the X.509 issuing code, which a run does not need.
import { malformedIdentifierArbitrary, overlongIdentifierArbitrary, type IdentifierSample } from "../../generators/identifiers.ts";
import { refusalProblem } from "../../suites/support/refusal.ts";
import type { AuthChoice } from "../http/index.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";
import { answerOf, type ProbeResult } from "./execute.ts";
import type { ProbeRunner } from "./probe-runner.ts";
import type { Probe } from "./probes.ts";

export interface FuzzInput {
  spec: OperationSpec;
  zoneId: string;
  /** The certificate whose zone position is fuzzed (a made-up one when none is known). */
  certificateId: string;
  auth: AuthChoice;
  seed: number;
  /** Identifiers to try (fast-check runs). */
  runs: number;
  /** Most requests spent shrinking a wrongly answered identifier (counted in the request budget). */
  shrinks: number;
}

export interface FuzzOutcome {
  /** Probes sent: the runs, then the shrink steps. */
  sent: number;
  /** The smallest wrongly answered identifier, when one was found. */
  counterexample?: { value: string; position: "zone" | "certificate"; shrinks: number };
}

type Sample = { position: "zone" | "certificate"; sample: IdentifierSample };

/** Malformed and over-long identifiers, in either path position (the certificate position three times as often). */
function sampleArbitrary(): fc.Arbitrary<Sample> {
  const sample = fc.oneof({ weight: 3, arbitrary: malformedIdentifierArbitrary() }, { weight: 1, arbitrary: overlongIdentifierArbitrary() });
  return fc.tuple(fc.constantFrom<Sample["position"]>("certificate", "certificate", "certificate", "zone"), sample).map(([position, s]) => ({ position, sample: s }));
}

/** The fuzzing of a run: the identifiers it tries (sent with the fixed probes), then what to do with their answers. */
export interface FuzzPlan {
  /** One probe a run, in fast-check's order; empty when `runs` is 0. */
  probes: Probe[];
  /** Judges the answers to `probes` (in their order) and shrinks a wrongly answered identifier, a request a step. */
  judge(runner: ProbeRunner, results: readonly ProbeResult[]): Promise<FuzzOutcome>;
}

const sampleKey = (s: Sample) => `${s.position}\n${s.sample.value}`;

/**
 * The malformed-identifier class as a property over HTTP (fast-check, seeded by the run's
 * seed): every identifier outside Cloudflare's format is refused with a 4xx failure envelope.
 *
 * The identifiers of the runs are drawn first (fast-check draws the same ones for a seed while
 * the property holds), so they are sent together with the fixed probes, as many at once as the
 * run's concurrency allows: each is sent whatever the answers to the others. Then fast-check
 * runs on their answers; when one is answered wrongly, it shrinks it, each step a request sent
 * alone (each step depends on the last), until the shrink budget is spent; the smallest one
 * found is marked `minimal`, for the report to show with its curl line. A probe with no
 * judgeable answer (reset, timeout, 429) does not count against the identifier:
 * HTTP-EVERY-REQUEST-ANSWERED speaks for it, and shrinking follows wrong answers only.
 */
export async function planFuzz(input: FuzzInput): Promise<FuzzPlan> {
  if (input.runs <= 0) return { probes: [], judge: async () => ({ sent: 0 }) };
  let sent = 0;
  let failures = 0;
  let shrinkRequests = 0;
  const probeFor = (s: Sample): Probe => {
    const step = failures > 0 ? shrinkRequests + 1 : undefined;
    const value = s.sample.value;
    return {
      key: `id:malformed:${s.position}:fuzz-${sent}`, kind: "id", priority: 2, expect: "4xx", auth: input.auth,
      idCase: s.sample.class === "overlong" ? "overlong" : "malformed", idPosition: s.position,
      label: `${step ? `shrink step ${step}, ` : ""}${s.sample.class} ${s.position} identifier: ${s.sample.label}`,
      path: s.position === "zone" ? input.spec.detailsPath(value, input.certificateId) : input.spec.detailsPath(input.zoneId, value),
      zoneId: s.position === "zone" ? value : input.zoneId, certificateId: s.position === "certificate" ? value : input.certificateId,
      ...(step ? { shrink: { step } } : {}),
    };
  };
  // The runs' samples, drawn by the same kind of property with the same seed and runs (nothing sent).
  const drawn: Sample[] = [];
  await fc.check(fc.asyncProperty(sampleArbitrary(), async (s) => {
    drawn.push(s);
    return true;
  }), { seed: input.seed, numRuns: input.runs });
  const probes = drawn.map((s) => {
    sent++;
    return probeFor(s);
  });

  const judge = async (runner: ProbeRunner, results: readonly ProbeResult[]): Promise<FuzzOutcome> => {
    // The answers already in, by sample (a sample drawn twice was sent twice: each answer used once).
    const answered = new Map<string, ProbeResult[]>();
    drawn.forEach((s, i) => {
      const r = results[i];
      if (r) answered.set(sampleKey(s), [...(answered.get(sampleKey(s)) ?? []), r]);
    });
    const byValue = new Map<string, ProbeResult>();
    const property = fc.asyncProperty(sampleArbitrary(), async (s) => {
      let result = answered.get(sampleKey(s))?.shift();
      if (!result) {
        if (runner.down) return true;
        if (failures > 0 && shrinkRequests >= input.shrinks) return true; // shrink budget spent: stop following this path
        if (failures > 0) shrinkRequests++;
        sent++;
        result = await runner.run(probeFor(s));
      }
      if (answerOf(result.exchange) !== "answered") return true;
      const wrong = refusalProblem(result.exchange.response!) !== undefined;
      if (wrong) {
        failures++;
        byValue.set(sampleKey(s), result);
      }
      return !wrong;
    });
    const details = await fc.check(property, { seed: input.seed, numRuns: input.runs });
    if (!details.failed || !details.counterexample) return { sent };
    const [smallest] = details.counterexample;
    const result = byValue.get(sampleKey(smallest));
    if (result) result.probe.shrink = { step: result.probe.shrink?.step ?? 0, minimal: true };
    return { sent, counterexample: { value: smallest.sample.value, position: smallest.position, shrinks: details.numShrinks } };
  };
  return { probes, judge };
}
