import { createHash } from "node:crypto";
import fc from "fast-check";
import {
  deriveCloudflareFields,
  issueClientCertificate,
  normalizeSerial,
  type CloudflareCertificateFields,
  type IssueOptions,
  type KeyAlgorithm,
} from "../src/x509/index.ts";
import { issuingCa, type CertificateMaterial } from "./certificate-material.ts";
import { subjectArbitrary } from "./subjects.ts";

/**
 * Client certificates as Cloudflare reports them: real X.509 certificates and CSRs issued
 * from the process's CertificateMaterial, and the `result` object of a 200 built from them
 * (every certificate-derived member computed by src/x509, the way the API defines it).
 */

/** The values of `status`, in the document's order. */
export const CERTIFICATE_STATUSES = ["active", "pending_reactivation", "pending_revocation", "revoked"] as const;
/** One of the four statuses. */
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** `certificate_authority` of a result. */
export interface CertificateAuthorityRef {
  id: string;
  name: string;
}

/** Cloudflare's 200 `result`: the certificate object with every documented member. */
export interface CertificateResult extends CloudflareCertificateFields {
  /** 32 lower-case hex digits. */
  id: string;
  status: CertificateStatus;
  certificate_authority: CertificateAuthorityRef;
}

/** What a certificate is issued with: IssueOptions, and which test CA signs it. */
export interface CertificateOptions extends IssueOptions {
  /** "rsa": the Cloudflare-named CA (SHA256WithRSA); "p256": the ECDSA one. */
  issuer: KeyAlgorithm;
}

/** One certificate of a zone: its id and status, the full `result`, and the options it was issued with. */
export interface CertificateFixture {
  id: string;
  status: CertificateStatus;
  result: CertificateResult;
  options: CertificateOptions;
}

const HEX = fc.constantFrom(..."0123456789abcdef");
const DAY_SECONDS = 86_400;

/**
 * A positive serial, 1 to 40 hex digits, often the 32 to 40 CAs use, leading zeros possible; at
 * most 20 octets as DER writes it (RFC 5280 §4.1.2.2), sign octet included: a 40-digit serial
 * has its top bit clear (one with it set takes a 00 octet more, 21 in all).
 */
export function serialHexArbitrary(): fc.Arbitrary<string> {
  return fc
    .oneof(
      { arbitrary: fc.string({ unit: HEX, minLength: 32, maxLength: 40, size: "max" }), weight: 3 },
      { arbitrary: fc.string({ unit: HEX, minLength: 1, maxLength: 40, size: "max" }), weight: 2 },
    )
    .filter((s) => /[1-9a-f]/.test(s))
    .map((s) => (s.length === 40 ? (parseInt(s[0]!, 16) & 0x7).toString(16) + s.slice(1) : s))
    .filter((s) => /[1-9a-f]/.test(s));
}

/** The octets of the DER INTEGER content a serial is written as: its significant octets, and a 00 before a top bit that is set. */
export function serialDerOctets(serialHex: string): number {
  const digits = normalizeSerial(serialHex);
  const octets = Math.ceil(digits.length / 2);
  return octets + (digits.length % 2 === 0 && parseInt(digits[0]!, 16) >= 8 ? 1 : 0);
}

const NOT_BEFORE_MIN = Date.UTC(1990, 0, 1) / 1000;
const NOT_BEFORE_MAX = Date.UTC(2045, 11, 31) / 1000;

/**
 * A validity period in whole seconds: notBefore from 1990 to 2045 (so both UTCTime and,
 * past 2049, GeneralizedTime occur), lasting whole days (Cloudflare's choices: 1 to 15
 * years) or any number of seconds from a minute to 30 years (part days round).
 */
export function validityArbitrary(): fc.Arbitrary<{ notBefore: Date; notAfter: Date }> {
  const duration = fc.oneof(
    { arbitrary: fc.constantFrom(3650, 365, 730, 1825, 5475, 1).map((d) => d * DAY_SECONDS), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 5475 }).map((d) => d * DAY_SECONDS), weight: 2 },
    { arbitrary: fc.integer({ min: 60, max: 30 * 365 * DAY_SECONDS }), weight: 1 },
  );
  return fc.tuple(fc.integer({ min: NOT_BEFORE_MIN, max: NOT_BEFORE_MAX }), duration).map(([start, length]) => ({
    notBefore: new Date(start * 1000),
    notAfter: new Date((start + length) * 1000),
  }));
}

