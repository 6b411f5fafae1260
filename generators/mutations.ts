import {
  ENV_ERRORS_ITEMS, ENV_ITEMS_UNIQUE, ENV_MESSAGES_ITEMS, ENV_REQUIRED_MEMBERS, ENV_RESULT_OBJECT, ENV_RESULT_TYPE, ENV_SUCCESS_TRUE,
  ERR_ERRORS_NONEMPTY, ERR_ITEMS_SHAPE, ERR_ITEMS_UNIQUE, ERR_REQUIRED_MEMBERS, ERR_RESULT_NULL, ERR_SUCCESS_FALSE,
  ID_RESULT_FORMAT, ID_RESULT_MAXLENGTH,
  RESULT_DATE_FORMAT, RESULT_FINGERPRINT_FORMAT, RESULT_MEMBER_TYPES, RESULT_PEM_FORMAT, RESULT_REQUIRED_MEMBERS, RESULT_SERIAL_FORMAT, RESULT_SKI_FORMAT,
  STATUS_ENUM,
  X509_CERTIFICATE_PARSES, X509_CSR_KEY_MATCHES, X509_DATES_MATCH, X509_FINGERPRINT_MATCHES, X509_SERIAL_MATCHES, X509_SKI_MATCHES,
  X509_CSR_SUBJECT_MATCHES, X509_SUBJECT_MATCHES, X509_VALIDITY_DAYS_MATCHES, ID_RESULT_ECHO,
} from "../src/registry/index.ts";
import type { CertificateResult } from "./certificates.ts";
import type { EnvelopeItem } from "./envelope-items.ts";
import type { FailureBody, SuccessBody } from "./envelopes.ts";
import { failureMutation, mutation, STRICT_ONLY, type FailureMutation, type MutationOptions, type SuccessMutation } from "./mutation.ts";

/**
 * Schema-level mutations: each makes a valid 200 or 4xx body invalid in one way, and the
 * validator reports it with the tagged requirement (under the profiles it names).
 */

/** The documented members of the certificate object (the strict profile requires them all). */
export const RESULT_MEMBERS = [
  "certificate", "certificate_authority", "common_name", "country", "csr", "expires_on", "fingerprint_sha256", "id", "issued_on",
  "location", "organization", "organizational_unit", "serial_number", "signature", "ski", "state", "status", "validity_days",
] as const satisfies readonly (keyof CertificateResult)[];

/** `obj` without `key`. */
function without<T extends object>(obj: T, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = obj as Record<string, unknown>;
  return rest;
}

/** The body with some result members replaced (by anything, valid or not). */
const withResult = (body: SuccessBody, patch: Record<string, unknown>) => ({ ...body, result: { ...body.result, ...patch } });

/** The body with its first error item changed (failures have at least one). */
const withFirstError = (body: FailureBody, change: (item: EnvelopeItem) => Record<string, unknown>) =>
  ({ ...body, errors: [change(body.errors[0]), ...body.errors.slice(1)] });

/** An item to put where the body has none. */
const SOME_ITEM: EnvelopeItem = { code: 10000, message: "Informational" };

/** `hex` with a character that is not a lower-case hex digit, whatever `hex` holds. */
const upperCased = (hex: string) => (/[a-f]/.test(hex) ? hex.toUpperCase() : `A${hex.slice(1)}`);

/** "3bb94f..." → "3B:B9:4F:..." (Node's colon-separated upper-case form). */
const colonHex = (hex: string) => (hex.length % 2 ? `0${hex}` : hex).toUpperCase().match(/../g)!.join(":");

/**
 * A member written wrongly no longer agrees with the certificate either, where an X509 check
 * compares it (and an id that changed is no longer the requested one): the knock-on effects a
 * 200-body mutation declares, by the requirement that compares the member.
 */
const alsoDisagrees = (...requirements: { id: string }[]): MutationOptions => ({ alsoBreaks: requirements.map((r) => r.id) });
const strictAnd = (...requirements: { id: string }[]): MutationOptions => ({ ...STRICT_ONLY, ...alsoDisagrees(...requirements) });

// ENV: the 200 envelope.

