import fc from "fast-check";
import { DEFAULT_CA_NAME } from "../src/x509/index.ts";
import type { CertificateMaterial } from "./certificate-material.ts";
import { CERTIFICATE_STATUSES, certificateFixtures, type CertificateResult } from "./certificates.ts";
import { cloudflareIdArbitrary } from "./identifiers.ts";
import { dateTimeArbitrary, equivalentDateTimeArbitrary, instantOf } from "./rfc3339.ts";
import { fakerPoolArbitrary } from "./seeded-faker.ts";

/**
 * 200 `result` objects for properties, varied around a small pool of real certificate
 * results (issued once, in a beforeAll: issuing takes milliseconds, a property runs
 * thousands of times).
 *
 * - freeResultArbitrary: every member takes any value the strict profile admits; the
 *   certificate-derived members need not agree with the certificate. For schema laws.
 * - consistentResultArbitrary: only what X.509 leaves open varies (id, status, how dates,
 *   hex and PEM newlines are written, validity_days within a day); every member still agrees
 *   with the certificate as the X509 checks compare. For X.509 laws.
 */

/**
 * A pool of `size` real certificate results (the first four in the four statuses, both key
 * types, both test CAs likely), deterministic by seed like certificateFixtures.
 */
export async function certificateResultPool(material: CertificateMaterial, { seed, size = 8 }: { seed: number; size?: number }): Promise<CertificateResult[]> {
  return (await certificateFixtures(material, { seed, count: size, zoneId: "result-pool" })).map((f) => f.result);
}

/** How a PEM's line breaks are written: as is (LF), CRLF, JSON-escaped `\n` text as in the document's examples, or no final newline. */
export type PemStyle = "lf" | "crlf" | "escaped" | "unterminated";
/** Every PemStyle. */
export const PEM_STYLES: readonly PemStyle[] = ["lf", "crlf", "escaped", "unterminated"];

const styled = new Map<PemStyle, Map<string, string>>(PEM_STYLES.map((style) => [style, new Map()]));

/** `pem` (LF line breaks) written in `style` (memoised: properties restyle the same few pool PEMs thousands of times). */
export function stylePem(pem: string, style: PemStyle): string {
  const cache = styled.get(style)!;
  let out = cache.get(pem);
  if (out === undefined) {
    out = restyle(pem, style);
    if (cache.size < 1024) cache.set(pem, out);
  }
  return out;
}

function restyle(pem: string, style: PemStyle): string {
  switch (style) {
    case "lf": return pem;
    case "crlf": return pem.replace(/\r?\n/g, "\r\n");
    case "escaped": return pem.replace(/\r?\n/g, "\\n");
    case "unterminated": return pem.replace(/\s+$/, "");
  }
}

/** `hex` in upper case, lower case or as is. */
const caseOf = (hex: string) => fc.constantFrom(hex, hex.toLowerCase(), hex.toUpperCase());

const SIGNATURE_NAMES = ["SHA256WithRSA", "SHA384WithRSA", "SHA512WithRSA", "ECDSAWithSHA256", "ECDSAWithSHA384", "SHA256WithRSAPSS", "Ed25519"];
const HEX_ANY_CASE = fc.constantFrom(..."0123456789abcdefABCDEF");
const LOWER_HEX = fc.constantFrom(..."0123456789abcdef");
const DAY_MS = 86_400_000;

/** A subject member as a server might hold it: faker text, any Unicode, or empty. */
const subjectText = fc.oneof(
  { withCrossShrink: true },
  fakerPoolArbitrary("company", (f) => f.company.name()),
  fakerPoolArbitrary("city", (f) => f.location.city(), "de"),
  fakerPoolArbitrary("name", (f) => f.person.fullName(), "ja"),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constant(""),
);

/** A result whose members take any strict-valid value (the certificate and CSR are real PEMs from the pool). */
export function freeResultArbitrary(pool: readonly CertificateResult[]): fc.Arbitrary<CertificateResult> {
  return fc
    .record(
      {
        base: fc.constantFrom(...pool),
        csrFrom: fc.constantFrom(...pool),
        pemStyle: fc.constantFrom(...PEM_STYLES),
        id: cloudflareIdArbitrary(),
        status: fc.constantFrom(...CERTIFICATE_STATUSES),
        certificate_authority: fc.record({ id: fc.oneof(fc.uuid(), fc.string()), name: fc.oneof(fc.constant(DEFAULT_CA_NAME), fc.string()) }, { noNullPrototype: true }),
        fingerprint_sha256: fc.string({ unit: LOWER_HEX, minLength: 64, maxLength: 64 }),
        serial_number: fc.string({ unit: HEX_ANY_CASE, minLength: 1, maxLength: 42 }),
        ski: fc.string({ unit: HEX_ANY_CASE, minLength: 1, maxLength: 64 }),
        issued_on: dateTimeArbitrary(),
        expires_on: dateTimeArbitrary(),
        validity_days: fc.integer({ min: 0, max: 36_500 }),
        signature: fc.oneof(fc.constantFrom(...SIGNATURE_NAMES), fc.string()),
        common_name: subjectText,
        organization: subjectText,
        organizational_unit: subjectText,
        country: fc.oneof(fakerPoolArbitrary("country", (f) => f.location.countryCode("alpha-2")), fc.constant("")),
        state: subjectText,
        location: subjectText,
      },
      { noNullPrototype: true },
    )
    .map(({ base, csrFrom, pemStyle, ...members }): CertificateResult => ({
      ...members,
      certificate: stylePem(base.certificate, pemStyle),
      csr: stylePem(csrFrom.csr, pemStyle),
    }));
}

/** Same second, other shape; see equivalentDateTimeArbitrary. */
const sameInstant = equivalentDateTimeArbitrary;

/** One pool result with only what its certificate leaves open varied. */
function consistentVariants(base: CertificateResult): fc.Arbitrary<CertificateResult> {
  const days = (instantOf(base.expires_on) - instantOf(base.issued_on)) / DAY_MS;
  return fc
    .record(
      {
        id: cloudflareIdArbitrary(),
        status: fc.constantFrom(...CERTIFICATE_STATUSES),
        pemStyle: fc.constantFrom(...PEM_STYLES),
        issued_on: sameInstant(base.issued_on),
        expires_on: sameInstant(base.expires_on),
        serial_number: fc.tuple(caseOf(base.serial_number), fc.constantFrom("", "0", "00")).map(([hex, zeros]) => zeros + hex),
        ski: caseOf(base.ski),
        signature: fc.constantFrom(base.signature, base.signature.toLowerCase(), base.signature.toUpperCase()),
        // Within a day of the certificate's validity, as X509-VALIDITY-DAYS-MATCHES allows: both roundings, and a whole day off where the validity is whole days.
        validity_days: Number.isInteger(days) ? fc.constantFrom(days, days - 1, days + 1) : fc.constantFrom(Math.floor(days), Math.ceil(days)),
      },
      { noNullPrototype: true },
    )
    .map(({ pemStyle, ...varied }): CertificateResult => ({
      ...base,
      ...varied,
      certificate: stylePem(base.certificate, pemStyle),
      csr: stylePem(base.csr, pemStyle),
    }));
}

/** A pool result with only what the certificate leaves open varied; it still agrees with its certificate. */
export function consistentResultArbitrary(pool: readonly CertificateResult[]): fc.Arbitrary<CertificateResult> {
  return fc.oneof({ withCrossShrink: true }, ...pool.map(consistentVariants));
}
