import { createHash } from "node:crypto";
import type * as X509 from "@peculiar/x509";
import { webCrypto, x509 } from "./peculiar.ts";
import { encodePem } from "./pem.ts";
import { normalizeSerial } from "./parse.ts";
import { subjectToName, type SubjectFields } from "./subject.ts";

/** The two key types a client certificate can have in these tests. */
export type KeyAlgorithm = "rsa" | "p256";

/** One key pair per KeyAlgorithm. Made once per run: RSA generation takes ~120 ms. */
export interface KeyPairs {
  rsa: CryptoKeyPair;
  p256: CryptoKeyPair;
}

/** A self-signed CA standing in for "Cloudflare Managed CA for account". */
export interface TestCa {
  certificate: X509.X509Certificate;
  /** The CA certificate as PEM with real newlines. */
  pem: string;
  /** The CA's own key pair (one of the KeyPairs). */
  keys: CryptoKeyPair;
  keyAlgorithm: KeyAlgorithm;
  /** Cloudflare's certificate_authority.name. */
  name: string;
  /** Cloudflare's certificate_authority.id, UUID-shaped. */
  id: string;
}

/** What a client certificate is issued with; everything but keys and signatures is fixed by it. */
export interface IssueOptions {
  subject: SubjectFields;
  /** Hex, any case, colons allowed; stored as a positive DER INTEGER. */
  serialHex: string;
  /** X.509 times have whole seconds: milliseconds are dropped. */
  notBefore: Date;
  notAfter: Date;
  /** Which of the KeyPairs is the certificate's subject key. */
  keyAlgorithm: KeyAlgorithm;
}

/** A client certificate and the CSR it was issued from, both PEM with real newlines. */
export interface IssuedCertificate {
  certificatePem: string;
  csrPem: string;
  keyAlgorithm: KeyAlgorithm;
}

/** Default CA name: the `certificate_authority.name` Cloudflare's examples show. */
export const DEFAULT_CA_NAME = "Cloudflare Managed CA for account";

const KEY_GENERATION: Record<KeyAlgorithm, RsaHashedKeyGenParams | EcKeyGenParams> = {
  rsa: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
  p256: { name: "ECDSA", namedCurve: "P-256" },
};

// SHA-256 for both, as cfssl picks for RSA-2048 and P-256 keys.
const SIGNING: Record<KeyAlgorithm, EcdsaParams> = {
  rsa: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
  p256: { name: "ECDSA", hash: "SHA-256" },
};

// Fixed so that the same CA name always yields the same certificate fields.
const CA_NOT_BEFORE = new Date("2020-01-01T00:00:00Z");
const CA_NOT_AFTER = new Date("2099-12-31T23:59:59Z");

/**
 * Generates one RSA-2048 (RSASSA-PKCS1-v1_5, SHA-256) and one ECDSA P-256 key pair.
 * Slow (RSA ~120 ms): call once per run and share the result.
 */
export async function generateKeyPairs(): Promise<KeyPairs> {
  // Extractable, so a reference server or TLS client can export them as PKCS#8.
  const [rsa, p256] = await Promise.all([
    webCrypto.subtle.generateKey(KEY_GENERATION.rsa, true, ["sign", "verify"]),
    webCrypto.subtle.generateKey(KEY_GENERATION.p256, true, ["sign", "verify"]),
  ]);
  return { rsa: rsa as CryptoKeyPair, p256: p256 as CryptoKeyPair };
}

/**
 * Makes a self-signed CA certificate (basicConstraints CA, keyUsage keyCertSign|cRLSign).
 * `id` defaults to a UUID-shaped value derived from `name`; `keyAlgorithm` (default
 * "rsa", as Cloudflare's managed CA signs SHA256WithRSA) picks which of `keys` the CA
 * signs with, and so the `signature` every certificate it issues reports.
 */
