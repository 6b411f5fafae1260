import {
  X509_CA_CONSISTENT, X509_CERTIFICATE_PARSES, X509_CERTIFICATE_PROFILE, X509_CSR_KEY_MATCHES, X509_CSR_SUBJECT_MATCHES, X509_CSR_VALID, X509_DATES_MATCH,
  X509_FINGERPRINT_MATCHES, X509_SERIAL_MATCHES, X509_SIGNATURE_MATCHES, X509_SKI_MATCHES, X509_SUBJECT_MATCHES, X509_VALIDITY_DAYS_MATCHES,
} from "../src/registry/index.ts";
import type { Requirement } from "../src/registry/types.ts";
import { certificateProfileProblems, csrProblems, normalizeSerial, type SubjectFields } from "../src/x509/index.ts";
import { certificates, csrPublicKeyOf, parseCsrOnce, parseOnce, readResults, type CertificateEvidence } from "./support/certificates.ts";
import { conformsTo, type Checker } from "./support/check.ts";
import { shown } from "./support/evidence.ts";

/** A field that must agree with the certificate; an absent member is RESULT-REQUIRED-MEMBERS' business. */
function agrees(requirement: Requirement, compare: (e: CertificateEvidence, c: Checker) => void) {
  return conformsTo(requirement, (ctx, c) => certificates(ctx).forEach((e) => compare(e, c)));
}

const seconds = (iso: unknown) => (typeof iso === "string" ? Math.floor(Date.parse(iso) / 1000) : NaN);
const DAY = 86_400_000;

/** The members this check compares are the loaded document's: one it does not declare is not held to the certificate. */
const documented = (c: Checker, member: string) => c.spec.certificateMembers.includes(member);

function sameMember(c: Checker, e: CertificateEvidence, member: string, expected: string, normalise = (s: string) => s): void {
  const actual = e.result[member];
  if (actual === undefined || !documented(c, member)) return;
  c.expect(typeof actual === "string" && normalise(actual) === normalise(expected), () => `${member} is ${shown(actual)}, the certificate says ${JSON.stringify(expected)}`, e.r);
}

/** The result's subject members and the subject attributes they report. */
const SUBJECT_MEMBERS: readonly [string, keyof SubjectFields][] = [["common_name", "commonName"], ["organization", "organization"], ["organizational_unit", "organizationalUnit"], ["country", "country"], ["state", "state"], ["location", "locality"]];
/** Those the document describes as "provided by the CSR". */
const FROM_CSR = new Set(["organization", "organizational_unit", "country", "state", "location"]);

/** The CSR of a read, parsed, when it is a string that parses (X509-CSR-KEY-MATCHES speaks for the rest). */
function csrOf(e: CertificateEvidence) {
  return typeof e.result.csr === "string" ? parseCsrOnce(e.result.csr) : undefined;
}

