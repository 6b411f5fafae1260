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

export const X509_CSR_VALID = requirement({
  id: "X509-CSR-VALID", level: "must", place: certificateMember("csr"),
  statement: "csr is a DER PKCS#10 CertificationRequest: version 0, a subject, a public key, an attributes field (possibly empty), and a signature that verifies with its own public key.",
  reason: "RFC 2986 §4.1 fixes the structure (version is 0 for this version of the standard; attributes is not optional) and §3/§4.2 the signature made with the subject's private key (proof of possession); anything else is no certification request.",
});
export const X509_CSR_SUBJECT_MATCHES = requirement({
  id: "X509-CSR-SUBJECT-MATCHES", level: "must", place: certificateMember("country"),
  statement: "organization, organizational_unit, country, state and location are the CSR subject's O, OU, C, ST and L.",
  reason: "The document describes each as \"provided by the CSR\" (Country, provided by the CSR; State, provided by the CSR...).",
});

export const X509_CERTIFICATE_PROFILE = requirement({
  id: "X509-CERTIFICATE-PROFILE", level: "should", place: certificateMember("certificate"),
  statement: "The certificate encodes what the result reports as RFC 5280 requires: a positive serial number of at most 20 octets, validity dates through 2049 as UTCTime and from 2050 as GeneralizedTime, a subject country of two letters as a PrintableString, and DER throughout.",
  reason: "RFC 5280 §4.1.2.2 (serial: positive, at most 20 octets), §4.1.2.5 (UTCTime through 2049, GeneralizedTime from 2050), Appendix A (X520countryName: PrintableString SIZE (2)), §4.1 (DER). The CA's certificate is what the operation serves: a should, as the document does not restate the profile.",
});
export const X509_CA_CONSISTENT = requirement({
  id: "X509-CA-CONSISTENT", level: "should", place: certificateMember("certificate_authority"),
  statement: "Certificates with one issuer report one certificate_authority, and certificates of different issuers report different ones.",
  reason: "certificate_authority is documented as the Certificate Authority used to issue the Client Certificate; the issuer name and the authority key identifier of the certificate name that CA (RFC 5280 §4.1.2.4, §4.2.1.1).",
});

export const X509_REQUIREMENTS = [X509_CERTIFICATE_PARSES, X509_FINGERPRINT_MATCHES, X509_SERIAL_MATCHES, X509_DATES_MATCH, X509_VALIDITY_DAYS_MATCHES, X509_SUBJECT_MATCHES, X509_SKI_MATCHES, X509_CSR_KEY_MATCHES, X509_SIGNATURE_MATCHES, X509_CSR_VALID, X509_CSR_SUBJECT_MATCHES, X509_CERTIFICATE_PROFILE, X509_CA_CONSISTENT];