/** ENV-SUCCESS-TRUE: success is false on a 200. */
export const successFalse = mutation(ENV_SUCCESS_TRUE, "success-false", (b) => ({ ...b, success: false }));
/** ENV-SUCCESS-TRUE: success is the string "true". */
export const successString = mutation(ENV_SUCCESS_TRUE, "success-string", (b) => ({ ...b, success: "true" }));
/** ENV-SUCCESS-TRUE: success is the number 1. */
export const successNumber = mutation(ENV_SUCCESS_TRUE, "success-number", (b) => ({ ...b, success: 1 }));
/**
 * ENV-REQUIRED-MEMBERS: one envelope member left out, for each of the four. Where the document's
 * envelope does not require result (Cloudflare's documents from 2024-02-16 on), a 200 without it
 * breaks ENV-RESULT-OBJECT under strict only (erratum success-result-not-required).
 */
export const envelopeMemberMissing: SuccessMutation[] = (["success", "errors", "messages", "result"] as const).map((key) =>
  mutation(ENV_REQUIRED_MEMBERS, `${key}-missing`, (b) => without(b, key), {
    underDocument: (spec) => (spec.envelopeRequired.includes(key) ? undefined : { requirement: ENV_RESULT_OBJECT, profiles: ["strict"] }),
  }));
/** ENV-REQUIRED-MEMBERS: the body is an array holding the envelope. */
export const bodyArray = mutation(ENV_REQUIRED_MEMBERS, "body-array", (b) => [b]);
/** ENV-REQUIRED-MEMBERS: the body is JSON null. */
export const bodyNull = mutation(ENV_REQUIRED_MEMBERS, "body-null", () => null);
/** ENV-REQUIRED-MEMBERS: the body is the envelope's JSON text as a string (double encoding). */
export const bodyDoubleEncoded = mutation(ENV_REQUIRED_MEMBERS, "body-double-encoded", (b) => JSON.stringify(b));
/** ENV-ERRORS-ITEMS: errors is an object. */
export const errorsObject = mutation(ENV_ERRORS_ITEMS, "errors-object", (b) => ({ ...b, errors: {} }));
/** ENV-ERRORS-ITEMS: an error item with code 999. */
export const errorsCodeBelow1000 = mutation(ENV_ERRORS_ITEMS, "errors-code-below-1000", (b) => ({ ...b, errors: [{ code: 999, message: "Below the minimum" }] }));
/** ENV-ERRORS-ITEMS: an error item without message. */
export const errorsItemWithoutMessage = mutation(ENV_ERRORS_ITEMS, "errors-item-without-message", (b) => ({ ...b, errors: [{ code: 1000 }] }));
/** ENV-MESSAGES-ITEMS: messages is null. */
export const messagesNull = mutation(ENV_MESSAGES_ITEMS, "messages-null", (b) => ({ ...b, messages: null }));
/** ENV-MESSAGES-ITEMS: a message with code 971 (Cloudflare's rate-limit code, below the minimum). */
export const messagesCode971 = mutation(ENV_MESSAGES_ITEMS, "messages-code-971", (b) => ({ ...b, messages: [{ code: 971, message: "Please wait and consider throttling your request speed" }] }));
/** ENV-MESSAGES-ITEMS: a message code that is not an integer. */
export const messagesCodeFraction = mutation(ENV_MESSAGES_ITEMS, "messages-code-fraction", (b) => ({ ...b, messages: [{ code: 1000.5, message: "Half" }] }));
/** ENV-MESSAGES-ITEMS: a message code written as a string. */
export const messagesCodeString = mutation(ENV_MESSAGES_ITEMS, "messages-code-string", (b) => ({ ...b, messages: [{ code: "10000", message: "Text code" }] }));
/** ENV-RESULT-TYPE: result is null on a 200. */
export const resultNull = mutation(ENV_RESULT_TYPE, "result-null", (b) => ({ ...b, result: null }));
/** ENV-RESULT-TYPE: result is an array holding the certificate (the list operation's shape). */
export const resultArray = mutation(ENV_RESULT_TYPE, "result-array", (b) => ({ ...b, result: [b.result] }));
/** ENV-RESULT-TYPE: result is a number. */
export const resultNumber = mutation(ENV_RESULT_TYPE, "result-number", (b) => ({ ...b, result: 1 }));
/** ENV-RESULT-OBJECT (strict): result is a string, which the generic envelope admits. */
export const resultString = mutation(ENV_RESULT_OBJECT, "result-string", () => ({ success: true, errors: [], messages: [], result: "ok" }), STRICT_ONLY);
/** ENV-ITEMS-UNIQUE (strict): one message twice. */
export const messagesDuplicated = mutation(ENV_ITEMS_UNIQUE, "messages-duplicated", (b) => {
  const item = b.messages[0] ?? SOME_ITEM;
  return { ...b, messages: [item, ...b.messages.slice(1), item] };
}, STRICT_ONLY);
/** ENV-ITEMS-UNIQUE (strict): one error twice. */
export const errorsDuplicated = mutation(ENV_ITEMS_UNIQUE, "errors-duplicated", (b) => {
  const item = b.errors[0] ?? SOME_ITEM;
  return { ...b, errors: [item, ...b.errors.slice(1), item] };
}, STRICT_ONLY);

