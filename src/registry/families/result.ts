import { requirement } from "../define.ts";
import { CERTIFICATE, certificateMember, successSchema } from "../pointers.ts";

export const RESULT_MEMBER_TYPES = requirement({
  id: "RESULT-MEMBER-TYPES", level: "must", place: successSchema("certificate", "properties"),
  statement: "Each documented member of the certificate has its documented type (strings, integer validity_days written without a fraction or exponent, certificate_authority {id, name}).",
  reason: "The certificate schema gives each member a type; OpenAPI 3.0 defines integer as a JSON number without a fraction or exponent part.",
});
export const RESULT_REQUIRED_MEMBERS = requirement({
  id: "RESULT-REQUIRED-MEMBERS", level: "should", place: CERTIFICATE,
  statement: "The certificate carries every documented member.",
  reason: "Erratum: the certificate schema has no required list; every member is documented as part of the details.",
});
export const RESULT_DATE_FORMAT = requirement({
  id: "RESULT-DATE-FORMAT", level: "should", place: certificateMember("issued_on"),
  statement: "issued_on and expires_on are RFC 3339 date-times (fractional seconds allowed).",
  reason: "Format the examples make plain (2023-02-23T23:18:00Z); the schema only says string.",
});
export const RESULT_FINGERPRINT_FORMAT = requirement({
  id: "RESULT-FINGERPRINT-FORMAT", level: "should", place: certificateMember("fingerprint_sha256"),
  statement: "fingerprint_sha256 is 64 lower-case hexadecimal digits.",
  reason: "Format the example and the member's name make plain; the schema only says string.",
});
export const RESULT_SERIAL_FORMAT = requirement({
  id: "RESULT-SERIAL-FORMAT", level: "should", place: certificateMember("serial_number"),
  statement: "serial_number is hexadecimal digits.",
  reason: "Format the example makes plain; the schema only says string.",
});
export const RESULT_SKI_FORMAT = requirement({
  id: "RESULT-SKI-FORMAT", level: "should", place: certificateMember("ski"),
  statement: "ski is hexadecimal digits.",
  reason: "Format the example makes plain; the schema only says string.",
});
export const RESULT_PEM_FORMAT = requirement({
  id: "RESULT-PEM-FORMAT", level: "should", place: certificateMember("csr"),
  statement: "certificate is a PEM CERTIFICATE block and csr a PEM CERTIFICATE REQUEST block, written as RFC 7468 requires: the same label on both boundaries, base64 lines of exactly 64 characters but the last, padded, with no headers or other text between the boundaries.",
  reason: "Format the examples and descriptions make plain; the schema only says string. RFC 7468 §2 says how generators write such text (MUST wrap at 64 characters, the same label on both lines; text before the BEGIN line is allowed). A should: the document's own example writes the line breaks escaped, which are read as line breaks here.",
});

export const RESULT_FINGERPRINT_UNIQUE = requirement({
  id: "RESULT-FINGERPRINT-UNIQUE", level: "must", place: certificateMember("fingerprint_sha256"),
  statement: "Distinct certificate ids are served with distinct certificates: no two share fingerprint_sha256, nor serial_number with the same issuer.",
  reason: "fingerprint_sha256 is documented as the Client Certificate's unique identifier; a CA's serial numbers are unique to it (RFC 5280 section 4.1.2.2).",
});
export const RESULT_READS_AGREE = requirement({
  id: "RESULT-READS-AGREE", level: "must", place: CERTIFICATE,
  statement: "Every read of one certificate, however a client may legitimately ask (each scheme, again, any Accept or Accept-Encoding that admits the answer, header names and the Bearer scheme in any case), gives the same certificate object, but for status (which may move through its pending_* transitions), the notation of a date and the order of members.",
  reason: "The operation returns the details of the certificate its path identifies, and GET is safe (RFC 9110 section 9.2.1); only the status is documented as changing (pending_reactivation, pending_revocation are in-progress transitions).",
});

export const RESULT_NO_PRIVATE_KEY = requirement({
  id: "RESULT-NO-PRIVATE-KEY", level: "must", place: CERTIFICATE,
  statement: "No answer carries private key material: no PEM PRIVATE KEY block, no JWK private member.",
  reason: "The certificate object reports the certificate and its CSR, which hold only public keys; OWASP API3:2023 (excessive data exposure): a property the client has no use for must not be returned, least of all a key.",
});

export const RESULT_REQUIREMENTS = [RESULT_MEMBER_TYPES, RESULT_REQUIRED_MEMBERS, RESULT_DATE_FORMAT, RESULT_FINGERPRINT_FORMAT, RESULT_SERIAL_FORMAT, RESULT_SKI_FORMAT, RESULT_PEM_FORMAT, RESULT_FINGERPRINT_UNIQUE, RESULT_READS_AGREE, RESULT_NO_PRIVATE_KEY];
