import { certificatesRead, type Conversation, type ConversationEntry } from "./conversations.ts";
import { firstOf, readsOf, responseOf, withAnswers, withJsonBody } from "./conversation-edits.ts";
import type { FailureBody, SuccessBody } from "./envelopes.ts";
import { correctStatuses, refusedBy } from "./exchange-cases.ts";
import type { Mutation, MutationResources } from "./mutation.ts";
import type { Requirement } from "../src/registry/types.ts";

/**
 * Any mutation, applied to a whole conversation the way a faulty server would show it:
 * a 200-body mutation on every read of one certificate (a server's serialiser is wrong for
 * that certificate, on every read), a 4xx-body mutation on one refusal written with a given
 * status, a response mutation on the first answer to its request, an exchange mutation as it
 * says.
 */

/** Where a body mutation lands. */
export type MutationSite =
  /** 200 bodies: every read of this certificate. */
  | { readonly certificateId: string }
  /** 4xx bodies: the answer at this position, written with this status. */
  | { readonly position: number; readonly status: number }
  /** Response and exchange mutations say where themselves. */
  | Readonly<Record<string, never>>;

/** Every site `m` can land on in `conversation`. */
export function mutationSites(m: Mutation, conversation: Conversation): MutationSite[] {
  if (m.kind === "response" || m.kind === "exchange") return [{}];
  if (m.on === "success-200") return certificatesRead(conversation.filter((e) => e.request.kind === "read").map((e) => e.request)).map((certificateId) => ({ certificateId }));
  return conversation.flatMap((e, position) => (e.request.kind === "auth" || e.request.kind === "id" ? correctStatuses(e.request).map((status) => ({ position, status })) : []));
}

/** `conversation` with `m` applied at `site`. */
export function applyToConversation(m: Mutation, conversation: Conversation, site: MutationSite, resources: MutationResources = {}): ConversationEntry[] {
  switch (m.kind) {
    case "exchange":
      return m.apply(conversation, resources);
    case "response":
      return withAnswers(conversation, [firstOf(conversation, m.on, m.name)], (a) => ({ ...a, response: m.apply(responseOf(a)) }));
    default:
      if (m.on === "success-200") {
        if (!("certificateId" in site)) throw new RangeError(`${m.name} lands on the reads of a certificate`);
        const reads = readsOf(conversation, site.certificateId);
        if (!reads.length) throw new RangeError(`${m.name}: no read of ${site.certificateId}`);
        return withAnswers(conversation, reads, (a) => ({ ...a, response: withJsonBody(responseOf(a), (b) => m.apply(b as SuccessBody)) }));
      }
      if (!("position" in site)) throw new RangeError(`${m.name} lands on one refusal`);
      return withAnswers(conversation, [site.position], (a) => ({ ...a, response: { ...withJsonBody(responseOf(a), (b) => m.apply(b as FailureBody)), status: site.status } }));
  }
}

/** The requirements `m` at `site` breaks besides its own and those it declares: the refusal a 4xx body that is no failure envelope no longer is. */
export function siteBreaks(m: Mutation, conversation: Conversation, site: MutationSite): Requirement[] {
  if (!m.notARefusal || !("position" in site)) return [];
  const refused = refusedBy(conversation[site.position].request);
  return refused ? [refused] : [];
}
