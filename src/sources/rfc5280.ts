/**
 * RFC 5280, Internet X.509 PKI Certificate and CRL Profile: the certificate the answer carries
 * and the fields it reports from it (serial number, validity, subject, subject key identifier,
 * signature algorithm, the DER encoding the fingerprint is taken over). Quoted from the RFC text.
 * Encoding choices inside the certificate that no member reports are the issuing CA's profile.
 */
import type { SourceStatement } from "./types.ts";

export const RFC5280: SourceStatement[] = [
  // §4.1 the certificate
  {
    id: "RFC5280-4.1-CERTIFICATE-SEQUENCE", source: "rfc5280", section: "4.1",
    quote: "Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }",
    requirements: ["X509-CERTIFICATE-PARSES"],
  },
  {
    id: "RFC5280-4.1-DER", source: "rfc5280", section: "4.1",
    quote: "For signature calculation, the data that is to be signed is encoded using the ASN.1 distinguished encoding rules (DER) [X.690]. ASN.1 DER encoding is a tag, length, value encoding system for each element.",
    requirements: ["X509-CERTIFICATE-PARSES", "X509-FINGERPRINT-MATCHES", "X509-CERTIFICATE-PROFILE"],
  },
  {
    id: "RFC5280-4.1.1.2-SIGNATURE-ALGORITHM", source: "rfc5280", section: "4.1.1.2",
    quote: "The signatureAlgorithm field contains the identifier for the cryptographic algorithm used by the CA to sign this certificate.",
    requirements: ["X509-SIGNATURE-MATCHES"],
  },
  {
    id: "RFC5280-4.1.1.2-SAME-AS-TBS-SIGNATURE", source: "rfc5280", section: "4.1.1.2",
    quote: "This field MUST contain the same algorithm identifier as the signature field in the sequence tbsCertificate (Section 4.1.2.3).",
    unchecked: { kind: "not-observable", why: "GAP: the outer signatureAlgorithm and the tbsCertificate signature field are not compared (X509-SIGNATURE-MATCHES reads one of them)" },
  },
  {
    id: "RFC5280-4.1.1.3-SIGNATURE-VALUE", source: "rfc5280", section: "4.1.1.3",
    quote: "The signatureValue field contains a digital signature computed upon the ASN.1 DER encoded tbsCertificate.",
    unchecked: { kind: "not-observable", why: "the issuing CA's certificate is not in the answer, so the signature has no key to be verified with" },
  },
  // §4.1.2 TBSCertificate
  {
    id: "RFC5280-4.1.2.1-VERSION-3", source: "rfc5280", section: "4.1.2.1",
    quote: "When extensions are used, as expected in this profile, version MUST be 3 (value is 2).",
    unchecked: { kind: "out-of-scope", why: "the issuing CA's profile: no member reports the version" },
  },
  {
    id: "RFC5280-4.1.2.1-ACCEPT-ANY-VERSION", source: "rfc5280", section: "4.1.2.1",
    quote: "Implementations SHOULD be prepared to accept any version certificate. At a minimum, conforming implementations MUST recognize version 3 certificates.",
    unchecked: { kind: "client-side", why: "binds certificate users; the suite parses any version" },
  },
  {
    id: "RFC5280-4.1.2.2-SERIAL-POSITIVE", source: "rfc5280", section: "4.1.2.2",
    quote: "The serial number MUST be a positive integer assigned by the CA to each certificate. … CAs MUST force the serialNumber to be a non-negative integer.",
    requirements: ["X509-CERTIFICATE-PROFILE"],
  },
  {
    id: "RFC5280-4.1.2.2-SERIAL-UNIQUE-PER-CA", source: "rfc5280", section: "4.1.2.2",
    quote: "It MUST be unique for each certificate issued by a given CA (i.e., the issuer name and serial number identify a unique certificate).",
    requirements: ["RESULT-FINGERPRINT-UNIQUE"],
  },
  {
    id: "RFC5280-4.1.2.2-SERIAL-20-OCTETS", source: "rfc5280", section: "4.1.2.2",
    quote: "Conforming CAs MUST NOT use serialNumber values longer than 20 octets.",
    requirements: ["X509-CERTIFICATE-PROFILE"],
  },
  {
    id: "RFC5280-4.1.2.2-USERS-HANDLE-20-OCTETS", source: "rfc5280", section: "4.1.2.2",
    quote: "Certificate users MUST be able to handle serialNumber values up to 20 octets. … Certificate users SHOULD be prepared to gracefully handle such certificates.",
    unchecked: { kind: "client-side", why: "binds certificate users; the suite compares serials as hex text of any length" },
  },
  {
    id: "RFC5280-4.1-SERIAL-NUMBER-FIELD", source: "rfc5280", section: "4.1",
    quote: "TBSCertificate ::= SEQUENCE { … serialNumber CertificateSerialNumber, … } CertificateSerialNumber ::= INTEGER",
    requirements: ["X509-SERIAL-MATCHES", "RESULT-SERIAL-FORMAT"],
  },
  {
    id: "RFC5280-4.1.2.3-SIGNATURE-FIELD", source: "rfc5280", section: "4.1.2.3",
    quote: "This field contains the algorithm identifier for the algorithm used by the CA to sign the certificate.",
    requirements: ["X509-SIGNATURE-MATCHES"],
  },
  {
    id: "RFC5280-4.1.2.4-ISSUER-IDENTIFIES-CA", source: "rfc5280", section: "4.1.2.4",
    quote: "The issuer field identifies the entity that has signed and issued the certificate.",
    requirements: ["X509-CA-CONSISTENT"],
  },
  {
    id: "RFC5280-4.1.2.4-ISSUER-NON-EMPTY", source: "rfc5280", section: "4.1.2.4",
    quote: "The issuer field MUST contain a non-empty distinguished name (DN).",
    unchecked: { kind: "out-of-scope", why: "the issuing CA's profile; the issuer DN is not reported (certificate_authority names Cloudflare's CA record, which X509-CA-CONSISTENT ties to the issuer)" },
  },
  {
    id: "RFC5280-4.1.2.4-DIRECTORYSTRING-ENCODING", source: "rfc5280", section: "4.1.2.4",
    quote: "CAs conforming to this profile MUST use either the PrintableString or UTF8String encoding of DirectoryString, with two exceptions.",
    unchecked: { kind: "not-observable", why: "GAP: X509-CERTIFICATE-PROFILE holds the subject's country to PrintableString; the string type of the other reported attributes (CN, O, OU, ST, L) is not checked" },
  },
  {
    id: "RFC5280-4.1.2.4-MUST-RECEIVE-ATTRIBUTES", source: "rfc5280", section: "4.1.2.4",
    quote: "Implementations of this specification MUST be prepared to receive the following standard attribute types in issuer and subject (Section 4.1.2.6) names: country, organization, organizational unit, distinguished name qualifier, state or province name, common name …, and serial number.",
    unchecked: { kind: "client-side", why: "binds certificate users; the suite reads C, O, OU, ST and CN from the subject" },
  },
  {
    id: "RFC5280-4.1.2.4-SHOULD-RECEIVE-LOCALITY", source: "rfc5280", section: "4.1.2.4",
    quote: "In addition, implementations of this specification SHOULD be prepared to receive the following standard attribute types in issuer and subject names: locality, title, surname, given name, initials, pseudonym, and generation qualifier",
    unchecked: { kind: "client-side", why: "binds certificate users; the suite reads L for location" },
  },
  {
    id: "RFC5280-4.1.2.5-VALIDITY", source: "rfc5280", section: "4.1.2.5",
    quote: "The field is represented as a SEQUENCE of two dates: the date on which the certificate validity period begins (notBefore) and the date on which the certificate validity period ends (notAfter).",
    requirements: ["X509-DATES-MATCH"],
  },
  {
    id: "RFC5280-4.1.2.5-INCLUSIVE", source: "rfc5280", section: "4.1.2.5",
    quote: "The validity period for a certificate is the period of time from notBefore through notAfter, inclusive.",
    requirements: ["X509-VALIDITY-DAYS-MATCHES"],
  },
  {
    id: "RFC5280-4.1.2.5-UTCTIME-THROUGH-2049", source: "rfc5280", section: "4.1.2.5",
    quote: "CAs conforming to this profile MUST always encode certificate validity dates through the year 2049 as UTCTime; certificate validity dates in 2050 or later MUST be encoded as GeneralizedTime.",
    requirements: ["X509-CERTIFICATE-PROFILE"],
  },
  {
    id: "RFC5280-4.1.2.5-PROCESS-BOTH-TIMES", source: "rfc5280", section: "4.1.2.5",
    quote: "Conforming applications MUST be able to process validity dates that are encoded in either UTCTime or GeneralizedTime.",
    unchecked: { kind: "client-side", why: "binds certificate users; the suite's parser reads both" },
  },
  {
    id: "RFC5280-4.1.2.5-NO-EXPIRATION", source: "rfc5280", section: "4.1.2.5",
    quote: "To indicate that a certificate has no well-defined expiration date, the notAfter SHOULD be assigned the GeneralizedTime value of 99991231235959Z.",
    requirements: ["X509-DATES-MATCH"],
  },
  {
    id: "RFC5280-4.1.2.5.1-UTCTIME-YEAR", source: "rfc5280", section: "4.1.2.5.1",
    quote: "Conforming systems MUST interpret the year field (YY) as follows: Where YY is greater than or equal to 50, the year SHALL be interpreted as 19YY; and Where YY is less than 50, the year SHALL be interpreted as 20YY.",
    requirements: ["X509-DATES-MATCH"],
  },
  {
    id: "RFC5280-4.1.2.5.1-UTCTIME-ZULU-SECONDS", source: "rfc5280", section: "4.1.2.5.1",
    quote: "For the purposes of this profile, UTCTime values MUST be expressed in Greenwich Mean Time (Zulu) and MUST include seconds (i.e., times are YYMMDDHHMMSSZ), even where the number of seconds is zero.",
    requirements: ["X509-CERTIFICATE-PROFILE"],
  },
  {
    id: "RFC5280-4.1.2.5.2-NO-FRACTIONAL-SECONDS", source: "rfc5280", section: "4.1.2.5.2",
    quote: "GeneralizedTime values MUST NOT include fractional seconds.",
    requirements: ["X509-CERTIFICATE-PROFILE"],
  },
  {
    id: "RFC5280-4.1.2.6-SUBJECT-DN", source: "rfc5280", section: "4.1.2.6",
    quote: "The subject field identifies the entity associated with the public key stored in the subject public key field. … Where it is non-empty, the subject field MUST contain an X.500 distinguished name (DN).",
    requirements: ["X509-SUBJECT-MATCHES"],
  },
  {
    id: "RFC5280-4.1.2.6-SAME-DN-AGAIN", source: "rfc5280", section: "4.1.2.6",
    quote: "A CA MAY issue more than one certificate with the same DN to the same subject entity.",
    unchecked: { kind: "client-side", why: "a latitude the suite grants: RESULT-FINGERPRINT-UNIQUE compares fingerprints and serials, never subjects" },
  },
  {
    id: "RFC5280-4.1.2.6-EMPTY-SUBJECT-SAN", source: "rfc5280", section: "4.1.2.6",
    quote: "If subject naming information is present only in the subjectAltName extension …, then the subject name MUST be an empty sequence and the subjectAltName extension MUST be critical.",
    unchecked: { kind: "out-of-scope", why: "the CA's profile; no member reports the subjectAltName extension" },
  },
  {
    id: "RFC5280-4.1.2.7-SUBJECT-PUBLIC-KEY-INFO", source: "rfc5280", section: "4.1.2.7",
    quote: "This field is used to carry the public key and identify the algorithm with which the key is used (e.g., RSA, DSA, or Diffie-Hellman).",
    requirements: ["X509-CSR-KEY-MATCHES"],
  },
  // §4.2 extensions
  {
    id: "RFC5280-4.2-ONE-INSTANCE", source: "rfc5280", section: "4.2",
    quote: "A certificate MUST NOT include more than one instance of a particular extension.",
    unchecked: { kind: "not-observable", why: "GAP: two Subject Key Identifier extensions are not flagged; X509-SKI-MATCHES compares ski with the first" },
  },
  {
    id: "RFC5280-4.2-REJECT-UNKNOWN-CRITICAL", source: "rfc5280", section: "4.2",
    quote: "A certificate-using system MUST reject the certificate if it encounters a critical extension it does not recognize or a critical extension that contains information that it cannot process.",
    unchecked: { kind: "client-side", why: "binds systems that use the certificate; the suite reports on it, it does not rely on it" },
  },
  {
    id: "RFC5280-4.2.1.1-AKI-IDENTIFIES-KEY", source: "rfc5280", section: "4.2.1.1",
    quote: "The authority key identifier extension provides a means of identifying the public key corresponding to the private key used to sign a certificate.",
    requirements: ["X509-CA-CONSISTENT"],
  },
  {
    id: "RFC5280-4.2.1.1-AKI-REQUIRED", source: "rfc5280", section: "4.2.1.1",
    quote: "The keyIdentifier field of the authorityKeyIdentifier extension MUST be included in all certificates generated by conforming CAs to facilitate certification path construction.",
    unchecked: { kind: "not-observable", why: "GAP: a certificate without the extension is not flagged; X509-CA-CONSISTENT then tells issuers apart by their name alone" },
  },
  {
    id: "RFC5280-4.2.1.2-SKI-IN-END-ENTITY", source: "rfc5280", section: "4.2.1.2",
    quote: "To assist applications in identifying the appropriate end entity certificate, this extension SHOULD be included in all end entity certificates.",
    unchecked: { kind: "not-observable", why: "GAP: a certificate without the extension only skips X509-SKI-MATCHES; the document's ski member then has nothing to report" },
  },
  {
    id: "RFC5280-4.2.1.2-SKI-REPORTED", source: "rfc5280", section: "4.2.1.2",
    quote: "The subject key identifier extension provides a means of identifying certificates that contain a particular public key. … SubjectKeyIdentifier ::= KeyIdentifier; KeyIdentifier ::= OCTET STRING",
    requirements: ["X509-SKI-MATCHES", "RESULT-SKI-FORMAT"],
  },
  {
    id: "RFC5280-4.2.1.2-SKI-DERIVED-FROM-KEY", source: "rfc5280", section: "4.2.1.2",
    quote: "For end entity certificates, subject key identifiers SHOULD be derived from the public key.",
    unchecked: { kind: "not-observable", why: "\"derived\" admits methods beyond the two SHA-1 ones; a value that matches neither proves nothing" },
  },
  {
    id: "RFC5280-4.2.1.2-SKI-CA-REQUIRED", source: "rfc5280", section: "4.2.1.2",
    quote: "To facilitate certification path construction, this extension MUST appear in all conforming CA certificates",
    unchecked: { kind: "out-of-scope", why: "CA certificates; a client certificate is an end entity" },
  },
  {
    id: "RFC5280-4.2.1.2-SKI-NON-CRITICAL", source: "rfc5280", section: "4.2.1.2",
    quote: "Conforming CAs MUST mark this extension as non-critical.",
    unchecked: { kind: "out-of-scope", why: "the CA's profile; criticality is not reported" },
  },
  // Appendix A bounds of the reported subject attributes
  {
    id: "RFC5280-A-UPPER-BOUNDS", source: "rfc5280", section: "A",
    quote: "ub-common-name INTEGER ::= 64 … ub-locality-name INTEGER ::= 128, ub-state-name INTEGER ::= 128, ub-organization-name INTEGER ::= 64, ub-organizational-unit-name INTEGER ::= 64",
    unchecked: { kind: "not-observable", why: "GAP: common_name, location, state, organization and organizational_unit are compared with the certificate, not with these bounds" },
  },
  {
    id: "RFC5280-A-COUNTRY-TWO-LETTERS", source: "rfc5280", section: "A",
    quote: "X520countryName ::= PrintableString (SIZE (2))",
    requirements: ["X509-CERTIFICATE-PROFILE"],
  },
];
