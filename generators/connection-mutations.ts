import { HTTP_CONNECTION_PERSISTENCE, HTTP_EVERY_REQUEST_ANSWERED, ID_RESULT_ECHO, HTTP_EXISTING_200 } from "../src/registry/index.ts";
import type { Conversation, GeneratedExchange } from "./conversations.ts";
import { firstOf, responseOf, withAnswers } from "./conversation-edits.ts";
import { wellFormedWire } from "./conversation-transport.ts";
import { exchangeMutation, type ExchangeMutation } from "./mutation.ts";

/**
 * Connection mutations (HTTP-CONNECTION-PERSISTENCE): a server that does not keep an HTTP/1.1
 * connection open though its answer did not say `Connection: close`, or keeps it open after
 * answering a request that said `Connection: close`.
 */

/** The first kept-alive answer, saying nothing of closing (a server keeping the connection, as far as it says). */
function firstKeptAlive(conversation: Conversation, name: string): { first: number; second: number; conversation: Conversation } {
  const first = firstOf(conversation, "read-keep-alive-first", name);
  const second = firstOf(conversation, "read-keep-alive-second", name);
  const kept = withAnswers(conversation, [first], (a) => {
    const { connection: _said, ...headers } = responseOf(a).headers;
    return { ...a, response: { ...responseOf(a), headers } };
  });
  return { first, second, conversation: kept };
}

/** HTTP-CONNECTION-PERSISTENCE: the second read went on a new connection: the server closed the first after answering, without saying so. */
export const keepAliveClosedUnsaid = exchangeMutation(HTTP_CONNECTION_PERSISTENCE, "keep-alive-connection-closed-unsaid", ["read-keep-alive-first", "read-keep-alive-second"], (conversation) => {
  const { second, conversation: kept } = firstKeptAlive(conversation, "keep-alive-connection-closed-unsaid");
  return withAnswers(kept, [second], (a): GeneratedExchange => ({ ...a, connection: { reused: false } }));
});

/**
 * HTTP-CONNECTION-PERSISTENCE: the second read went out on the kept connection and the server
 * reset it. The run's later requests were answered (HTTP-EVERY-REQUEST-ANSWERED fails too), and
 * the read's own answer is missing (whether it echoed its id could not be told).
 */
export const keepAliveSecondReset = exchangeMutation(HTTP_CONNECTION_PERSISTENCE, "keep-alive-second-request-reset", ["read-keep-alive-first", "read-keep-alive-second"], (conversation) => {
  const { second, conversation: kept } = firstKeptAlive(conversation, "keep-alive-second-request-reset");
  return withAnswers(kept, [second], (): GeneratedExchange => ({ error: { kind: "reset", message: "socket hang up" }, connection: { reused: true } }));
}, { alsoBreaks: [HTTP_EVERY_REQUEST_ANSWERED.id], couldNotTell: [ID_RESULT_ECHO.id, HTTP_EXISTING_200.id] });

/** HTTP-CONNECTION-PERSISTENCE: the read that said Connection: close was answered, and the server kept the connection open (RFC 9112 §9.6). */
export const connectionKeptOpenAfterClose = exchangeMutation(HTTP_CONNECTION_PERSISTENCE, "connection-kept-open-after-close", ["read-again"], (conversation) =>
  withAnswers(conversation, [firstOf(conversation, "read-again", "connection-kept-open-after-close")], (a, e) =>
    ({ ...a, response: { ...responseOf(a), wire: { ...(responseOf(a).wire ?? wellFormedWire(e.request)), closedAfterAnswer: false } } })));

/** Every connection mutation. */
export const CONNECTION_MUTATIONS: readonly ExchangeMutation[] = [keepAliveClosedUnsaid, keepAliveSecondReset, connectionKeptOpenAfterClose];