/** X509: the reported fields agree with the certificate itself. */
export const X509_CHECKS = [
  conformsTo(X509_CERTIFICATE_PARSES, (ctx, c) => {
    for (const { r, result } of readResults(ctx)) {
      if (result.certificate === undefined) continue;
      const parsed = parseOnce(result);
      c.expect(!(parsed instanceof Error), () => `certificate does not parse: ${(parsed as Error).message}`, r);
    }
  }),
  agrees(X509_FINGERPRINT_MATCHES, (e, c) => sameMember(c, e, "fingerprint_sha256", e.parsed.derSha256Hex, (s) => s.toLowerCase().replace(/:/g, ""))),
  agrees(X509_SERIAL_MATCHES, (e, c) => sameMember(c, e, "serial_number", e.parsed.serialHex, normalizeSerial)),
  agrees(X509_DATES_MATCH, (e, c) => {
    for (const [member, date] of [["issued_on", e.parsed.notBefore], ["expires_on", e.parsed.notAfter]] as const) {
      const actual = e.result[member];
      if (actual === undefined || !documented(c, member)) continue;
      c.expect(seconds(actual) === Math.floor(date.getTime() / 1000), () => `${member} is ${shown(actual)}, the certificate says ${date.toISOString()}`, e.r);
    }
  }),
  agrees(X509_VALIDITY_DAYS_MATCHES, (e, c) => {
    const actual = e.result.validity_days;
    if (actual === undefined || !documented(c, "validity_days")) return;
    const days = (e.parsed.notAfter.getTime() - e.parsed.notBefore.getTime()) / DAY;
    c.expect(typeof actual === "number" && Math.abs(actual - days) <= 1, () => `validity_days is ${shown(actual)}, the certificate is valid ${days.toFixed(2)} days`, e.r);
  }),
  agrees(X509_SUBJECT_MATCHES, (e, c) => {
    for (const [member, key] of SUBJECT_MEMBERS) sameMember(c, e, member, e.parsed.subject[key] ?? "");
  }),
  agrees(X509_SKI_MATCHES, (e, c) => {
    if (e.parsed.skiHex === undefined) return c.skip("the certificate has no Subject Key Identifier", "not-applicable");
    sameMember(c, e, "ski", e.parsed.skiHex, (s) => s.toLowerCase().replace(/:/g, ""));
  }),
  agrees(X509_CSR_KEY_MATCHES, (e, c) => {
    const csr = e.result.csr;
    if (csr === undefined || !documented(c, "csr")) return;
    const key = typeof csr === "string" ? csrPublicKeyOf(csr) : undefined;
    c.expect(key === e.parsed.publicKeySha256Hex, key === undefined ? "csr is not a PKCS#10 request that parses" : "the CSR's public key is not the certificate's", e.r);
  }),
  agrees(X509_SIGNATURE_MATCHES, (e, c) => sameMember(c, e, "signature", e.parsed.signatureAlgorithm, (s) => s.toLowerCase())),
  agrees(X509_CSR_VALID, (e, c) => {
    if (e.result.csr === undefined || !documented(c, "csr")) return;
    const csr = csrOf(e);
    if (!csr) return; // X509-CSR-KEY-MATCHES: not a request that parses
    const problems = csrProblems(csr.der);
    c.expect(problems.length === 0, () => `csr: ${problems.join("; ")}`, e.r);
  }),
  agrees(X509_CSR_SUBJECT_MATCHES, (e, c) => {
    const csr = csrOf(e);
    if (!csr) return;
    for (const [member, key] of SUBJECT_MEMBERS) {
      if (!FROM_CSR.has(member)) continue;
      const actual = e.result[member];
      if (actual === undefined || !documented(c, member)) continue;
      c.expect(actual === (csr.subject[key] ?? ""), () => `${member} is ${shown(actual)}, the CSR's subject says ${JSON.stringify(csr.subject[key] ?? "")} (the document: provided by the CSR)`, e.r);
    }
  }),
  agrees(X509_CERTIFICATE_PROFILE, (e, c) => {
    const problems = certificateProfileProblems(e.parsed.der);
    c.expect(problems.length === 0, () => `certificate: ${problems.join("; ")}`, e.r);
  }),
  conformsTo(X509_CA_CONSISTENT, (ctx, c) => {
    // One issuer (name and key) → one certificate_authority; one certificate_authority.id → one issuer.
    const byIssuer = new Map<string, { ca: string; e: CertificateEvidence }>();
    const byCa = new Map<string, { issuer: string; e: CertificateEvidence }>();
    for (const e of certificates(ctx)) {
      const authority = e.result.certificate_authority as { id?: unknown; name?: unknown } | undefined;
      if (!authority || typeof authority !== "object" || typeof authority.id !== "string") continue;
      const issuer = `${e.parsed.issuer} (key ${e.parsed.authorityKeyIdHex ?? "not named"})`;
      const ca = JSON.stringify([authority.id, authority.name]);
      const sameIssuer = byIssuer.get(issuer);
      const sameCa = byCa.get(authority.id);
      c.expect(!sameIssuer || sameIssuer.ca === ca, () => `certificate_authority is ${ca}, but certificate ${sameIssuer!.e.r.probe.certificateId}, issued by the same CA (${issuer}), reports ${sameIssuer!.ca}`, e.r);
      c.expect(!sameCa || sameCa.issuer === issuer, () => `certificate_authority.id ${authority.id} is also reported for certificate ${sameCa!.e.r.probe.certificateId}, issued by another CA (${sameCa!.issuer}, this one by ${issuer})`, e.r);
      if (!sameIssuer) byIssuer.set(issuer, { ca, e });
      if (!sameCa) byCa.set(authority.id, { issuer, e });
    }
  }),
];
