import {
  RESULT_PEM_FORMAT, X509_CA_CONSISTENT, X509_CERTIFICATE_PROFILE, X509_CSR_SUBJECT_MATCHES, X509_CSR_VALID,
} from "../src/registry/index.ts";
import { children, oidText, TAG } from "../src/x509/der.ts";
import { parseCertificatePem } from "../src/x509/index.ts";
import { TEST_CA_REFS } from "./certificate-material.ts";
import type { CertificateResult } from "./certificates.ts";
import { derOf, element, pathTo, pemOf, replaceAt, tbsFieldIndex } from "./der-edits.ts";
import { x509Mutation, type X509Mutation } from "./mutation.ts";

/**
 * Encoding mutations: the certificate or CSR a result carries, encoded against RFC 5280's profile
 * or RFC 2986's structure, or written against RFC 7468, while every member the result reports
 * still agrees with it (fingerprint_sha256 and serial_number follow the new DER); and a
 * certificate_authority that names the other issuer. Like the X509 mutations, the body stays
 * schema-valid: only the checks that read the DER, the text or several certificates find them.
 */

const CERTIFICATE = "CERTIFICATE";
const REQUEST = "CERTIFICATE REQUEST";
const ORGANIZATION = "2.5.4.10";

/** Certificates already edited, by edit and text (a mutation lands on every read of a certificate, and each read carries the same text). */
const edited = new Map<(der: Uint8Array) => Uint8Array, Map<string, { certificate: string; fingerprint_sha256: string; serial_number: string }>>();

/** The result carrying the certificate `edit` makes of its DER (and the fingerprint and serial of that). */
function withCertificateDer(r: CertificateResult, edit: (der: Uint8Array) => Uint8Array): CertificateResult {
  const byText = edited.get(edit) ?? edited.set(edit, new Map()).get(edit)!;
  let members = byText.get(r.certificate);
  if (!members) {
    const certificate = pemOf(edit(derOf(r.certificate, CERTIFICATE)), CERTIFICATE);
    const parsed = parseCertificatePem(certificate);
    members = { certificate, fingerprint_sha256: parsed.derSha256Hex, serial_number: parsed.serialHex };
    if (byText.size < 256) byText.set(r.certificate, members);
  }
  return { ...r, ...members };
}

/** The result carrying the CSR `edit` makes of its DER. */
const withCsrDer = (r: CertificateResult, edit: (der: Uint8Array) => Uint8Array): CertificateResult =>
  ({ ...r, csr: pemOf(edit(derOf(r.csr, REQUEST)), REQUEST) });

// X509-CSR-VALID

/** X509-CSR-VALID: the CSR's signature with its last octet changed: it no longer verifies with the CSR's own key. */
export const csrSignatureBroken = x509Mutation(X509_CSR_VALID, "csr-signature-broken", (r) => withCsrDer(r, (der) => {
  const signature = pathTo(der, [2]).at(-1)!;
  const bits = Uint8Array.from(signature.content);
  bits[bits.length - 1] ^= 0x01;
  return replaceAt(der, [2], element(TAG.BIT_STRING, bits));
}));
/** X509-CSR-VALID: the CSR's version 1, which RFC 2986 does not define (and its signature, over version 0, no longer verifies). */
export const csrVersion1 = x509Mutation(X509_CSR_VALID, "csr-version-1", (r) => withCsrDer(r, (der) => replaceAt(der, [0, 0], element(TAG.INTEGER, Uint8Array.of(1)))));

// X509-CSR-SUBJECT-MATCHES

/**
 * X509-CSR-SUBJECT-MATCHES: the CSR's organization edited after it was signed; the result and the
 * certificate keep the one issued (so the CSR's signature fails too).
 */