// RESULT: the certificate object's members.

/** RESULT-MEMBER-TYPES: validity_days as a string. */
export const validityDaysString = mutation(RESULT_MEMBER_TYPES, "validity-days-string", (b) => withResult(b, { validity_days: String(b.result.validity_days) }), alsoDisagrees(X509_VALIDITY_DAYS_MATCHES));
/** RESULT-MEMBER-TYPES: validity_days with a fraction. */
export const validityDaysFraction = mutation(RESULT_MEMBER_TYPES, "validity-days-fraction", (b) => withResult(b, { validity_days: b.result.validity_days + 0.5 }), alsoDisagrees(X509_VALIDITY_DAYS_MATCHES));
/** RESULT-MEMBER-TYPES: common_name as a number. */
export const commonNameNumber = mutation(RESULT_MEMBER_TYPES, "common-name-number", (b) => withResult(b, { common_name: 42 }), alsoDisagrees(X509_SUBJECT_MATCHES));
/** RESULT-MEMBER-TYPES: organization null where the subject has none (instead of ""). */
export const organizationNull = mutation(RESULT_MEMBER_TYPES, "organization-null", (b) => withResult(b, { organization: null }), alsoDisagrees(X509_SUBJECT_MATCHES, X509_CSR_SUBJECT_MATCHES));
/** RESULT-MEMBER-TYPES: country as an array. */
export const countryArray = mutation(RESULT_MEMBER_TYPES, "country-array", (b) => withResult(b, { country: [b.result.country] }), alsoDisagrees(X509_SUBJECT_MATCHES, X509_CSR_SUBJECT_MATCHES));
/** RESULT-MEMBER-TYPES: issued_on as epoch seconds. */
export const issuedOnEpoch = mutation(RESULT_MEMBER_TYPES, "issued-on-epoch-number", (b) => withResult(b, { issued_on: 1_677_194_280 }), alsoDisagrees(X509_DATES_MATCH));
/** RESULT-MEMBER-TYPES: certificate_authority as its name only. */
export const certificateAuthorityString = mutation(RESULT_MEMBER_TYPES, "certificate-authority-string", (b) => withResult(b, { certificate_authority: b.result.certificate_authority.name }));
/** RESULT-MEMBER-TYPES: certificate_authority.id as a number. */
export const certificateAuthorityIdNumber = mutation(RESULT_MEMBER_TYPES, "certificate-authority-id-number", (b) => withResult(b, { certificate_authority: { ...b.result.certificate_authority, id: 568 } }));
/** RESULT-REQUIRED-MEMBERS (strict): one documented member left out, for each of them. */
export const resultMemberMissing: SuccessMutation[] = RESULT_MEMBERS.map((member) =>
  mutation(RESULT_REQUIRED_MEMBERS, `result-${member.replace(/_/g, "-")}-missing`, (b) => ({ ...b, result: without(b.result, member) }), member === "id" ? strictAnd(ID_RESULT_ECHO) : STRICT_ONLY));
