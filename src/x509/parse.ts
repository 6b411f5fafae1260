import { createHash, X509Certificate as NodeX509Certificate } from "node:crypto";
import { x509 } from "./peculiar.ts";
import { decodeSinglePem } from "./pem.ts";
import { X509ParseError } from "./parse-error.ts";
import { signatureAlgorithmName } from "./signature-algorithm.ts";
import { nameToSubject, type SubjectFields } from "./subject.ts";

export { X509ParseError };

/** What the suite needs to know about a certificate, in the forms Cloudflare reports. */
export interface ParsedCertificate {
  /** SHA-256 of the DER encoding: 64 lower-case hex digits, no colons. */
  derSha256Hex: string;
  /** Lower-case hex, leading zeros stripped (see normalizeSerial). */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  subject: SubjectFields;
  /** The issuer's distinguished name (RFC 4514 text): a serial number is unique per issuer. */
  issuer: string;
  /** Lower-case hex of the SubjectKeyIdentifier extension, if the certificate has one. */
  skiHex: string | undefined;
  /** cfssl naming: "SHA256WithRSA", "ECDSAWithSHA256", … */
  signatureAlgorithm: string;
  /** SHA-256 of the SubjectPublicKeyInfo DER, to match a certificate with its CSR. */
  publicKeySha256Hex: string;
  /** Lower-case hex of the AuthorityKeyIdentifier's keyIdentifier, if the certificate has one: which CA key signed it. */
  authorityKeyIdHex: string | undefined;
  /** The DER the PEM carries (for the checks of how it is encoded). */
  der: Uint8Array;
}

/** What the suite needs to know about a PKCS#10 certificate signing request. */
export interface ParsedCsr {
  subject: SubjectFields;
  /** SHA-256 of the SubjectPublicKeyInfo DER. */
  publicKeySha256Hex: string;
  /** The DER the PEM carries. */
  der: Uint8Array;
}

/**
 * Parses one PEM certificate (real newlines or literal `\n` escapes).
 * @throws X509ParseError if the text is not exactly one well-formed certificate.
 */
export function parseCertificatePem(pem: string): ParsedCertificate {
  const { der } = decodeSinglePem(pem, ["CERTIFICATE"], "certificate");
  try {
    // OpenSSL is the stricter DER parser; run it first so malformed input fails here.
    new NodeX509Certificate(der);
    const certificate = new x509.X509Certificate(der);
    const ski = certificate.getExtension(x509.SubjectKeyIdentifierExtension);
    const aki = certificate.getExtension(x509.AuthorityKeyIdentifierExtension);
    return {
      derSha256Hex: sha256Hex(der),
      serialHex: normalizeSerial(certificate.serialNumber),
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      subject: nameToSubject(certificate.subjectName),
      issuer: certificate.issuer,
      skiHex: ski ? ski.keyId.toLowerCase() : undefined,
      signatureAlgorithm: signatureAlgorithmName(certificate.signatureAlgorithm),
      publicKeySha256Hex: sha256Hex(certificate.publicKey.rawData),
      authorityKeyIdHex: aki?.keyId ? aki.keyId.toLowerCase() : undefined,
      der,
    };
  } catch (error) {
    throw new X509ParseError(`certificate: the PEM does not hold a valid X.509 certificate (${describe(error)})`, {
      cause: error,
    });
  }
}

/**
 * Parses one PEM PKCS#10 request ("CERTIFICATE REQUEST" or the older "NEW CERTIFICATE
 * REQUEST" label), with real newlines or literal `\n` escapes.
 * @throws X509ParseError if the text is not exactly one well-formed CSR.
 */
export function parseCsrPem(pem: string): ParsedCsr {
  const { der } = decodeSinglePem(pem, ["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"], "CSR");
  try {
    const csr = new x509.Pkcs10CertificateRequest(der);
    return {
      subject: nameToSubject(csr.subjectName),
      publicKeySha256Hex: sha256Hex(csr.publicKey.rawData),
      der,
    };
  } catch (error) {
    throw new X509ParseError(`CSR: the PEM does not hold a valid PKCS#10 request (${describe(error)})`, {
      cause: error,
    });
  }
}

/**
 * Canonical form of a hex serial number for comparisons: lower case, colons and
 * whitespace removed, leading zeros stripped ("0" for zero). Node prints serials in
 * upper case, @peculiar/x509 in lower case, and DER may add a 00 sign byte.
 */
export function normalizeSerial(hex: string): string {
  const digits = hex.replace(/[:\s]/g, "").toLowerCase().replace(/^0+/, "");
  return digits === "" ? "0" : digits;
}

function sha256Hex(data: ArrayBuffer | Uint8Array): string {
  return createHash("sha256")
    .update(data instanceof Uint8Array ? data : new Uint8Array(data))
    .digest("hex");
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
