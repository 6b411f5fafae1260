import type { Conversation, ConversationEntry, GeneratedExchange, GeneratedResponse } from "./conversations.ts";
import { isRequestOf, type ExchangeCase, type RequestFacts } from "./exchange-cases.ts";
import { NoSuchRequest } from "./mutation.ts";

/** The small edits mutations make to a conversation: find a request, change its answer, edit a JSON body. */

/** Positions of the entries whose request satisfies `which`. */
export function positionsOf(conversation: Conversation, which: (request: RequestFacts) => boolean): number[] {
  return conversation.flatMap((e, i) => (which(e.request) ? [i] : []));
}

/** Position of the first request of `exchange`; throws NoSuchRequest (naming `mutation`) when there is none. */
export function firstOf(conversation: Conversation, exchange: ExchangeCase, mutation: string): number {
  const i = conversation.findIndex((e) => isRequestOf(exchange, e.request));
  if (i < 0) throw new NoSuchRequest(exchange, mutation);
  return i;
}

/** Position of the last request of `exchange`; throws NoSuchRequest when there is none. */
export function lastOf(conversation: Conversation, exchange: ExchangeCase, mutation: string): number {
  const positions = positionsOf(conversation, (r) => isRequestOf(exchange, r));
  if (!positions.length) throw new NoSuchRequest(exchange, mutation);
  return positions[positions.length - 1];
}

/** The reads (not control reads) of one certificate. */
export function readsOf(conversation: Conversation, certificateId: string): number[] {
  return positionsOf(conversation, (r) => r.kind === "read" && r.certificateId === certificateId);
}

/** The conversation with the answers at `positions` changed. */
export function withAnswers(conversation: Conversation, positions: readonly number[], change: (answer: GeneratedExchange, entry: ConversationEntry) => GeneratedExchange): ConversationEntry[] {
  const at = new Set(positions);
  return conversation.map((e, i) => (at.has(i) ? { ...e, answer: change(e.answer, e) } : e));
}

/** The response of an answer; throws when the answer has none (a mutation of a body needs one). */
export function responseOf(answer: GeneratedExchange): GeneratedResponse {
  if (!answer.response) throw new RangeError("the answer has no response to change");
  return answer.response;
}

/** The response with its JSON body edited (compact JSON after). */
export function withJsonBody(response: GeneratedResponse, edit: (body: unknown) => unknown): GeneratedResponse {
  return { ...response, body: JSON.stringify(edit(JSON.parse(response.body))) };
}

/** The JSON body of an answer, parsed. */
export function jsonOf(answer: GeneratedExchange): unknown {
  return JSON.parse(responseOf(answer).body);
}
