/**
 * RFC 2986, PKCS #10: Certification Request Syntax v1.7: the request the csr member carries,
 * whole (version, subject, subjectPKInfo, attributes, signatureAlgorithm, signature) and how
 * its signature is made and verified. Quoted from the RFC text (§3 overview, §4 syntax).
 */
import type { SourceStatement } from "./types.ts";

export const RFC2986: SourceStatement[] = [
  // §3 overview
  {
    id: "RFC2986-3-THREE-PARTS", source: "rfc2986", section: "3",
    quote: "A certification request consists of three parts: \"certification request information,\" a signature algorithm identifier, and a digital signature on the certification request information.",
    requirements: ["X509-CSR-KEY-MATCHES", "X509-CSR-VALID"],
  },
  {
    id: "RFC2986-3-REQUEST-INFORMATION", source: "rfc2986", section: "3",
    quote: "The certification request information consists of the entity's distinguished name, the entity's public key, and a set of attributes providing other information about the entity.",
    requirements: ["X509-CSR-SUBJECT-MATCHES", "X509-CSR-KEY-MATCHES", "X509-CSR-VALID"],
  },
  {
    id: "RFC2986-3-SIGNED-WITH-PRIVATE-KEY", source: "rfc2986", section: "3",
    quote: "The CertificationRequestInfo value is signed with the subject entity's private key.",
    requirements: ["X509-CSR-VALID"],
  },
  {
    id: "RFC2986-3-CERTIFICATE-FROM-REQUEST-KEY", source: "rfc2986", section: "3",
    quote: "A certification authority fulfills the request by authenticating the requesting entity and verifying the entity's signature, and, if the request is valid, constructing an X.509 certificate from the distinguished name and public key",
    requirements: ["X509-CSR-KEY-MATCHES"],
  },
  {
    id: "RFC2986-3-CERTIFICATE-FROM-REQUEST-DN", source: "rfc2986", section: "3",
    quote: "constructing an X.509 certificate from the distinguished name and public key, the issuer name, and the certification authority's choice of serial number, validity period, and signature algorithm.",
    requirements: ["X509-CSR-SUBJECT-MATCHES", "X509-SUBJECT-MATCHES"],
  },
  {
    id: "RFC2986-3-CERTIFICATE-FROM-REQUEST-CN", source: "rfc2986", section: "3",
    quote: "constructing an X.509 certificate from the distinguished name and public key",
    unchecked: { kind: "not-observable", why: "GAP: the CSR's CN is not compared with common_name (X509-CSR-SUBJECT-MATCHES covers O, OU, C, ST and L only)" },
  },
  // §4.1 CertificationRequestInfo
  {
    id: "RFC2986-4.1-INFO-SYNTAX", source: "rfc2986", section: "4.1",
    quote: "CertificationRequestInfo ::= SEQUENCE { version INTEGER { v1(0) } (v1,...), subject Name, subjectPKInfo SubjectPublicKeyInfo{{ PKInfoAlgorithms }}, attributes [0] Attributes{{ CRIAttributes }} }",
    requirements: ["X509-CSR-VALID", "X509-CSR-KEY-MATCHES"],
  },
  {
    id: "RFC2986-4.1-VERSION-0", source: "rfc2986", section: "4.1",
    quote: "version is the version number, for compatibility with future revisions of this document. It shall be 0 for this version of the standard.",
    requirements: ["X509-CSR-VALID"],
  },
  {
    id: "RFC2986-4.1-SUBJECT", source: "rfc2986", section: "4.1",
    quote: "subject is the distinguished name of the certificate subject (the entity whose public key is to be certified).",
    requirements: ["X509-CSR-SUBJECT-MATCHES", "X509-CSR-VALID"],
  },
  {
    id: "RFC2986-4.1-SUBJECT-PK-INFO", source: "rfc2986", section: "4.1",
    quote: "subjectPublicKeyInfo contains information about the public key being certified.",
    requirements: ["X509-CSR-KEY-MATCHES"],
  },
  {
    id: "RFC2986-4.1-ATTRIBUTES", source: "rfc2986", section: "4.1",
    quote: "attributes is a collection of attributes providing additional information about the subject of the certificate.",
    requirements: ["X509-CSR-VALID"],
  },
  // §4.2 CertificationRequest
  {
    id: "RFC2986-4.2-REQUEST-SYNTAX", source: "rfc2986", section: "4.2",
    quote: "CertificationRequest ::= SEQUENCE { certificationRequestInfo CertificationRequestInfo, signatureAlgorithm AlgorithmIdentifier{{ SignatureAlgorithms }}, signature BIT STRING }",
    requirements: ["X509-CSR-VALID", "X509-CSR-KEY-MATCHES"],
  },
  {
    id: "RFC2986-4.2-SIGNATURE-ALGORITHM", source: "rfc2986", section: "4.2",
    quote: "signatureAlgorithm identifies the signature algorithm (and any associated parameters) under which the certification-request information is signed.",
    requirements: ["X509-CSR-VALID"],
  },
  {
    id: "RFC2986-4.2-SIGNATURE", source: "rfc2986", section: "4.2",
    quote: "signature is the result of signing the certification request information with the certification request subject's private key.",
    requirements: ["X509-CSR-VALID"],
  },
  {
    id: "RFC2986-4.2-SIGNING-PROCESS", source: "rfc2986", section: "4.2",
    quote: "The signature process consists of two steps: 1. The value of the certificationRequestInfo field is DER encoded, yielding an octet string. 2. The result of step 1 is signed with the certification request subject's private key under the specified signature algorithm, yielding a bit string, the signature.",
    requirements: ["X509-CSR-VALID"],
  },
];
