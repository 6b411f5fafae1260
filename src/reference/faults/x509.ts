import { createHash } from "node:crypto";
import { parseCertificatePem, parseCsrPem } from "../../x509/index.ts";
import type { CertificateStore, StoredCertificate } from "../store.ts";
import { editResult, fault, otherHex } from "./helpers.ts";
import type { Fault } from "./types.ts";

const DAY_MS = 86_400_000;

function shiftDate(iso: unknown, ms: number): unknown {
  const t = typeof iso === "string" ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? iso : new Date(t + ms).toISOString().replace(/\.000Z$/, "Z");
}

/** Another certificate of the store (the next one), for a field that must come from a different certificate. */
function another(store: CertificateStore, c: StoredCertificate, differs: (o: StoredCertificate) => boolean): StoredCertificate | undefined {
  const all = store.all();
  const start = all.findIndex((o) => o.id === c.id);
  for (let i = 1; i < all.length; i++) {
    const o = all[(start + i) % all.length];
    if (differs(o)) return o;
  }
  return undefined;
}

const publicKeys = new WeakMap<object, string>();
function certificateKey(c: StoredCertificate): string | undefined {
  let key = publicKeys.get(c.result);
  if (key === undefined) {
    try {
      key = parseCertificatePem(String(c.result.certificate)).publicKeySha256Hex;
    } catch {
      return undefined;
    }
    publicKeys.set(c.result, key);
  }
  return key;
}
/** A CSR's public key and the subject attributes the document says the result takes from it (O, OU, C, ST, L), parsed once per text. */
const csrs = new Map<string, { key: string; subject: string } | undefined>();
function csrFacts(csr: unknown): { key: string; subject: string } | undefined {
  const text = String(csr);
  if (!csrs.has(text)) {
    try {
      const parsed = parseCsrPem(text);
      const { organization, organizationalUnit, country, state, locality } = parsed.subject;
      csrs.set(text, { key: parsed.publicKeySha256Hex, subject: JSON.stringify([organization, organizationalUnit, country, state, locality]) });
    } catch {
      csrs.set(text, undefined);
    }
  }
  return csrs.get(text);
}
const csrKey = (csr: unknown) => csrFacts(csr)?.key;
const csrSubject = (csr: unknown) => csrFacts(csr)?.subject;

/** A PEM CERTIFICATE block whose body is valid base64 of bytes that are no certificate. */
function garbagePem(seed: string): string {
  let bytes = "";
  for (let i = 0; bytes.length < 1200; i++) bytes += createHash("sha256").update(`${seed}:${i}`).digest("hex");
  const base64 = Buffer.from(bytes.slice(0, 1200), "hex").toString("base64");
  return `-----BEGIN CERTIFICATE-----\n${(base64.match(/.{1,64}/g) ?? []).join("\n")}\n-----END CERTIFICATE-----\n`;
}

const SIGNATURE_SWAP: Record<string, string> = { SHA256WithRSA: "ECDSAWithSHA256", ECDSAWithSHA256: "SHA256WithRSA" };

