import { certificatesRead, type Conversation, type ConversationEntry } from "./conversations.ts";
import { firstOf, readsOf, responseOf, withAnswers, withJsonBody } from "./conversation-edits.ts";
import type { FailureBody, SuccessBody } from "./envelopes.ts";
import { correctStatuses, refusedBy, type RequestFacts } from "./exchange-cases.ts";
import type { Mutation, MutationResources } from "./mutation.ts";
import { withStatus } from "./responses.ts";
import { requirementById } from "../src/registry/index.ts";
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
      // Written with the site's status as a server would write it (a 401 with its challenge).
      return withAnswers(conversation, [site.position], (a) => ({ ...a, response: withStatus(withJsonBody(responseOf(a), (b) => m.apply(b as FailureBody)), site.status) }));
  }
}

/** The error codes of a 4xx body as a client compares refusals: every item's code, those of nested `error_chain`s too, sorted. */
function errorCodes(body: unknown): string {
  const codes: string[] = [];
  const walk = (items: unknown): void => {
    if (!Array.isArray(items)) return;
    for (const item of items) if (item && typeof item === "object") codes.push(JSON.stringify((item as { code?: unknown }).code)), walk((item as { error_chain?: unknown }).error_chain);
  };
  walk(body !== null && typeof body === "object" ? (body as { errors?: unknown }).errors : undefined);
  return JSON.stringify(codes.sort());
}

/** The request that must be refused alike with `request` (it names it, or it names `request`), and the requirement that says so. */
function twinOf(conversation: Conversation, request: RequestFacts): { twin: number; requirement: Requirement } | undefined {
  const named = request.sameAnswerAs;
  const twin = conversation.findIndex((e) => (named ? e.request.key === named.key : request.key !== undefined && e.request.sameAnswerAs?.key === request.key));
  const requirement = named?.requirement ?? conversation[twin]?.request.sameAnswerAs?.requirement;
  return twin < 0 || !requirement ? undefined : { twin, requirement: requirementById(requirement)! };
}

/**
 * The requirements `m` at `site` breaks besides its own and those it declares: the refusal a 4xx
 * body that is no failure envelope no longer is; and, on one of two requests that must be refused
 * alike, the likeness, where the status the site writes or the error codes the mutation leaves
 * are not its twin's.
 */
export function siteBreaks(m: Mutation, conversation: Conversation, site: MutationSite): Requirement[] {
  if (!("position" in site) || m.kind !== "schema" || m.on !== "failure-4xx") return [];
  const out: Requirement[] = [];
  const { request, answer } = conversation[site.position];
  const refused = m.notARefusal ? refusedBy(request) : undefined;
  if (refused) out.push(refused);
  const pair = twinOf(conversation, request);
  const twin = pair && conversation[pair.twin].answer.response;
  if (pair && twin) {
    const mutated = m.apply(JSON.parse(responseOf(answer).body) as FailureBody);
    if (twin.status !== site.status || errorCodes(mutated) !== errorCodes(JSON.parse(twin.body))) out.push(pair.requirement);
  }
  return out;
}
