import {
  ERR_ERRORS_NONEMPTY, ERR_ITEMS_SHAPE, ERR_ITEMS_UNIQUE, ERR_REQUIRED_MEMBERS, ERR_RESULT_NULL, ERR_SUCCESS_FALSE,
  AUTH_KEY_WRONG_REFUSED, ENV_REQUIRED_MEMBERS, HTTP_BODY_BOUNDED, HTTP_EVERY_REQUEST_ANSWERED, HTTP_JSON_BODY, ID_MALFORMED_REFUSED, ID_MAXLENGTH_CERTIFICATE,
  ID_RESULT_ECHO, ID_UNKNOWN_REFUSED, RESULT_FINGERPRINT_UNIQUE, RESULT_READS_AGREE,
} from "../src/registry/index.ts";
import type { CertificateResult } from "./certificates.ts";
import { certificatesRead, type Conversation, type ConversationEntry, type GeneratedExchange } from "./conversations.ts";
import { firstOf, jsonOf, lastOf, readsOf, responseOf, withAnswers, withJsonBody } from "./conversation-edits.ts";
import type { SuccessBody } from "./envelopes.ts";
import { EXCHANGE_CASES, REFUSED_BY, type ExchangeCase } from "./exchange-cases.ts";
import { exchangeMutation, type ExchangeMutation } from "./mutation.ts";
import { formatDateTime, instantOf, wholeSecondOf } from "./rfc3339.ts";

/**
 * Exchange-level mutations: what is wrong shows only in a run's exchanges taken together. A
 * certificate served to a request that must be refused (one mutation for every credential and
 * identifier probe), two certificates one could not tell apart, two reads of one certificate
 * that disagree, a read carrying another certificate's id, and answers that never came.
 */

const DAY_MS = 86_400_000;

/** The certificate ids a conversation reads; throws unless there are at least `n`. */
function certificateIds(conversation: Conversation, n: number, mutation: string): string[] {
  const ids = certificatesRead(conversation.map((e) => e.request));
  if (ids.length < n) throw new RangeError(`${mutation} needs a conversation reading ${n} certificates; it reads ${ids.length}`);
  return ids;
}

/** The answer of the first read of `certificateId` (of the first read at all, for identifiers no read names). */
function servedAnswer(conversation: Conversation, certificateId: string | undefined, mutation: string): GeneratedExchange {
  const reads = certificateId === undefined ? [] : readsOf(conversation, certificateId);
  return conversation[reads[0] ?? firstOf(conversation, "read-key", mutation)].answer;
}

/** The 200 body of an answer, with its result changed. */
const withResult = (answer: GeneratedExchange, change: (result: CertificateResult) => CertificateResult): GeneratedExchange =>
  ({ ...answer, response: withJsonBody(responseOf(answer), (b) => ({ ...(b as SuccessBody), result: change((b as SuccessBody).result) })) });

/** `hex` with its last digit changed (lower case). */
const lastDigitChanged = (hex: string) => hex.slice(0, -1) + (hex.slice(-1) === "0" ? "1" : "0");

// AUTH and ID: every request that must be refused, answered with the certificate.

/** The certificate served to a request of `exchange` (what the first read of it got): fails the requirement that request is refused by. */
function servedTo(exchange: ExchangeCase): ExchangeMutation {
  const name = `served-to-${exchange}`;
  return exchangeMutation(REFUSED_BY[exchange]!, name, [exchange], (conversation) => {
    const at = firstOf(conversation, exchange, name);
    const served = servedAnswer(conversation, conversation[at].request.certificateId, name);
    return withAnswers(conversation, [at], () => served);
  });
}

/** One for each credential and identifier probe ("refusal-malformed" is the first of the three malformed ones, which have their own). */
export const SERVED_TO_REFUSED_REQUESTS: readonly ExchangeMutation[] = EXCHANGE_CASES.filter((c) => REFUSED_BY[c] && c !== "refusal-malformed").map(servedTo);

// RESULT, across reads.

/** The status of a 200 read's result (the status a certificate is seen in there). */
const statusOf = (answer: GeneratedExchange) => (jsonOf(answer) as SuccessBody).result.status;

/**
 * RESULT-FINGERPRINT-UNIQUE: every read of the second certificate answered with the first one's
 * certificate (under the second's id, in the status each read saw the second in).
 */
