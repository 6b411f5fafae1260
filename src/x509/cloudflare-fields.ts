import { unescapePemNewlines } from "./pem.ts";
import { parseCertificatePem, parseCsrPem } from "./parse.ts";

/** The certificate-derived fields of Cloudflare's client certificate object. */
export interface CloudflareCertificateFields {
  certificate: string;
  csr: string;
  /** SHA-256 of the DER: 64 lower-case hex digits. */
  fingerprint_sha256: string;
  /** Lower-case hex, no leading zeros. */
  serial_number: string;
  /** Lower-case hex of the SubjectKeyIdentifier; "" if the certificate has none. */
  ski: string;
  /** notBefore as RFC 3339 `YYYY-MM-DDTHH:MM:SSZ`. */
  issued_on: string;
  /** notAfter as RFC 3339 `YYYY-MM-DDTHH:MM:SSZ`. */
  expires_on: string;
  /** Whole days from notBefore to notAfter, rounded. */
  validity_days: number;
  /** cfssl naming, e.g. "SHA256WithRSA". */
  signature: string;
  common_name: string;
  organization: string;
  organizational_unit: string;
  country: string;
  state: string;
  /** The subject's locality (L). */
  location: string;
}

const DAY_MS = 86_400_000;

/**
 * Derives the fields Cloudflare reports from a certificate and the CSR it was issued
 * for: what a correct server must answer for that certificate. The PEMs come back
 * with literal `\n` escapes turned into line breaks and are otherwise unchanged.
 * @throws X509ParseError if either PEM does not parse.
 */
export function deriveCloudflareFields(certificatePem: string, csrPem: string): CloudflareCertificateFields {
  const parsed = parseCertificatePem(certificatePem);
  parseCsrPem(csrPem); // fail on a broken CSR here rather than serve it as reference data
  const { subject } = parsed;
  return {
    certificate: unescapePemNewlines(certificatePem),
    csr: unescapePemNewlines(csrPem),
    fingerprint_sha256: parsed.derSha256Hex,
    serial_number: parsed.serialHex,
    ski: parsed.skiHex ?? "",
    issued_on: toRfc3339Seconds(parsed.notBefore),
    expires_on: toRfc3339Seconds(parsed.notAfter),
    validity_days: Math.round((parsed.notAfter.getTime() - parsed.notBefore.getTime()) / DAY_MS),
    signature: parsed.signatureAlgorithm,
    common_name: subject.commonName,
    organization: subject.organization ?? "",
    organizational_unit: subject.organizationalUnit ?? "",
    country: subject.country ?? "",
    state: subject.state ?? "",
    location: subject.locality ?? "",
  };
}

/** `2024-01-31T12:00:00Z`: X.509 times have whole seconds, so no fraction is shown. */
function toRfc3339Seconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
