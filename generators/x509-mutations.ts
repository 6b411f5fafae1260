import { createHash } from "node:crypto";
import {
  X509_CERTIFICATE_PARSES, X509_CSR_KEY_MATCHES, X509_CSR_SUBJECT_MATCHES, X509_DATES_MATCH, X509_FINGERPRINT_MATCHES, X509_SERIAL_MATCHES,
  X509_SIGNATURE_MATCHES, X509_SKI_MATCHES, X509_SUBJECT_MATCHES, X509_VALIDITY_DAYS_MATCHES,
} from "../src/registry/index.ts";
import { normalizeSerial } from "../src/x509/index.ts";
import type { CertificateResult } from "./certificates.ts";
import { x509Mutation, type X509Mutation } from "./mutation.ts";
import { formatDateTime, instantOf, wholeSecondOf } from "./rfc3339.ts";
import { X509_ENCODING_MUTATIONS } from "./x509-encoding-mutations.ts";

/**
 * X.509 mutations: the body stays valid under both profiles, but one member no longer
 * agrees with the certificate (or the certificate no longer parses). Only a comparison with
 * the parsed certificate finds them, which is what the X509 checks do.
 */

/** A PKCS#10 request for a P-256 key made once for this file: no certificate of a run has this key. */
export const FOREIGN_CSR_PEM = `-----BEGIN CERTIFICATE REQUEST-----
MIH0MIGaAgEAMDgxFDASBgNVBAMTC2ZvcmVpZ24ga2V5MSAwHgYDVQQKExdjbGll
bnQtY2VydC1jb25mb3JtYW5jZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAw3
U9MU5hNpc43rg1hVq+X7H8y3OCOtUiQ7+a7leulYIy+yQsiB6+EATlk1yzt7JPYH
0iRUwdabz9EW01zlodigADAKBggqhkjOPQQDAgNJADBGAiEAsf2oNIIbYWXNaABT
ucFEXf7qTep/FOCiSQPF6d09RoQCIQDd6pmPDrWXh7kY/IDL0kplVROZnCOHWZ13
FxAixuQkkQ==
-----END CERTIFICATE REQUEST-----
`;

/** A subject member the document says is "provided by the CSR": changed, it no longer agrees with the CSR either. */
const NOT_THE_CSRS = { alsoBreaks: [X509_CSR_SUBJECT_MATCHES.id] };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** `iso` moved by `deltaMs`, written as Cloudflare writes dates. */
const shifted = (iso: string, deltaMs: number) => formatDateTime(instantOf(iso) + deltaMs, { fractionDigits: 0, offset: "Z" });

/** The last hex digit of `hex` replaced by another (case kept lower). */
const lastDigitChanged = (hex: string) => {
  const last = hex.slice(-1).toLowerCase();
  return hex.slice(0, -1) + (last === "0" ? "1" : "0");
};

/** `candidate`, unless the certificate already says that; then `fallback`. */
const unlike = (current: string, candidate: string, fallback: string) => (current === candidate ? fallback : candidate);

/** The PEM with its base64 body cut to its first half of lines: still PEM-shaped, no longer a certificate. */
function truncatedDer(pem: string): string {
  const lines = pem.replace(/\\r\\n|\\n|\\r/g, "\n").replace(/\r\n?/g, "\n").split("\n").map((l) => l.trim()).filter(Boolean);
  const body = lines.slice(1, -1);
  return [lines[0], ...body.slice(0, Math.max(1, Math.floor(body.length / 2))), lines[lines.length - 1], ""].join("\n");
}