/** RESULT-DATE-FORMAT (strict): issued_on without an offset. */
export const issuedOnWithoutOffset = mutation(RESULT_DATE_FORMAT, "issued-on-without-offset", (b) => withResult(b, { issued_on: "2023-02-23T23:18:00" }), strictAnd(X509_DATES_MATCH));
/** RESULT-DATE-FORMAT (strict): expires_on as a date only. */
export const expiresOnDateOnly = mutation(RESULT_DATE_FORMAT, "expires-on-date-only", (b) => withResult(b, { expires_on: "2033-02-20" }), strictAnd(X509_DATES_MATCH));
/** RESULT-DATE-FORMAT (strict): issued_on in HTTP-date form. */
export const issuedOnHttpDate = mutation(RESULT_DATE_FORMAT, "issued-on-http-date", (b) => withResult(b, { issued_on: "Thu, 23 Feb 2023 23:18:00 GMT" }), strictAnd(X509_DATES_MATCH));
/** RESULT-DATE-FORMAT (strict): expires_on on a day February does not have. */
export const expiresOnImpossibleDay = mutation(RESULT_DATE_FORMAT, "expires-on-february-30", (b) => withResult(b, { expires_on: "2033-02-30T23:18:00Z" }), strictAnd(X509_DATES_MATCH));
/** RESULT-FINGERPRINT-FORMAT (strict): the fingerprint in Node's `AA:BB:...` form. */
export const fingerprintColons = mutation(RESULT_FINGERPRINT_FORMAT, "fingerprint-colon-upper", (b) => withResult(b, { fingerprint_sha256: colonHex(b.result.fingerprint_sha256) }), STRICT_ONLY);
/** RESULT-FINGERPRINT-FORMAT (strict): the fingerprint in upper case. */
export const fingerprintUpper = mutation(RESULT_FINGERPRINT_FORMAT, "fingerprint-upper", (b) => withResult(b, { fingerprint_sha256: upperCased(b.result.fingerprint_sha256) }), STRICT_ONLY);
/** RESULT-FINGERPRINT-FORMAT (strict): 40 hex digits, the length of a SHA-1. */
export const fingerprintSha1Length = mutation(RESULT_FINGERPRINT_FORMAT, "fingerprint-sha1-length", (b) => withResult(b, { fingerprint_sha256: b.result.fingerprint_sha256.slice(0, 40) }), strictAnd(X509_FINGERPRINT_MATCHES));
/** RESULT-SERIAL-FORMAT (strict): the serial colon-separated. */
export const serialColons = mutation(RESULT_SERIAL_FORMAT, "serial-colon-separated", (b) => withResult(b, { serial_number: `${colonHex(b.result.serial_number)}:00` }), strictAnd(X509_SERIAL_MATCHES));
/** RESULT-SERIAL-FORMAT (strict): the serial with a 0x prefix. */
export const serialPrefixed = mutation(RESULT_SERIAL_FORMAT, "serial-0x-prefix", (b) => withResult(b, { serial_number: `0x${b.result.serial_number}` }), strictAnd(X509_SERIAL_MATCHES));
/** RESULT-SERIAL-FORMAT (strict): the serial empty. */
export const serialEmpty = mutation(RESULT_SERIAL_FORMAT, "serial-empty", (b) => withResult(b, { serial_number: "" }), strictAnd(X509_SERIAL_MATCHES));
/** RESULT-SKI-FORMAT (strict): the SKI colon-separated. */
export const skiColons = mutation(RESULT_SKI_FORMAT, "ski-colon-separated", (b) => withResult(b, { ski: `${colonHex(b.result.ski)}:00` }), strictAnd(X509_SKI_MATCHES));
/** RESULT-SKI-FORMAT (strict): the SKI as base64. */
export const skiBase64 = mutation(RESULT_SKI_FORMAT, "ski-base64", (b) => withResult(b, { ski: `${Buffer.from(b.result.ski, "hex").toString("base64")}==/` }), strictAnd(X509_SKI_MATCHES));
/** RESULT-PEM-FORMAT (strict): the certificate as bare base64, without the PEM armour. */
export const certificateWithoutArmour = mutation(RESULT_PEM_FORMAT, "certificate-without-armour", (b) =>
  withResult(b, { certificate: b.result.certificate.replace(/\\n|\r|\n/g, "").replace(/-----(BEGIN|END) CERTIFICATE-----/g, "") }), strictAnd(X509_CERTIFICATE_PARSES));
