import { requirement } from "../define.ts";
import { certificateMember } from "../pointers.ts";

const DEFINED = "The member's own definition makes it unambiguous.";

export const X509_CERTIFICATE_PARSES = requirement({
  id: "X509-CERTIFICATE-PARSES", level: "must", place: certificateMember("certificate"),
  statement: "certificate is a PEM X.509 certificate that parses.",
  reason: "Defined as \"The Client Certificate PEM\".",
});
export const X509_FINGERPRINT_MATCHES = requirement({
  id: "X509-FINGERPRINT-MATCHES", level: "must", place: certificateMember("fingerprint_sha256"),
  statement: "fingerprint_sha256 is the SHA-256 of the certificate's DER encoding.",
  reason: DEFINED,
});
export const X509_SERIAL_MATCHES = requirement({
  id: "X509-SERIAL-MATCHES", level: "must", place: certificateMember("serial_number"),
  statement: "serial_number is the certificate's serial number (hex, compared without case or leading zeros).",
  reason: DEFINED,
});
export const X509_DATES_MATCH = requirement({
  id: "X509-DATES-MATCH", level: "must", place: certificateMember("expires_on"),
  statement: "issued_on and expires_on are the certificate's notBefore and notAfter.",
  reason: DEFINED,
});
export const X509_VALIDITY_DAYS_MATCHES = requirement({
  id: "X509-VALIDITY-DAYS-MATCHES", level: "should", place: certificateMember("validity_days"),
  statement: "validity_days is the whole number of days from notBefore to notAfter.",
  reason: "Defined as days valid after issued_on; the document does not say how part days round, so one day either way passes.",
});
export const X509_SUBJECT_MATCHES = requirement({
  id: "X509-SUBJECT-MATCHES", level: "must", place: certificateMember("common_name"),
  statement: "common_name, organization, organizational_unit, country, state and location are the certificate subject's CN, O, OU, C, ST and L.",
  reason: DEFINED,
});
export const X509_SKI_MATCHES = requirement({
  id: "X509-SKI-MATCHES", level: "must", place: certificateMember("ski"),
  statement: "ski is the certificate's Subject Key Identifier.",
  reason: DEFINED,
});
export const X509_CSR_KEY_MATCHES = requirement({
  id: "X509-CSR-KEY-MATCHES", level: "must", place: certificateMember("csr"),
  statement: "csr is a PKCS#10 request whose public key is the certificate's.",
  reason: "The certificate is issued from the CSR it reports.",
});
export const X509_SIGNATURE_MATCHES = requirement({
  id: "X509-SIGNATURE-MATCHES", level: "should", place: certificateMember("signature"),
  statement: "signature names the certificate's signature algorithm (SHA256WithRSA, ECDSAWithSHA256...).",
  reason: "Described as \"the type of hash used\"; the naming follows the example, which the document does not fix.",
});

export const X509_REQUIREMENTS = [X509_CERTIFICATE_PARSES, X509_FINGERPRINT_MATCHES, X509_SERIAL_MATCHES, X509_DATES_MATCH, X509_VALIDITY_DAYS_MATCHES, X509_SUBJECT_MATCHES, X509_SKI_MATCHES, X509_CSR_KEY_MATCHES, X509_SIGNATURE_MATCHES];