/** X509: the reported fields disagree with the certificate they describe (each fault changes one thing). */
export const X509_FAULTS: Fault[] = [
  fault({
    name: "certificate-garbage-pem", family: "X509",
    trips: ["X509-CERTIFICATE-PARSES"],
    description: "certificate is a well-formed PEM CERTIFICATE block whose base64 decodes to bytes that are no certificate.",
    apply: { successBody: editResult((r) => { r.certificate = garbagePem(r.id); }) },
  }),
  fault({
    name: "fingerprint-mismatch", family: "X509",
    trips: ["X509-FINGERPRINT-MATCHES"],
    description: "fingerprint_sha256 is another certificate's (64 lower-case hex digits, the wrong digest).",
    apply: { successBody: editResult((r, ctx) => {
      const o = another(ctx.store, ctx.certificate, (x) => x.result.fingerprint_sha256 !== r.fingerprint_sha256);
      r.fingerprint_sha256 = o ? o.result.fingerprint_sha256 : otherHex(String(r.fingerprint_sha256));
    }) },
  }),
  fault({
    name: "serial-mismatch", family: "X509",
    trips: ["X509-SERIAL-MATCHES"],
    description: "serial_number is the certificate's serial plus one (still hex).",
    apply: { successBody: editResult((r) => {
      const s = String(r.serial_number);
      r.serial_number = /^[0-9a-fA-F]+$/.test(s) ? (BigInt(`0x${s}`) + 1n).toString(16) : otherHex(s);
    }) },
  }),
  fault({
    name: "dates-mismatch", family: "X509",
    trips: ["X509-DATES-MATCH"],
    description: "issued_on and expires_on are both one day later than the certificate's notBefore and notAfter (validity_days still agrees).",
    apply: { successBody: editResult((r) => {
      r.issued_on = shiftDate(r.issued_on, DAY_MS);
      r.expires_on = shiftDate(r.expires_on, DAY_MS);
    }) },
  }),
  fault({
    name: "validity-days-mismatch", family: "X509",
    trips: ["X509-VALIDITY-DAYS-MATCHES"],
    description: "validity_days is 30 more than the days from notBefore to notAfter.",
    apply: { successBody: editResult((r) => { r.validity_days = Number(r.validity_days) + 30; }) },
  }),
  fault({
    name: "subject-mismatch", family: "X509",
    trips: ["X509-SUBJECT-MATCHES"],
    description: "common_name is not the subject's CN (\"-renamed\" appended); the other subject fields agree.",
    apply: { successBody: editResult((r) => { r.common_name = `${String(r.common_name)}-renamed`; }) },
  }),
  fault({
    name: "ski-mismatch", family: "X509",
    trips: ["X509-SKI-MATCHES"],
    description: "ski differs from the certificate's Subject Key Identifier in its last hex digit.",
    apply: { successBody: editResult((r) => { r.ski = otherHex(String(r.ski)); }) },
  }),
  fault({
    name: "csr-other-key", family: "X509",
    // Another certificate's request has that certificate's subject too.
    trips: ["X509-CSR-KEY-MATCHES"], incidental: ["X509-CSR-SUBJECT-MATCHES"],
    description: "csr is a valid PKCS#10 request of another certificate, whose public key is not this certificate's.",
    apply: { successBody: editResult((r, ctx) => {
      const own = certificateKey(ctx.certificate);
      const o = another(ctx.store, ctx.certificate, (x) => { const k = csrKey(x.result.csr); return k !== undefined && k !== own; });
      if (o) r.csr = o.result.csr;
    }) },
  }),
  fault({
    name: "csr-subject-differs", family: "X509",
    trips: ["X509-CSR-SUBJECT-MATCHES"],
    // The test certificates share two key pairs: another certificate's request can have this one's key and another subject.
    description: "csr is the request of another certificate with the same public key and another subject: the key matches, the organization, country... the result reports are not the CSR's.",
    apply: { successBody: editResult((r, ctx) => {
      const own = certificateKey(ctx.certificate);
      const subject = csrSubject(r.csr);
      const o = another(ctx.store, ctx.certificate, (x) => csrKey(x.result.csr) === own && own !== undefined && csrSubject(x.result.csr) !== subject);
      if (o) r.csr = o.result.csr;
    }) },
  }),
  fault({
    name: "certificate-authority-merged", family: "X509",
    trips: ["X509-CA-CONSISTENT"],
    description: "Every certificate reports the zone's first certificate's certificate_authority (the Cloudflare-named CA), also those the other test CA issued.",
    apply: { successBody: editResult((r, ctx) => {
      const first = ctx.store.certificates(ctx.certificate.zoneId)[0];
      if (first) r.certificate_authority = structuredClone(first.result.certificate_authority);
    }) },
  }),
  fault({
    name: "signature-mismatch", family: "X509",
    trips: ["X509-SIGNATURE-MATCHES"],
    description: "signature names the other algorithm family (SHA256WithRSA <-> ECDSAWithSHA256).",
    apply: { successBody: editResult((r) => { r.signature = SIGNATURE_SWAP[String(r.signature)] ?? "SHA256WithRSA"; }) },
  }),
];
