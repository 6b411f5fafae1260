import fc from "fast-check";
import type { WireEvidence } from "../src/http/types.ts";
import type { GeneratedExchange, GeneratedResponse } from "./conversations.ts";
import type { RequestFacts } from "./exchange-cases.ts";

/**
 * What a run sees of its answers besides status, fields and body, as a conforming server gives
 * it: the bytes judged on the wire (none found wrong; absent now and then, as in a replay of a
 * recording made without them), the connection a kept-alive request went on, and the content
 * coding a server may apply where the request accepts it.
 */

/** The wire evidence of a well-formed HTTP/1.1 answer; `closed` where the client waited to see the server close. */
export function wellFormedWire(request: RequestFacts): WireEvidence {
  return { violations: [], httpVersion: "1.1", ...(request.awaitClose ? { closedAfterAnswer: true } : {}) };
}

/** The codings a read variant's Accept-Encoding accepts (the client's default, identity, accepts none). */
const ACCEPTED_CODINGS: Readonly<Record<string, readonly string[]>> = {
  "encoding-gzip": ["gzip"],
  "encoding-br": ["br", "deflate"],
  "encoding-absent": ["gzip", "br", "deflate"],
};

/** The codings a server may apply to the answer to `request`. */
const NONE: readonly string[] = [];
export const codingsAccepted = (request: RequestFacts): readonly string[] => ACCEPTED_CODINGS[request.variant ?? ""] ?? NONE;

/** `response` as the client records it when the server applied `coding` (and the client undid it). */
export function coded(response: GeneratedResponse, coding: string): GeneratedResponse {
  return { ...response, headers: { ...response.headers, "content-encoding": coding, vary: "Accept-Encoding" }, decoding: { codings: [coding] } };
}

/** What may vary of one answer's transport: whether its bytes were kept, and which accepted coding (if any) the server applied. */
export interface TransportChoice {
  wire: boolean;
  coding: string | null;
}

/** The transport choices, by the codings accepted (made once each: every answer of a run draws one). */
const choices = new Map<readonly string[], fc.Arbitrary<TransportChoice>>();

/** The transport of the answer to `request`: wire evidence nine times in ten, an accepted coding half the time. */
export function transportChoiceArbitrary(request: RequestFacts): fc.Arbitrary<TransportChoice> {
  const codings = codingsAccepted(request);
  let choice = choices.get(codings);
  if (!choice) {
    choices.set(codings, (choice = fc.record({
      wire: fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, { arbitrary: fc.constant(false), weight: 1 }),
      coding: codings.length ? fc.option(fc.constantFrom(...codings), { freq: 2 }) : fc.constant(null),
    }, { noNullPrototype: true })));
  }
  return choice;
}

/** The answer to `request` with `choice` applied. */
export function withTransport(request: RequestFacts, answer: GeneratedExchange, choice: TransportChoice): GeneratedExchange {
  if (!answer.response) return answer;
  const response = choice.coding ? coded(answer.response, choice.coding) : answer.response;
  return { ...answer, response: choice.wire ? { ...response, wire: wellFormedWire(request) } : response };
}

/**
 * The kept-alive requests of a conversation (step 1 and step 2 of each group) with their
 * connections: the first on a new one; the second on the same one, or, where the first answer
 * said `Connection: close` (`closes`), on a new one.
 */
export function withConnections<E extends { readonly request: RequestFacts; readonly answer: GeneratedExchange }>(entries: readonly E[], closes: boolean): E[] {
  return entries.map((e, i) => {
    const step = e.request.connection?.step;
    const response = e.answer.response;
    if (step === undefined || !response) return e;
    if (step === 1) return { ...e, answer: { ...e.answer, connection: { reused: false }, response: { ...response, headers: { ...response.headers, connection: closes ? "close" : "keep-alive" } } } };
    const first = entries.slice(0, i).some((x) => x.request.connection?.group === e.request.connection!.group && x.request.connection.step === 1);
    return { ...e, answer: { ...e.answer, connection: { reused: first && !closes } } };
  });
}