/** RESULT-PEM-FORMAT (strict): the CSR in the certificate member. */
export const certificateIsCsr = mutation(RESULT_PEM_FORMAT, "certificate-is-the-csr", (b) => withResult(b, { certificate: b.result.csr }), strictAnd(X509_CERTIFICATE_PARSES));
/** RESULT-PEM-FORMAT (strict): the CSR labelled CERTIFICATE. */
export const csrLabelledCertificate = mutation(RESULT_PEM_FORMAT, "csr-labelled-certificate", (b) =>
  withResult(b, { csr: b.result.csr.replace(/CERTIFICATE REQUEST/g, "CERTIFICATE") }), strictAnd(X509_CSR_KEY_MATCHES));

// STATUS

/** STATUS-ENUM: the status in upper case. */
export const statusUppercase = mutation(STATUS_ENUM, "status-uppercase", (b) => withResult(b, { status: b.result.status.toUpperCase() }));
/** STATUS-ENUM: the status capitalised. */
export const statusCapitalised = mutation(STATUS_ENUM, "status-capitalised", (b) => withResult(b, { status: b.result.status[0].toUpperCase() + b.result.status.slice(1) }));
/** STATUS-ENUM: a status the enum does not have. */
export const statusUnknown = mutation(STATUS_ENUM, "status-expired", (b) => withResult(b, { status: "expired" }));
/** STATUS-ENUM: hyphens for underscores ("pending-revocation"), or a bare "pending". */
export const statusHyphenated = mutation(STATUS_ENUM, "status-hyphenated", (b) => withResult(b, { status: b.result.status.includes("_") ? b.result.status.replace("_", "-") : "pending" }));
/** STATUS-ENUM: the status with a trailing space. */
export const statusPadded = mutation(STATUS_ENUM, "status-trailing-space", (b) => withResult(b, { status: `${b.result.status} ` }));
/** STATUS-ENUM: the status as a number. */
export const statusNumber = mutation(STATUS_ENUM, "status-number", (b) => withResult(b, { status: 1 }));
/** STATUS-ENUM: the status null. */
export const statusNull = mutation(STATUS_ENUM, "status-null", (b) => withResult(b, { status: null }));

// ID: result.id.