/** X509-CERTIFICATE-PARSES: the certificate's DER cut in half (whole base64 lines, so the PEM still looks right). */
export const certificateTruncated = x509Mutation(X509_CERTIFICATE_PARSES, "certificate-der-truncated", (r) => ({ ...r, certificate: truncatedDer(r.certificate) }));
/** X509-FINGERPRINT-MATCHES: SHA-256 of the PEM text instead of the DER. */
export const fingerprintOfPemText = x509Mutation(X509_FINGERPRINT_MATCHES, "fingerprint-of-pem-text", (r) => ({ ...r, fingerprint_sha256: createHash("sha256").update(r.certificate).digest("hex") }));
/** X509-FINGERPRINT-MATCHES: one digit of the fingerprint changed. */
export const fingerprintDigitChanged = x509Mutation(X509_FINGERPRINT_MATCHES, "fingerprint-digit-changed", (r) => ({ ...r, fingerprint_sha256: lastDigitChanged(r.fingerprint_sha256) }));
/** X509-SERIAL-MATCHES: the serial plus one. */
export const serialOffByOne = x509Mutation(X509_SERIAL_MATCHES, "serial-off-by-one", (r) => ({ ...r, serial_number: (BigInt(`0x${r.serial_number}`) + 1n).toString(16) }));
/** X509-SERIAL-MATCHES: the serial in decimal (digits only, so still hex-shaped); plus one where decimal and hex agree (below 10). */
export const serialDecimal = x509Mutation(X509_SERIAL_MATCHES, "serial-in-decimal", (r) => {
  const value = BigInt(`0x${r.serial_number}`);
  const decimal = value.toString(10);
  return { ...r, serial_number: decimal === normalizeSerial(r.serial_number) ? (value + 1n).toString(16) : decimal };
});
/** X509-DATES-MATCH: issued_on a day late. */
export const issuedOnDayLate = x509Mutation(X509_DATES_MATCH, "issued-on-a-day-late", (r) => ({ ...r, issued_on: shifted(r.issued_on, DAY_MS) }));
/** X509-DATES-MATCH: expires_on an hour early. */
export const expiresOnHourEarly = x509Mutation(X509_DATES_MATCH, "expires-on-an-hour-early", (r) => ({ ...r, expires_on: shifted(r.expires_on, -HOUR_MS) }));
/** X509-DATES-MATCH: issued_on a second early (X.509 times have whole seconds: a second is the smallest disagreement). */
export const issuedOnSecondEarly = x509Mutation(X509_DATES_MATCH, "issued-on-a-second-early", (r) => ({ ...r, issued_on: shifted(r.issued_on, -1000) }));
/** X509-DATES-MATCH: expires_on a second late. */
export const expiresOnSecondLate = x509Mutation(X509_DATES_MATCH, "expires-on-a-second-late", (r) => ({ ...r, expires_on: shifted(r.expires_on, 1000) }));
/** X509-DATES-MATCH: local (UTC+2) wall-clock time labelled Z, a time-zone bug. */
export const datesLocalAsUtc = x509Mutation(X509_DATES_MATCH, "dates-local-time-as-utc", (r) => ({ ...r, issued_on: shifted(r.issued_on, 2 * HOUR_MS), expires_on: shifted(r.expires_on, 2 * HOUR_MS) }));
/** X509-DATES-MATCH: issued_on and expires_on swapped. */
export const datesSwapped = x509Mutation(X509_DATES_MATCH, "dates-swapped", (r) => ({ ...r, issued_on: r.expires_on, expires_on: r.issued_on }));
/** The certificate's validity in days, from the result's dates (which agree with it), rounded. */
const roundedDays = (r: CertificateResult) => Math.round((wholeSecondOf(r.expires_on) - wholeSecondOf(r.issued_on)) / DAY_MS);

