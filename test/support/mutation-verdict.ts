import { siteBreaks, tagUnder, type Conversation, type Mutation, type MutationSite } from "../../generators/index.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";
import type { CheckOutcome } from "../../suites/support/check.ts";

/**
 * What a tagged mutation must do to the suites' verdicts: fail (or, where it says so, leave
 * errored) the requirement it is tagged with under the seed document, and nothing else fails
 * or errors but what it declares (its knock-on effects, the requirements it leaves the suite
 * unable to judge, and the refusal a 4xx body that is no failure envelope no longer is).
 * Returns what is wrong, empty when the verdicts are as tagged.
 */
export function mutationVerdictProblems(m: Mutation, conversation: Conversation, site: MutationSite, outcomes: ReadonlyMap<string, CheckOutcome>): string[] {
  const tag = tagUnder(m, seedSpec()).requirement.id;
  const expected = m.outcome ?? "failed";
  const mayFail = new Set([tag, ...m.alsoBreaks, ...siteBreaks(m, conversation, site).map((r) => r.id)]);
  const mayError = new Set([...m.couldNotTell, ...(expected === "errored" ? [tag] : [])]);
  const problems: string[] = [];
  const own = outcomes.get(tag);
  if (own?.status !== expected) problems.push(`${tag} is ${own?.status ?? "not judged"}, expected ${expected}${own?.reason ? ` (${own.reason})` : ""}`);
  for (const [id, o] of outcomes) {
    if (o.status === "failed" && !mayFail.has(id)) problems.push(`${id} failed as well: ${o.failures[0]?.message}`);
    if (o.status === "errored" && !mayError.has(id)) problems.push(`${id} errored: ${o.reason}`);
    if (o.status === "errored" && !reasonSaysWhy(o.reason)) problems.push(`${id} errored without saying why: ${JSON.stringify(o.reason)}`);
    if (o.status === "failed") problems.push(...failureProblems(id, o));
  }
  return problems;
}

/**
 * A failure a reader can act on: it says what is wrong (not only which request), and shows the
 * request it is about with a curl line to send it again (and the response, where one came).
 */
export function failureProblems(id: string, o: CheckOutcome): string[] {
  return o.failures.flatMap((f) => {
    const out: string[] = [];
    if (!f.message.trim() || /:\s*$/.test(f.message)) out.push(`${id}: the failure "${f.message}" does not say what is wrong`);
    // A message built from a value that was not there says "undefined" where it meant to say what.
    if (/\bundefined\b|\[object Object\]/.test(f.message)) out.push(`${id}: the failure "${f.message}" shows a missing value`);
    if (f.message.startsWith("…")) return out; // the "and N more" line stands for failures already shown
    if (!f.request?.url || !f.reproduce?.startsWith("curl ")) out.push(`${id}: the failure "${f.message}" does not show its request and a curl line`);
    return out;
  });
}

/** An errored or skipped outcome's reason says what was missing: words, not an empty tail or a missing value. */
export function reasonSaysWhy(reason: string | undefined): boolean {
  return reason !== undefined && reason.trim() !== "" && !/:\s*$/.test(reason) && !/\bundefined\b/.test(reason);
}