export const secondCertificateServedAsFirst = exchangeMutation(RESULT_FINGERPRINT_UNIQUE, "second-certificate-served-as-first", ["read-key"], (conversation) => {
  const [first, second] = certificateIds(conversation, 2, "second-certificate-served-as-first");
  const theFirst = conversation[readsOf(conversation, first)[0]].answer;
  return withAnswers(conversation, readsOf(conversation, second), (a) => withResult(theFirst, (r) => ({ ...r, id: second, status: statusOf(a) })));
});

/** RESULT-FINGERPRINT-UNIQUE: the second certificate is another one of the same CA with the first one's serial number (every member agrees with it). */
export const secondCertificateReusesSerial = exchangeMutation(RESULT_FINGERPRINT_UNIQUE, "second-certificate-reuses-a-serial", ["read-key"], (conversation, resources) => {
  const [first, second] = certificateIds(conversation, 2, "second-certificate-reuses-a-serial");
  const fingerprint = (jsonOf(conversation[readsOf(conversation, first)[0]].answer) as SuccessBody).result.fingerprint_sha256;
  const twin = resources.sameSerialTwins?.get(fingerprint);
  if (!twin) throw new RangeError("second-certificate-reuses-a-serial needs resources.sameSerialTwins for the first certificate (issueSameSerialTwins)");
  return withAnswers(conversation, readsOf(conversation, second), (a) => withResult(a, (r) => ({ ...twin, id: second, status: r.status })));
});

/** A second read's result with one member written differently (still agreeing with the certificate): only the comparison of reads sees it. */
function readAgainDiffers(name: string, change: (result: CertificateResult) => CertificateResult): ExchangeMutation {
  return exchangeMutation(RESULT_READS_AGREE, name, ["read-again"], (conversation) =>
    withAnswers(conversation, [firstOf(conversation, "read-again", name)], (a) => withResult(a, change)));
}

