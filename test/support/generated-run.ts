import fc from "fast-check";
import {
  cloudflareIdArbitrary, conversationArbitrary, type Conversation, type ConversationEntry,
} from "../../generators/index.ts";
import { applicableNearMisses, type CredentialScheme, type Exchange } from "../../src/http/index.ts";
import { controlProbe, type ProbeResult } from "../../src/run/execute.ts";
import { planMethodProbes } from "../../src/run/plan-methods.ts";
import { listPath, planProbes, primaryScheme, type Probe } from "../../src/run/probes.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";
import { ALL_CHECKS } from "../../suites/index.ts";
import { evaluateCheck, type CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";

/**
 * A run's evidence as the generators make it: the probe plan a run with these inputs sends
 * (planProbes on the seed document), each probe answered by a generated conversation, put
 * together into the CheckContext the suites' checks read. No server, no HTTP: the checks of
 * the suites, judged on generated answers.
 */

/** The inputs of a run that shape its plan. */
export interface RunShape {
  zoneId: string;
  certificateIds: string[];
  schemes: CredentialScheme[];
  seed: number;
}

/** Made-up credentials for `schemes`: only which near misses they allow matters here. */
const credentialsFor = (schemes: readonly CredentialScheme[]) => ({
  ...(schemes.includes("token") ? { token: "Zx9cYv8bUn7mTk6lOp5iRe4wQa3sDf2gHj1kL0zX" } : {}),
  ...(schemes.includes("key") ? { email: "owner@example.com", apiKey: "0123456789abcdef0123456789abcdef01234" } : {}),
});

/** The schemes a run can be configured with, in the orders a user may give them. */
export const SCHEME_CHOICES: readonly CredentialScheme[][] = [["key"], ["token"], ["key", "token"], ["token", "key"]];

/** Shapes of runs: `certificates` certificates (distinct ids), one of `schemes`, any zone and seed. */
export function runShapeArbitrary(opts: { certificates: { min: number; max: number }; schemes?: readonly CredentialScheme[][] }): fc.Arbitrary<RunShape> {
  return fc.record({
    zoneId: cloudflareIdArbitrary(),
    certificateIds: fc.uniqueArray(cloudflareIdArbitrary(), { minLength: opts.certificates.min, maxLength: opts.certificates.max }),
    schemes: fc.constantFrom(...(opts.schemes ?? SCHEME_CHOICES)),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  }, { noNullPrototype: true }).filter((s) => !s.certificateIds.includes(s.zoneId));
}

/** The probes a run of this shape plans (every near miss its credentials allow). */
export function planOf(shape: RunShape): Probe[] {
  // A URL run's plan: the fixed probes, then the other methods on the first certificate's path.
  return [
    ...planProbes({ spec: seedSpec(), ...shape, nearMisses: applicableNearMisses(credentialsFor(shape.schemes)) }),
    ...planMethodProbes(seedSpec(), shape.zoneId, shape.certificateIds[0]),
  ];
}

/** A read of the zone's list operation, before the probes (discovery) or after them, as a run sends it. */
function listProbe(shape: RunShape, when: "before" | "after"): Probe {
  const scheme = primaryScheme(seedSpec(), shape.schemes);
  return {
    key: `list:${when}`, kind: "list", label: when === "before" ? "discover certificates (list operation)" : "list the zone's certificates again, after the probes",
    path: `${listPath(shape.zoneId)}?per_page=50`, auth: scheme ?? "none", expect: "200", zoneId: shape.zoneId, priority: 0, ...(scheme ? { scheme } : {}),
  };
}

/** A run of a shape drawn by `shapes`, with its plan and a correct answer to every probe (and to the list read before and after them). */
export interface GeneratedRun {
  shape: RunShape;
  plan: Probe[];
  /** The list before, every probe of the plan in order, the list after. */
  conversation: ConversationEntry[];
}

export function generatedRunArbitrary(shapes: fc.Arbitrary<RunShape>, pool: Parameters<typeof conversationArbitrary>[1]): fc.Arbitrary<GeneratedRun> {
  return shapes.chain((shape) => {
    const plan = planOf(shape);
    return conversationArbitrary([listProbe(shape, "before"), ...plan, listProbe(shape, "after")], pool).map((conversation) => ({ shape, plan, conversation }));
  });
}

const BASE_URL = "https://api.example.test/client/v4";

/** The client's default request headers (src/http/client.ts), as a request records them: Accept and Accept-Encoding, as the probe changes them. */
function requestHeadersOf(probe: Probe): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json", "accept-encoding": "identity", ...probe.headers };
  for (const name of probe.withoutHeaders ?? []) delete headers[name];
  return headers;
}

/**
 * The exchange a client would have recorded for an answer. The response is the answer's own
 * object, so that what the checks work out of a body once (its JSON, how its text is written) is
 * not worked out again when the same answer is judged again in a mutated conversation.
 */
function exchangeOf(seq: number, probe: Probe, entry: ConversationEntry): Exchange {
  const url = `${BASE_URL}${probe.path}`;
  return {
    seq, label: probe.label, attempts: 1, curl: `curl -sS '${url}'`,
    request: { method: probe.method ?? "GET", url, headers: requestHeadersOf(probe) },
    ...(entry.answer.response ? { response: entry.answer.response } : {}),
    ...(entry.answer.error ? { error: entry.answer.error } : {}),
    ...(entry.answer.connection ? { connection: entry.answer.connection } : {}),
    timing: { startedAt: "2026-01-01T00:00:00.000Z", durationMs: 1 },
  };
}

/**
 * The evidence of a run of `shape` whose probes got `conversation`'s answers. The conversation's
 * requests are the plan's probes (as generated, by reference); a control read a mutation added is
 * the run's control read of its first certificate; the list reads (before and after) are the
 * run's `lists`. Sequence numbers follow the conversation's order.
 */
export function contextOf(shape: RunShape, plan: readonly Probe[], conversation: Conversation): CheckContext {
  const planned = new Set<unknown>(plan);
  const scheme = primaryScheme(seedSpec(), shape.schemes);
  const control = controlProbe(plan.find((p) => p.kind === "read" && !p.repeat && p.scheme === scheme));
  const results: ProbeResult[] = [];
  const lists: ProbeResult[] = [];
  const methods: ProbeResult[] = [];
  conversation.forEach((entry, i) => {
    const { request } = entry;
    const probe = planned.has(request) || (request.kind === "list" && "path" in request) ? (request as Probe)
      : request.kind === "control" && control ? { ...control, key: `${control.key}:${i + 1}` } : undefined;
    if (!probe) throw new Error(`entry ${i} (${request.kind}) is no probe of the plan, nor a list or control read`);
    (probe.kind === "list" ? lists : probe.kind === "method" ? methods : results).push({ probe, exchange: exchangeOf(i + 1, probe, entry) });
  });
  return { zoneId: shape.zoneId, certificateIds: shape.certificateIds, schemes: shape.schemes, results, lists, methods };
}

/** Every check of the suites on `ctx`, by requirement id (what evaluateInProcess gives, without its dynamic import). */
export function judged(ctx: CheckContext): Map<string, CheckOutcome> {
  return new Map(ALL_CHECKS.map((check) => [check.requirement.id, evaluateCheck(check, ctx)]));
}
