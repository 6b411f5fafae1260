import fc from "fast-check";
import type { ExchangeErrorKind, ResponseDecoding, WireEvidence } from "../src/http/types.ts";
import type { CertificateResult, CertificateStatus } from "./certificates.ts";
import { statusPlanArbitrary } from "./conversation-statuses.ts";
import { transportChoiceArbitrary, withConnections, withTransport } from "./conversation-transport.ts";
import { failureEnvelopeArbitrary, successEnvelopeAround } from "./envelopes.ts";
import { correctStatuses, type RequestFacts } from "./exchange-cases.ts";
import { jsonAnswerArbitrary, withStatus, type RawResponse } from "./responses.ts";
import { consistentResultArbitrary } from "./results.ts";
import { sameInstantDateTimeArbitrary } from "./rfc3339.ts";

/**
 * Whole conversations: every request of a run's plan with a correct answer, the way a
 * conforming server would answer them together. Each certificate is one pool certificate
 * (no two alike), every read of it carries the same result but for what a server may vary
 * between reads (how the dates are written, the envelope around it, and its status, which only
 * moves forward: conversation-statuses.ts); every refusal is a failure envelope with a status a
 * refusal of its kind may have, and two requests that must be refused alike are. Reads asked
 * another way get the same certificate; the zone's list, where the conversation holds one, lists
 * its certificates in the statuses they have then. Every answer has a Date, a 401 a challenge;
 * most carry the (well-formed) bytes they came in, kept-alive reads the connection they went on.
 */

/** A response as the client records it (what it noticed about the body besides its text). */
export interface GeneratedResponse extends RawResponse {
  /** The body was larger than the client reads: `body` is its first bytes. */
  truncated?: boolean;
  /** With `truncated`: the limit it went past, in bytes. */
  cutAtBytes?: number;
  /** The body bytes are not UTF-8 (`body` holds U+FFFD where they were). */
  invalidUtf8?: boolean;
  /** The content codings the client undid, or why the body would not decode. */
  decoding?: ResponseDecoding;
  /** The bytes as received, judged (absent: a replay of a recording made without them). */
  wire?: WireEvidence;
}

/** An answer: the response, or why none came (a reset, a timeout); for a kept-alive request, the connection it went on. */
export interface GeneratedExchange {
  response?: GeneratedResponse;
  error?: { kind: ExchangeErrorKind; message: string };
  connection?: { reused: boolean };
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

/** One read's answer: the certificate's result in `status`, its dates' notation drawn anew (the same instants). */
function readAnswerArbitrary(result: CertificateResult, status: CertificateStatus): fc.Arbitrary<RawResponse> {
  const varied = fc
    .record({ issued_on: sameInstantDateTimeArbitrary(result.issued_on), expires_on: sameInstantDateTimeArbitrary(result.expires_on) }, { noNullPrototype: true })
    .map((v): CertificateResult => ({ ...result, ...v, status }));
  return jsonAnswerArbitrary([200], successEnvelopeAround(varied));
}

/** The zone's list: every certificate of the conversation, in the status it has then. */
function listAnswerArbitrary(results: readonly CertificateResult[]): fc.Arbitrary<RawResponse> {
  const info = { page: 1, per_page: 50, count: results.length, total_count: results.length, total_pages: 1 };
  return jsonAnswerArbitrary([200], fc.constant({ success: true, errors: [], messages: [], result: results, result_info: info }));
}

/** The answers of a refusal with one of `statuses` (made once per set of statuses: a run has dozens of refusals). */
const refusalAnswers = new Map<readonly number[], fc.Arbitrary<GeneratedExchange>>();
function refusalAnswerArbitrary(statuses: readonly number[]): fc.Arbitrary<GeneratedExchange> {
  let answers = refusalAnswers.get(statuses);
  if (!answers) refusalAnswers.set(statuses, (answers = jsonAnswerArbitrary(statuses, failureEnvelopeArbitrary()).map((response) => ({ response }))));
  return answers;
}

/** The answers to reads, by certificate and status (made once per conversation: a run reads its first certificate twenty-odd times). */
type ReadAnswers = Map<string, fc.Arbitrary<GeneratedExchange>>;

function answerArbitrary(request: RequestFacts, results: ReadonlyMap<string, CertificateResult>, statuses: ReadonlyMap<string, CertificateStatus> | undefined, reads: ReadAnswers): fc.Arbitrary<GeneratedExchange> {
  if (request.kind === "read" || request.kind === "control") {
    const result = results.get(request.certificateId ?? "");
    const status = statuses?.get(request.certificateId ?? "");
    if (!result || !status) throw new RangeError(`a read of ${request.certificateId ?? "no certificate"}, which the conversation does not hold`);
    const key = `${request.certificateId}:${status}`;
    let answers = reads.get(key);
    if (!answers) reads.set(key, (answers = readAnswerArbitrary(result, status).map((response) => ({ response }))));
    return answers;
  }
  // Another method on the path: refused as a server that serves GET alone refuses it (RFC 9110 §15.5.6: with Allow).
  if (request.kind === "method") return refusalAnswerArbitrary(correctStatuses(request)).map((a) => ({ ...a, response: { ...a.response!, headers: { ...a.response!.headers, allow: "GET" } } }));
  if (request.kind === "list") return listAnswerArbitrary([...results].map(([id, r]) => ({ ...r, status: statuses!.get(id)! }))).map((response) => ({ response }));
  return refusalAnswerArbitrary(correctStatuses(request));
}

/** Each request that must be refused as another one is (`sameAnswerAs`) gets that one's status and errors. */
function refusedAlike(entries: ConversationEntry[]): ConversationEntry[] {
  const byKey = new Map(entries.flatMap((e) => (e.request.key === undefined ? [] : [[e.request.key, e] as const])));
  return entries.map((e) => {
    const twin = e.request.sameAnswerAs && byKey.get(e.request.sameAnswerAs.key)?.answer.response;
    const own = e.answer.response;
    if (!twin || !own) return e;
    const errors = (JSON.parse(twin.body) as { errors: unknown }).errors;
    return { ...e, answer: { ...e.answer, response: withStatus({ ...own, body: JSON.stringify({ ...(JSON.parse(own.body) as object), errors }) }, twin.status) } };
  });
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
    .chain((picks) => fc.tuple(
      fc.tuple(...picks.map((p, i) => consistentResultArbitrary([pool[p]]).map((r): CertificateResult => ({ ...r, id: ids[i] })))),
      statusPlanArbitrary(requests, ids),
    ))
    .chain(([results, statuses]) => {
      const byId = new Map(ids.map((id, i) => [id, results[i]] as const));
      const reads: ReadAnswers = new Map();
      const entries = requests.map((request, i) => fc.tuple(answerArbitrary(request, byId, statuses.get(i), reads), transportChoiceArbitrary(request))
        .map(([answer, choice]): ConversationEntry => ({ request, answer: withTransport(request, answer, choice) })));
      // One time in five, the first kept-alive answer says Connection: close (and the second read goes on a new connection).
      return fc.tuple(fc.tuple(...entries), fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }));
    })
    .map(([entries, closes]) => withConnections(refusedAlike(entries), closes));
}