/** RESULT-READS-AGREE: the second read writes the serial in the other case (or with one leading zero more or less, where it has no letters). */
export const readAgainSerialRewritten = readAgainDiffers("read-again-serial-rewritten", (r) => {
  const s = r.serial_number;
  const swapped = s.replace(/[a-f]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
  return { ...r, serial_number: swapped !== s ? swapped : s.startsWith("0") ? s.slice(1) : `0${s}` };
});
/** RESULT-READS-AGREE: the second read writes the PEM's line breaks another way. */
export const readAgainPemRestyled = readAgainDiffers("read-again-pem-restyled", (r) => {
  const pem = r.certificate;
  return { ...r, certificate: pem.includes("\\n") ? pem.replace(/\\n/g, "\n") : pem.includes("\r\n") ? pem.replace(/\r\n/g, "\n") : pem.replace(/\n/g, "\r\n") };
});
/** RESULT-READS-AGREE: the second read's issued_on a millisecond apart (the same second, so the certificate still agrees). */
export const readAgainIssuedOnMillisecondApart = readAgainDiffers("read-again-issued-on-a-millisecond-apart", (r) => {
  const instant = instantOf(r.issued_on);
  const moved = instant % 1000 === 0 ? instant + 1 : instant - 1;
  return { ...r, issued_on: formatDateTime(moved, { fractionDigits: 3, fraction: String(moved % 1000).padStart(3, "0"), offset: "Z" }) };
});
/** RESULT-READS-AGREE: the second read's validity_days another value within the day X509-VALIDITY-DAYS-MATCHES allows. */
export const readAgainValidityDaysOther = readAgainDiffers("read-again-validity-days-other", (r) => {
  const days = (wholeSecondOf(r.expires_on) - wholeSecondOf(r.issued_on)) / DAY_MS;
  const allowed = [Math.ceil(days - 1), Math.ceil(days - 1) + 1, Math.ceil(days - 1) + 2].filter((d) => Math.abs(d - days) <= 1);
  return { ...r, validity_days: allowed.find((d) => d !== r.validity_days)! };
});

// ID

/** ID-RESULT-ECHO: every read of the first certificate carries another (well-formed) id. */
export const readsCarryAnotherId = exchangeMutation(ID_RESULT_ECHO, "reads-carry-another-id", ["read-key"], (conversation) => {
  const [first] = certificateIds(conversation, 1, "reads-carry-another-id");
  return withAnswers(conversation, readsOf(conversation, first), (a) => withResult(a, (r) => ({ ...r, id: lastDigitChanged(r.id) })));
});

// HTTP: answers that never came, or came cut.

const reset = (): GeneratedExchange => ({ error: { kind: "reset", message: "socket hang up" } });
const timedOut = (): GeneratedExchange => ({ error: { kind: "timeout", message: "no complete response within 1000 ms" } });

/** HTTP-EVERY-REQUEST-ANSWERED: the connection reset on an identifier probe, while the requests after it were answered. */
export const requestResetWhileLaterAnswered = exchangeMutation(HTTP_EVERY_REQUEST_ANSWERED, "request-reset-while-later-answered", ["id-unknown"], (conversation) =>
  withAnswers(conversation, [firstOf(conversation, "id-unknown", "request-reset-while-later-answered")], reset), { couldNotTell: [ID_UNKNOWN_REFUSED.id] });

/**
 * HTTP-EVERY-REQUEST-ANSWERED: two identifier probes time out; the control read a run then sends
 * (of the first certificate, after the last probe, before the list read after them) is answered,
 * as its last read was, so the server was up and failed them.
 */
export const timeoutsThenControlAnswered = exchangeMutation(HTTP_EVERY_REQUEST_ANSWERED, "timeouts-then-control-read-answered", ["id-overlong-certificate", "id-malformed", "read-key"], (conversation) => {
  const name = "timeouts-then-control-read-answered";
  const [first] = certificateIds(conversation, 1, name);
  const reads = readsOf(conversation, first);
  const read = conversation[reads[reads.length - 1]];
  const unanswered = withAnswers(conversation, [lastOf(conversation, "id-overlong-certificate", name), lastOf(conversation, "id-malformed", name)], timedOut);
  const control: ConversationEntry = { request: { kind: "control", scheme: read.request.scheme, certificateId: first }, answer: { response: read.answer.response } };
  let at = unanswered.length;
  while (at > 0 && unanswered[at - 1].request.kind === "list") at--;
  return [...unanswered.slice(0, at), control, ...unanswered.slice(at)];
}, { couldNotTell: [ID_MAXLENGTH_CERTIFICATE.id, ID_MALFORMED_REFUSED.id] });

/** The ERR requirements, which a failure body the suite cut cannot be judged by. */
const ERR_IDS = [ERR_REQUIRED_MEMBERS, ERR_SUCCESS_FALSE, ERR_RESULT_NULL, ERR_ITEMS_SHAPE, ERR_ERRORS_NONEMPTY, ERR_ITEMS_UNIQUE].map((r) => r.id);
const EIGHT_MIB = 8 * 2 ** 20;

/**
 * HTTP-BODY-BOUNDED: a refusal's body is larger than the client reads; it was cut at the limit
 * (and so cannot be judged as JSON or as an envelope). On a refusal no other must match (see the
 * report: a pair of refusals is judged on a cut body's "(no JSON body)").
 */
export const refusalBodyCut = exchangeMutation(HTTP_BODY_BOUNDED, "refusal-body-cut-at-the-limit", ["refusal-wrong-key"], (conversation) =>
  withAnswers(conversation, [firstOf(conversation, "refusal-wrong-key", "refusal-body-cut-at-the-limit")], (a) => {
    const r = responseOf(a);
    return { ...a, response: { ...r, body: r.body.slice(0, Math.ceil(r.body.length / 2)), truncated: true, cutAtBytes: EIGHT_MIB } };
  }), { couldNotTell: [HTTP_JSON_BODY.id, AUTH_KEY_WRONG_REFUSED.id, ...ERR_IDS] });

/** HTTP-JSON-BODY: a read whose body bytes are not UTF-8 (a Latin-1 byte in the common name, shown as U+FFFD). */
export const readBodyNotUtf8 = exchangeMutation(HTTP_JSON_BODY, "read-body-not-utf8", ["read-key"], (conversation) =>
  withAnswers(conversation, [firstOf(conversation, "read-key", "read-body-not-utf8")], (a) => {
    const r = responseOf(a);
    return { ...a, response: { ...r, body: r.body.replace(/"common_name":\s*"/, (m) => `${m}\uFFFD`), invalidUtf8: true } };
  }), { alsoBreaks: [ENV_REQUIRED_MEMBERS.id] }); // a body that is not UTF-8 is no envelope either

/** Every exchange-level mutation. */
export const EXCHANGE_MUTATIONS: readonly ExchangeMutation[] = [
  ...SERVED_TO_REFUSED_REQUESTS,
  secondCertificateServedAsFirst, secondCertificateReusesSerial,
  readAgainSerialRewritten, readAgainPemRestyled, readAgainIssuedOnMillisecondApart, readAgainValidityDaysOther,
  readsCarryAnotherId,
  requestResetWhileLaterAnswered, timeoutsThenControlAnswered, refusalBodyCut, readBodyNotUtf8,
];
