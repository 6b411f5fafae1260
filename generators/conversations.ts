import fc from "fast-check";
import type { ExchangeErrorKind } from "../src/http/types.ts";
import { CERTIFICATE_STATUSES, type CertificateResult } from "./certificates.ts";
import { failureEnvelopeArbitrary, successEnvelopeAround } from "./envelopes.ts";
import { correctStatuses, type RequestFacts } from "./exchange-cases.ts";
import { jsonAnswerArbitrary, type RawResponse } from "./responses.ts";
import { consistentResultArbitrary } from "./results.ts";
import { sameInstantDateTimeArbitrary } from "./rfc3339.ts";

/**
 * Whole conversations: every request of a run's plan with a correct answer, the way a
 * conforming server would answer them together. Each certificate is one pool certificate
 * (no two alike), every read of it carries the same result but for what a server may vary
 * between reads (the status, how the dates are written, the envelope around it); every
 * refusal is a failure envelope with a status a refusal of its kind may have.
 */

/** A response as the client records it (what it noticed about the body besides its text). */
export interface GeneratedResponse extends RawResponse {
  /** The body was larger than the client reads: `body` is its first bytes. */
  truncated?: boolean;
  /** With `truncated`: the limit it went past, in bytes. */
  cutAtBytes?: number;
  /** The body bytes are not UTF-8 (`body` holds U+FFFD where they were). */
  invalidUtf8?: boolean;
}

/** An answer: the response, or why none came (a reset, a timeout). */
export interface GeneratedExchange {
  response?: GeneratedResponse;
  error?: { kind: ExchangeErrorKind; message: string };
}

/** One request of a run, and its answer. */
export interface ConversationEntry {
  readonly request: RequestFacts;
  readonly answer: GeneratedExchange;
}

/** The requests of a run in the order they are sent, each with its answer. */
export type Conversation = readonly ConversationEntry[];

/** The certificates a conversation reads, in the order they are first read. */
export function certificatesRead(requests: readonly RequestFacts[]): string[] {
  return [...new Set(requests.filter((r) => (r.kind === "read" || r.kind === "control") && r.certificateId !== undefined).map((r) => r.certificateId!))];
}

/** One read's answer: the certificate's result with its status and its dates' notation drawn anew (the same instants). */
function readAnswerArbitrary(result: CertificateResult): fc.Arbitrary<RawResponse> {
  const varied = fc
    .record({
      status: fc.constantFrom(...CERTIFICATE_STATUSES),
      issued_on: sameInstantDateTimeArbitrary(result.issued_on),
      expires_on: sameInstantDateTimeArbitrary(result.expires_on),
    }, { noNullPrototype: true })
    .map((v): CertificateResult => ({ ...result, ...v }));
  return jsonAnswerArbitrary([200], successEnvelopeAround(varied));
}

function answerArbitrary(request: RequestFacts, results: ReadonlyMap<string, CertificateResult>): fc.Arbitrary<GeneratedExchange> {
  if (request.kind === "read" || request.kind === "control") {
    const result = results.get(request.certificateId ?? "");
    if (!result) throw new RangeError(`a read of ${request.certificateId ?? "no certificate"}, which the conversation does not hold`);
    return readAnswerArbitrary(result).map((response) => ({ response }));
  }
  if (request.kind === "list") throw new RangeError("list requests are not part of a conversation (discovery answers them)");
  return jsonAnswerArbitrary(correctStatuses(request), failureEnvelopeArbitrary()).map((response) => ({ response }));
}

/**
 * A correct answer to every request of `requests`, in order. Each certificate read is a
 * distinct certificate of `pool`, its `id` the requested one; `pool` must hold at least as
 * many certificates as the requests read.
 */
export function conversationArbitrary(requests: readonly RequestFacts[], pool: readonly CertificateResult[]): fc.Arbitrary<ConversationEntry[]> {
  const ids = certificatesRead(requests);
  if (ids.length > pool.length) throw new RangeError(`the requests read ${ids.length} certificates; the pool holds ${pool.length}`);
  return fc
    .shuffledSubarray([...pool.keys()], { minLength: ids.length, maxLength: ids.length })
    .chain((picks) => fc.tuple(...picks.map((p, i) => consistentResultArbitrary([pool[p]]).map((r): CertificateResult => ({ ...r, id: ids[i] })))))
    .chain((results) => {
      const byId = new Map(ids.map((id, i) => [id, results[i]] as const));
      return fc.tuple(...requests.map((request) => answerArbitrary(request, byId).map((answer): ConversationEntry => ({ request, answer }))));
    });
}