export async function createTestCa(
  keys: KeyPairs,
  opts: { name?: string; id?: string; keyAlgorithm?: KeyAlgorithm } = {},
): Promise<TestCa> {
  const name = opts.name ?? DEFAULT_CA_NAME;
  const id = opts.id ?? uuidFromText(name);
  const keyAlgorithm = opts.keyAlgorithm ?? "rsa";
  const caKeys = keys[keyAlgorithm];
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialFromText(id),
    name: subjectToName({ commonName: name, organization: "client-cert-conformance, test only" }),
    notBefore: CA_NOT_BEFORE,
    notAfter: CA_NOT_AFTER,
    signingAlgorithm: SIGNING[keyAlgorithm],
    keys: caKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  return { certificate, pem: encodePem(certificate.rawData, "CERTIFICATE"), keys: caKeys, keyAlgorithm, name, id };
}

/**
 * Issues a client certificate: a PKCS#10 CSR signed with the subject key
 * (`keys[opts.keyAlgorithm]`), then a certificate for that CSR's key signed by `ca`,
 * with SKI, AKI (= the CA's SKI) and extendedKeyUsage clientAuth. Never generates keys.
 * If the subject key is the CA's own key (same keyAlgorithm), the certificate shares it:
 * harmless for field checks, but its SKI then equals its AKI.
 */
export async function issueClientCertificate(
  ca: TestCa,
  keys: KeyPairs,
  opts: IssueOptions,
): Promise<IssuedCertificate> {
  assertEncodableTime(opts.notBefore, "notBefore");
  assertEncodableTime(opts.notAfter, "notAfter");
  const subjectKeys = keys[opts.keyAlgorithm];
  const subjectName = subjectToName(opts.subject);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: subjectName,
    keys: subjectKeys,
    signingAlgorithm: SIGNING[opts.keyAlgorithm],
  });
  const caSki = ca.certificate.getExtension(x509.SubjectKeyIdentifierExtension);
  if (!caSki) throw new Error(`test CA "${ca.name}" has no SubjectKeyIdentifier extension`);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialForDer(opts.serialHex),
    subject: subjectName,
    issuer: ca.certificate.subjectName,
    notBefore: opts.notBefore,
    notAfter: opts.notAfter,
    publicKey: csr.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: SIGNING[ca.keyAlgorithm],
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.SubjectKeyIdentifierExtension.create(csr.publicKey),
      new x509.AuthorityKeyIdentifierExtension(caSki.keyId),
    ],
  });
  return {
    certificatePem: encodePem(certificate.rawData, "CERTIFICATE"),
    csrPem: encodePem(csr.rawData, "CERTIFICATE REQUEST"),
    keyAlgorithm: opts.keyAlgorithm,
  };
}

/**
 * @peculiar/x509 writes any year up to 2049 as a two-digit UTCTime, so a year before 1950
 * silently comes back a century later; GeneralizedTime stops at 9999.
 */
function assertEncodableTime(date: Date, field: string): void {
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1950 || year > 9999) {
    throw new RangeError(`${field} must be a valid date in the years 1950-9999, got ${String(date)}`);
  }
}

/** Validates a caller's serial and gives it an even number of digits for hex decoding. */
function serialForDer(serialHex: string): string {
  const digits = normalizeSerial(serialHex);
  if (!/^[0-9a-f]+$/.test(digits) || digits === "0") {
    throw new TypeError(`serialHex must be a positive hexadecimal number, got "${serialHex}"`);
  }
  return digits.length % 2 === 0 ? digits : `0${digits}`;
}

/** 16 bytes of SHA-256 over `text`, as a 32-digit hex serial. */
function serialFromText(text: string): string {
  return `01${createHash("sha256").update(text).digest("hex").slice(0, 30)}`;
}

/** A version-4-shaped UUID made from a hash of `text`, so it is stable across runs. */
function uuidFromText(text: string): string {
  const hex = createHash("sha256").update(`ca-id:${text}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
