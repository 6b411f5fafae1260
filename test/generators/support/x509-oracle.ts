import { normalizeSerial, parseCertificatePem, parseCsrPem, type ParsedCertificate } from "../../../src/x509/index.ts";
import type { CertificateResult } from "../../../generators/index.ts";

/**
 * The X509 requirements stated once more, for the laws: which of them a result breaks,
 * found by parsing its certificate and CSR with src/x509 (parses cached: a pool has few PEMs).
 */

const certificates = new Map<string, ParsedCertificate | Error>();
const csrKeys = new Map<string, string | Error>();

function cached<T>(cache: Map<string, T | Error>, key: string, parse: () => T): T | Error {
  let value = cache.get(key);
  if (value === undefined) {
    try {
      value = parse();
    } catch (e) {
      value = e as Error;
    }
    cache.set(key, value);
  }
  return value;
}

const DAY_MS = 86_400_000;
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The ids of the X509 requirements `result` breaks (empty: it agrees with its certificate). */
export function x509Disagreements(result: CertificateResult): Set<string> {
  const broken = new Set<string>();
  const cert = cached(certificates, result.certificate, () => parseCertificatePem(result.certificate));
  if (cert instanceof Error) return new Set(["X509-CERTIFICATE-PARSES"]);
  const check = (id: string, ok: boolean) => ok || broken.add(id);
  check("X509-FINGERPRINT-MATCHES", result.fingerprint_sha256.toLowerCase() === cert.derSha256Hex);
  check("X509-SERIAL-MATCHES", normalizeSerial(result.serial_number) === cert.serialHex);
  check("X509-DATES-MATCH", seconds(result.issued_on) === seconds(cert.notBefore.toISOString()) && seconds(result.expires_on) === seconds(cert.notAfter.toISOString()));
  check("X509-VALIDITY-DAYS-MATCHES", Math.abs(result.validity_days - (cert.notAfter.getTime() - cert.notBefore.getTime()) / DAY_MS) <= 1);
  const s = cert.subject;
  check("X509-SUBJECT-MATCHES",
    result.common_name === s.commonName && result.organization === (s.organization ?? "") && result.organizational_unit === (s.organizationalUnit ?? "")
    && result.country === (s.country ?? "") && result.state === (s.state ?? "") && result.location === (s.locality ?? ""));
  check("X509-SKI-MATCHES", result.ski.toLowerCase() === cert.skiHex);
  const csrKey = cached(csrKeys, result.csr, () => parseCsrPem(result.csr).publicKeySha256Hex);
  check("X509-CSR-KEY-MATCHES", csrKey === cert.publicKeySha256Hex);
  check("X509-SIGNATURE-MATCHES", result.signature.toLowerCase() === cert.signatureAlgorithm.toLowerCase());
  return broken;
}