/** ID-RESULT-MAXLENGTH: a 33-character id (also not Cloudflare's format under strict). */
export const idOverlong = mutation(ID_RESULT_MAXLENGTH, "id-overlong", (b) => withResult(b, { id: `${b.result.id}0` }), { alsoBreaks: [ID_RESULT_FORMAT.id, ID_RESULT_ECHO.id] });
/** ID-RESULT-MAXLENGTH: the id as a dashed UUID (36 characters). */
export const idDashedUuid = mutation(ID_RESULT_MAXLENGTH, "id-dashed-uuid", (b) => {
  const h = b.result.id;
  return withResult(b, { id: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` });
}, { alsoBreaks: [ID_RESULT_FORMAT.id, ID_RESULT_ECHO.id] });
/** ID-RESULT-FORMAT (strict): the id in upper case. */
export const idUppercase = mutation(ID_RESULT_FORMAT, "id-uppercase", (b) => withResult(b, { id: upperCased(b.result.id) }), strictAnd(ID_RESULT_ECHO));
/** ID-RESULT-FORMAT (strict): the id one digit short. */
export const idShort = mutation(ID_RESULT_FORMAT, "id-31-digits", (b) => withResult(b, { id: b.result.id.slice(1) }), strictAnd(ID_RESULT_ECHO));
/** ID-RESULT-FORMAT (strict): a non-hex letter in the id. */
export const idNonHex = mutation(ID_RESULT_FORMAT, "id-non-hex", (b) => withResult(b, { id: `g${b.result.id.slice(1)}` }), strictAnd(ID_RESULT_ECHO));
/** ID-RESULT-FORMAT (strict): the id empty. */
export const idEmpty = mutation(ID_RESULT_FORMAT, "id-empty", (b) => withResult(b, { id: "" }), strictAnd(ID_RESULT_ECHO));

// ERR: the 4xx envelope.

/** For 4xx mutations after which `success` is not false: the request answered is not refused either. */
const NOT_A_REFUSAL: MutationOptions = Object.freeze({ notARefusal: true });

/** ERR-SUCCESS-FALSE: success true on a 4xx. */
export const failureSuccessTrue = failureMutation(ERR_SUCCESS_FALSE, "failure-success-true", (b) => ({ ...b, success: true }), NOT_A_REFUSAL);
/** ERR-SUCCESS-FALSE: success as the string "false". */
export const failureSuccessString = failureMutation(ERR_SUCCESS_FALSE, "failure-success-string", (b) => ({ ...b, success: "false" }), NOT_A_REFUSAL);
/** ERR-SUCCESS-FALSE: success null. */
export const failureSuccessNull = failureMutation(ERR_SUCCESS_FALSE, "failure-success-null", (b) => ({ ...b, success: null }), NOT_A_REFUSAL);
/** ERR-REQUIRED-MEMBERS: one envelope member left out, for each of the four. */
export const failureMemberMissing: FailureMutation[] = (["success", "errors", "messages", "result"] as const).map((key) =>
  failureMutation(ERR_REQUIRED_MEMBERS, `failure-${key}-missing`, (b) => without(b, key), key === "success" ? NOT_A_REFUSAL : undefined));
/** ERR-REQUIRED-MEMBERS: the body is an array holding the envelope. */
export const failureBodyArray = failureMutation(ERR_REQUIRED_MEMBERS, "failure-body-array", (b) => [b], NOT_A_REFUSAL);
/** ERR-REQUIRED-MEMBERS: the body is the first error's message as a JSON string. */
export const failureBodyString = failureMutation(ERR_REQUIRED_MEMBERS, "failure-body-string", (b) => b.errors[0].message, NOT_A_REFUSAL);
/** ERR-RESULT-NULL: result is an empty object. */
export const failureResultObject = failureMutation(ERR_RESULT_NULL, "failure-result-object", (b) => ({ ...b, result: {} }));
/** ERR-RESULT-NULL: result is an empty string. */
export const failureResultEmptyString = failureMutation(ERR_RESULT_NULL, "failure-result-empty-string", (b) => ({ ...b, result: "" }));
/** ERR-RESULT-NULL: result is an empty array. */
export const failureResultArray = failureMutation(ERR_RESULT_NULL, "failure-result-array", (b) => ({ ...b, result: [] }));
/** ERR-RESULT-NULL: result carries a certificate id and status. */
export const failureResultCertificate = failureMutation(ERR_RESULT_NULL, "failure-result-certificate", (b) => ({ ...b, result: { id: "023e105f4ecef8ad9ca31a8372d0c353", status: "revoked" } }));
/** ERR-ITEMS-SHAPE: the first error has code 971 (Cloudflare's rate-limit answer, below 1000). */
export const failureCode971 = failureMutation(ERR_ITEMS_SHAPE, "failure-code-971", (b) => withFirstError(b, (e) => ({ ...e, code: 971 })));
/** ERR-ITEMS-SHAPE: the first error has code 0. */
export const failureCodeZero = failureMutation(ERR_ITEMS_SHAPE, "failure-code-zero", (b) => withFirstError(b, (e) => ({ ...e, code: 0 })));
/** ERR-ITEMS-SHAPE: the first error's code as a string. */
export const failureCodeString = failureMutation(ERR_ITEMS_SHAPE, "failure-code-string", (b) => withFirstError(b, (e) => ({ ...e, code: String(e.code) })));
/** ERR-ITEMS-SHAPE: the first error without code. */
export const failureErrorWithoutCode = failureMutation(ERR_ITEMS_SHAPE, "failure-error-without-code", (b) => withFirstError(b, (e) => without(e, "code")));
/** ERR-ITEMS-SHAPE: the first error without message. */
export const failureErrorWithoutMessage = failureMutation(ERR_ITEMS_SHAPE, "failure-error-without-message", (b) => withFirstError(b, (e) => without(e, "message")));
/** ERR-ITEMS-SHAPE: errors is a string. */
export const failureErrorsString = failureMutation(ERR_ITEMS_SHAPE, "failure-errors-string", (b) => ({ ...b, errors: b.errors[0].message }));
/** ERR-ITEMS-SHAPE: errors is one item, not an array. */
export const failureErrorsObject = failureMutation(ERR_ITEMS_SHAPE, "failure-errors-object", (b) => ({ ...b, errors: b.errors[0] }));
/** ERR-ITEMS-SHAPE: a message with code 999. */
export const failureMessageCodeBelow1000 = failureMutation(ERR_ITEMS_SHAPE, "failure-message-code-below-1000", (b) => ({ ...b, messages: [{ code: 999, message: "Below the minimum" }] }));
/** ERR-ITEMS-SHAPE: messages null. */
export const failureMessagesNull = failureMutation(ERR_ITEMS_SHAPE, "failure-messages-null", (b) => ({ ...b, messages: null }));
/** ERR-ERRORS-NONEMPTY (strict): errors empty. */
export const failureErrorsEmpty = failureMutation(ERR_ERRORS_NONEMPTY, "failure-errors-empty", (b) => ({ ...b, errors: [] }), STRICT_ONLY);
/** ERR-ITEMS-UNIQUE (strict): the first error twice. */
export const failureErrorDuplicated = failureMutation(ERR_ITEMS_UNIQUE, "failure-error-duplicated", (b) => ({ ...b, errors: [...b.errors, b.errors[0]] }), STRICT_ONLY);
/** ERR-ITEMS-UNIQUE (strict): one message twice. */
export const failureMessageDuplicated = failureMutation(ERR_ITEMS_UNIQUE, "failure-message-duplicated", (b) => {
  const item = b.messages[0] ?? SOME_ITEM;
  return { ...b, messages: [item, ...b.messages.slice(1), item] };
}, STRICT_ONLY);

/** Every schema mutation of a 200 body. */
export const SUCCESS_MUTATIONS: readonly SuccessMutation[] = [
  successFalse, successString, successNumber, ...envelopeMemberMissing, bodyArray, bodyNull, bodyDoubleEncoded,
  errorsObject, errorsCodeBelow1000, errorsItemWithoutMessage, messagesNull, messagesCode971, messagesCodeFraction, messagesCodeString,
  resultNull, resultArray, resultNumber, resultString, messagesDuplicated, errorsDuplicated,
  validityDaysString, validityDaysFraction, commonNameNumber, organizationNull, countryArray, issuedOnEpoch, certificateAuthorityString, certificateAuthorityIdNumber,
  ...resultMemberMissing, issuedOnWithoutOffset, expiresOnDateOnly, issuedOnHttpDate, expiresOnImpossibleDay,
  fingerprintColons, fingerprintUpper, fingerprintSha1Length, serialColons, serialPrefixed, serialEmpty, skiColons, skiBase64,
  certificateWithoutArmour, certificateIsCsr, csrLabelledCertificate,
  statusUppercase, statusCapitalised, statusUnknown, statusHyphenated, statusPadded, statusNumber, statusNull,
  idOverlong, idDashedUuid, idUppercase, idShort, idNonHex, idEmpty,
];

/** Every schema mutation of a 4xx body. */
export const FAILURE_MUTATIONS: readonly FailureMutation[] = [
  failureSuccessTrue, failureSuccessString, failureSuccessNull, ...failureMemberMissing, failureBodyArray, failureBodyString,
  failureResultObject, failureResultEmptyString, failureResultArray, failureResultCertificate,
  failureCode971, failureCodeZero, failureCodeString, failureErrorWithoutCode, failureErrorWithoutMessage, failureErrorsString, failureErrorsObject,
  failureMessageCodeBelow1000, failureMessagesNull, failureErrorsEmpty, failureErrorDuplicated, failureMessageDuplicated,
];