/** X509-VALIDITY-DAYS-MATCHES: two days more than the certificate is valid (one more passes: the tolerance is a day). */
export const validityDaysPlusTwo = x509Mutation(X509_VALIDITY_DAYS_MATCHES, "validity-days-plus-two", (r) => ({ ...r, validity_days: roundedDays(r) + 2 }));
/** X509-VALIDITY-DAYS-MATCHES: two days fewer. */
export const validityDaysMinusTwo = x509Mutation(X509_VALIDITY_DAYS_MATCHES, "validity-days-minus-two", (r) => ({ ...r, validity_days: roundedDays(r) - 2 }));
/** X509-SUBJECT-MATCHES: the common name with a suffix. */
export const commonNameChanged = x509Mutation(X509_SUBJECT_MATCHES, "common-name-changed", (r) => ({ ...r, common_name: `${r.common_name} (2)` }));
/** X509-SUBJECT-MATCHES: another country. */
export const countryChanged = x509Mutation(X509_SUBJECT_MATCHES, "country-changed", (r) => ({ ...r, country: unlike(r.country, "US", "DE") }), NOT_THE_CSRS);
/** X509-SUBJECT-MATCHES: the organization left empty (or filled in where the certificate has none). */
export const organizationDropped = x509Mutation(X509_SUBJECT_MATCHES, "organization-dropped", (r) => ({ ...r, organization: unlike(r.organization, "", "Example Org") }), NOT_THE_CSRS);
/** X509-SUBJECT-MATCHES: the organizational unit changed (or filled in where the certificate has none). */
export const organizationalUnitChanged = x509Mutation(X509_SUBJECT_MATCHES, "organizational-unit-changed", (r) => ({ ...r, organizational_unit: r.organizational_unit ? `${r.organizational_unit} 2` : "Unit 2" }), NOT_THE_CSRS);
/** X509-SUBJECT-MATCHES: the state changed (or filled in where the certificate has none). */
export const stateChanged = x509Mutation(X509_SUBJECT_MATCHES, "state-changed", (r) => ({ ...r, state: unlike(r.state, "Bavaria", "Ontario") }), NOT_THE_CSRS);
/** X509-SUBJECT-MATCHES: location holding the state (ST for L). */
export const locationFromState = x509Mutation(X509_SUBJECT_MATCHES, "location-from-state", (r) => ({ ...r, location: unlike(r.location, r.state, `${r.location} City`) }), NOT_THE_CSRS);
/** X509-SKI-MATCHES: one digit of the SKI changed. */
export const skiDigitChanged = x509Mutation(X509_SKI_MATCHES, "ski-digit-changed", (r) => ({ ...r, ski: lastDigitChanged(r.ski) }));
/** X509-SKI-MATCHES: a 256-bit key identifier where the certificate has a 160-bit one. */
export const skiWidened = x509Mutation(X509_SKI_MATCHES, "ski-widened", (r) => ({ ...r, ski: createHash("sha256").update(r.ski).digest("hex") }));
/** X509-CSR-KEY-MATCHES: a CSR for another key. */
export const csrForeignKey = x509Mutation(X509_CSR_KEY_MATCHES, "csr-for-another-key", (r) => ({ ...r, csr: FOREIGN_CSR_PEM }), NOT_THE_CSRS); // another's CSR has another's subject
/** X509-CSR-KEY-MATCHES: the CSR's DER cut in half (still PEM-shaped, no longer a request). */
export const csrTruncated = x509Mutation(X509_CSR_KEY_MATCHES, "csr-der-truncated", (r) => ({ ...r, csr: truncatedDer(r.csr) }));
/** X509-SIGNATURE-MATCHES: the other family's algorithm name. */
export const signatureOtherAlgorithm = x509Mutation(X509_SIGNATURE_MATCHES, "signature-other-algorithm", (r) => ({
  ...r, signature: /rsa/i.test(r.signature) ? "ECDSAWithSHA256" : "SHA256WithRSA",
}));
/** X509-SIGNATURE-MATCHES: the hash alone ("SHA256"). */
export const signatureHashOnly = x509Mutation(X509_SIGNATURE_MATCHES, "signature-hash-only", (r) => ({ ...r, signature: "SHA256" }));

/** Every X.509 mutation. */
export const X509_MUTATIONS: readonly X509Mutation[] = [
  certificateTruncated, fingerprintOfPemText, fingerprintDigitChanged, serialOffByOne, serialDecimal,
  issuedOnDayLate, expiresOnHourEarly, issuedOnSecondEarly, expiresOnSecondLate, datesLocalAsUtc, datesSwapped, validityDaysPlusTwo, validityDaysMinusTwo,
  commonNameChanged, countryChanged, organizationDropped, organizationalUnitChanged, stateChanged, locationFromState, skiDigitChanged, skiWidened,
  csrForeignKey, csrTruncated,
  signatureOtherAlgorithm, signatureHashOnly,
  ...X509_ENCODING_MUTATIONS,
];