export const csrOrganizationEdited = x509Mutation(X509_CSR_SUBJECT_MATCHES, "csr-organization-edited", (r) => withCsrDer(r, (der) => {
  const subject = pathTo(der, [0, 1]).at(-1)!;
  const at = children(subject).findIndex((rdn) => children(rdn).some((a) => oidText(children(a)[0]!.content) === ORGANIZATION));
  if (at < 0) throw new RangeError(`csr-organization-edited: the CSR of ${r.common_name} has no organization`);
  const [attribute] = children(children(subject)[at]!);
  const [type, value] = children(attribute!);
  const edited = element(value!.tag, Buffer.concat([value!.content, Buffer.from(" Ltd", "latin1")]));
  return replaceAt(der, [0, 1, at, 0], element(TAG.SEQUENCE, Buffer.concat([type!.raw, edited])));
}), { alsoBreaks: [X509_CSR_VALID.id] });

// X509-CERTIFICATE-PROFILE

/** X509-CERTIFICATE-PROFILE: a negative serial number (its sign octet dropped, or its sign bit set). */
function negativeSerial(der: Uint8Array): Uint8Array {
  const path = tbsFieldIndex(der, "serialNumber");
  const serial = pathTo(der, path).at(-1)!.content;
  const negative = serial[0] === 0 && serial.length > 1 ? serial.subarray(1) : Uint8Array.from([serial[0]! | 0x80, ...serial.subarray(1)]);
  return replaceAt(der, path, element(TAG.INTEGER, negative));
}
export const serialNegative = x509Mutation(X509_CERTIFICATE_PROFILE, "serial-number-negative", (r) => withCertificateDer(r, negativeSerial));
/** X509-CERTIFICATE-PROFILE: notBefore, a year before 2050, written as a GeneralizedTime (RFC 5280 §4.1.2.5: UTCTime). */
function notBeforeAsGeneralizedTime(der: Uint8Array): Uint8Array {
  const path = [...tbsFieldIndex(der, "validity"), 0];
  const time = pathTo(der, path).at(-1)!;
  if (time.tag !== TAG.UTC_TIME) throw new RangeError("not-before-as-generalized-time: notBefore is already a GeneralizedTime");
  const text = Buffer.from(time.content).toString("latin1");
  return replaceAt(der, path, element(TAG.GENERALIZED_TIME, Buffer.from(`${Number(text.slice(0, 2)) >= 50 ? "19" : "20"}${text}`, "latin1")));
}
export const notBeforeGeneralizedTime = x509Mutation(X509_CERTIFICATE_PROFILE, "not-before-as-generalized-time", (r) => withCertificateDer(r, notBeforeAsGeneralizedTime));

// X509-CA-CONSISTENT

/** X509-CA-CONSISTENT: the certificate reports the other test CA as its certificate_authority. */
export const certificateAuthoritySwapped = x509Mutation(X509_CA_CONSISTENT, "certificate-authority-of-the-other-issuer", (r) =>
  ({ ...r, certificate_authority: { ...(r.certificate_authority.id === TEST_CA_REFS.rsa.id ? TEST_CA_REFS.p256 : TEST_CA_REFS.rsa) } }));

// RESULT-PEM-FORMAT

/** The DER as PEM with base64 lines of `width` characters. */
const wrappedAt = (der: Uint8Array, label: string, width: number) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString("base64").match(new RegExp(`.{1,${width}}`, "g"))!.join("\n")}\n-----END ${label}-----\n`;

/** RESULT-PEM-FORMAT: the certificate's base64 wrapped at 76 characters, as MIME does (RFC 7468: 64). */
export const certificateWrappedAt76 = x509Mutation(RESULT_PEM_FORMAT, "certificate-wrapped-at-76", (r) => ({ ...r, certificate: wrappedAt(derOf(r.certificate, CERTIFICATE), CERTIFICATE, 76) }));
/** RESULT-PEM-FORMAT: the CSR's base64 on one line. */
export const csrOnOneLine = x509Mutation(RESULT_PEM_FORMAT, "csr-base64-on-one-line", (r) => ({ ...r, csr: wrappedAt(derOf(r.csr, REQUEST), REQUEST, 100_000) }));

/** Every encoding mutation. */
export const X509_ENCODING_MUTATIONS: readonly X509Mutation[] = [
  csrSignatureBroken, csrVersion1, csrOrganizationEdited, serialNegative, notBeforeGeneralizedTime, certificateAuthoritySwapped,
  certificateWrappedAt76, csrOnOneLine,
];