/** Options for one client certificate: subject from faker, serial, validity, subject key and issuing CA. */
export function certificateOptionsArbitrary(): fc.Arbitrary<CertificateOptions> {
  return fc
    .record({
      subject: subjectArbitrary(),
      serialHex: serialHexArbitrary(),
      validity: validityArbitrary(),
      keyAlgorithm: fc.constantFrom<KeyAlgorithm>("rsa", "p256"),
      issuer: fc.oneof({ arbitrary: fc.constant<KeyAlgorithm>("rsa"), weight: 3 }, { arbitrary: fc.constant<KeyAlgorithm>("p256"), weight: 1 }),
    }, { noNullPrototype: true })
    .map(({ validity, ...rest }) => ({ ...rest, ...validity }));
}

/**
 * Issues a certificate (and its CSR) for `options` and builds the full result: `id`,
 * `status`, `certificate_authority` of the issuing CA, and every field deriveCloudflareFields
 * computes. Signs but never generates keys (a few ms): fine in a beforeAll, too slow for
 * thousands of property runs; vary envelopes around a precomputed pool instead.
 */
export async function issueCertificateResult(
  material: CertificateMaterial,
  options: CertificateOptions,
  identity: { id: string; status: CertificateStatus },
): Promise<CertificateResult> {
  const ca = issuingCa(material, options.issuer);
  const { issuer: _issuer, ...issue } = options;
  const issued = await issueClientCertificate(ca, material.keys, issue);
  const fields = deriveCloudflareFields(issued.certificatePem, issued.csrPem);
  return { id: identity.id, status: identity.status, certificate_authority: { id: ca.id, name: ca.name }, ...fields };
}

/** A fixture's id: 32 lower-case hex digits from the seed, zone and position (unique within a zone). */
function fixtureId(seed: number, zoneId: string, index: number): string {
  return createHash("sha256").update(`client-certificate|${seed}|${zoneId}|${index}`).digest("hex").slice(0, 32);
}

/**
 * `count` certificates, deterministic by `seed`: the same ids, statuses, subjects, serials
 * and validity periods each time (PEMs, fingerprints and SKIs depend on the process's keys).
 * The first four take the four statuses in order, the first two both key types (issued by the
 * Cloudflare-named RSA CA) and the third is issued by the ECDSA CA; the rest draw all of it. `zoneId` goes into the ids only, so two zones with one seed share no id.
 */
export async function certificateFixtures(
  material: CertificateMaterial,
  { seed, count, zoneId = "" }: { seed: number; count: number; zoneId?: string },
): Promise<CertificateFixture[]> {
  const drawn = fc.sample(fc.record({ options: certificateOptionsArbitrary(), status: fc.constantFrom(...CERTIFICATE_STATUSES) }, { noNullPrototype: true }), { seed, numRuns: count });
  return Promise.all(
    drawn.slice(0, count).map(async ({ options: sampled, status: sampledStatus }, index) => {
      const options: CertificateOptions = index < 2 ? { ...sampled, keyAlgorithm: index === 0 ? "rsa" : "p256", issuer: "rsa" }
        : index === 2 ? { ...sampled, issuer: "p256" } : sampled;
      const status = index < CERTIFICATE_STATUSES.length ? CERTIFICATE_STATUSES[index] : sampledStatus;
      const id = fixtureId(seed, zoneId, index);
      return { id, status, result: await issueCertificateResult(material, options, { id, status }), options };
    }),
  );
}

/**
 * For each result, another certificate from the same CA with the same serial number and dates
 * (another subject): what a CA that reuses serials would issue. Keyed by the original's
 * fingerprint_sha256. Tells RESULT-FINGERPRINT-UNIQUE's serial comparison from its fingerprint one.
 */
export async function issueSameSerialTwins(material: CertificateMaterial, results: readonly CertificateResult[]): Promise<Map<string, CertificateResult>> {
  const twins = await Promise.all(results.map(async (r): Promise<[string, CertificateResult]> => {
    const issuer: KeyAlgorithm = r.certificate_authority.name === issuingCa(material, "rsa").name ? "rsa" : "p256";
    const options: CertificateOptions = {
      issuer, serialHex: r.serial_number, notBefore: new Date(r.issued_on), notAfter: new Date(r.expires_on),
      subject: { commonName: `twin of ${r.common_name}`.slice(0, 64), organization: "Reused Serials Ltd" },
      keyAlgorithm: "p256",
    };
    return [r.fingerprint_sha256, await issueCertificateResult(material, options, { id: r.id, status: r.status })];
  }));
  return new Map(twins);
}
