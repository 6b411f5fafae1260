import { generateKeyPairSync } from "node:crypto";
import { colonPairs, editResult, fault } from "./helpers.ts";
import type { CertificateStore } from "../store.ts";
import type { Fault } from "./types.ts";

/** How often each certificate of a server was read (a fault that changes between reads counts them; one map per server). */
const reads = new WeakMap<CertificateStore, Map<string, number>>();
function readCount(store: CertificateStore, id: string): number {
  let counts = reads.get(store);
  if (!counts) reads.set(store, (counts = new Map()));
  const n = (counts.get(id) ?? 0) + 1;
  counts.set(id, n);
  return n;
}

/** The base64 body of a PEM block, without armour or line breaks (what a server that forgot PEM sends). */
export function pemBody(pem: string): string {
  return pem.replace(/\\n/g, "\n").replace(/-----(BEGIN|END) [^-]+-----/g, "").replace(/\s+/g, "");
}

/** Go's time.Time.String(), which some APIs leak into JSON. */
function goTimeString(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} +0000 UTC`;
}

/** A P-256 private key as PKCS#8 PEM, made once per process (what a server that keeps the keys it generated would leak). */
let privateKeyPem: string | undefined;
function aPrivateKey(): string {
  privateKeyPem ??= generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return privateKeyPem;
}

/** RESULT: the certificate object's members, their types and formats, and what reads of them agree on. */
export const RESULT_FAULTS: Fault[] = [
  fault({
    name: "duplicate-certificate-served", family: "RESULT",
    trips: ["RESULT-FINGERPRINT-UNIQUE"],
    description: "Every certificate of the zone but the first is served with the first one's certificate (same PEM, fingerprint, serial, dates, subject), under its own id.",
    apply: { successBody: (body, ctx) => {
      const first = ctx.store.certificates(ctx.certificate.zoneId)[0];
      if (!first || first.id === ctx.certificate.id) return body;
      return { ...body, result: { ...structuredClone(first.result), id: ctx.certificate.result.id, status: ctx.certificate.result.status } };
    } },
  }),
  fault({
    name: "reread-varies", family: "RESULT",
    trips: ["RESULT-READS-AGREE"],
    description: "From its second read on, a certificate's issued_on gains a fractional second that changes with each read (a timestamp made per request).",
    apply: { successBody: editResult((r, ctx) => {
      const n = readCount(ctx.store, ctx.certificate.id);
      if (n > 1 && typeof r.issued_on === "string") r.issued_on = r.issued_on.replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)$/, `.${String(n * 137 % 1000).padStart(3, "0")}$2`);
    }) },
  }),
  fault({
    name: "certificate-authority-string", family: "RESULT",
    trips: ["RESULT-MEMBER-TYPES"],
    description: "certificate_authority is its name as a string, not the {id, name} object.",
    apply: { successBody: editResult((r) => {
      const ca = r.certificate_authority as { name?: unknown } | undefined;
      r.certificate_authority = typeof ca?.name === "string" ? ca.name : "Cloudflare Managed CA for account";
    }) },
  }),
  fault({
    name: "validity-days-string", family: "RESULT",
    trips: ["RESULT-MEMBER-TYPES"], incidental: ["X509-VALIDITY-DAYS-MATCHES"],
    description: "validity_days is a string of digits (\"3650\"), not an integer.",
    apply: { successBody: editResult((r) => { r.validity_days = String(r.validity_days); }) },
  }),
  fault({
    name: "validity-days-fraction", family: "RESULT",
    trips: ["RESULT-MEMBER-TYPES"],
    description: "validity_days is written 3650.0: the same number, but an integer is a JSON number without a fraction (what a server storing days as a float writes).",
    apply: { reply: (reply, ctx) => (ctx.kind === "success" && ctx.operation === "details" ? { ...reply, body: reply.body.replace(/("validity_days":-?\d+)(?=[,}])/, "$1.0") } : reply) },
  }),
  fault({
    name: "private-key-served", family: "RESULT",
    trips: ["RESULT-NO-PRIVATE-KEY"],
    description: "The certificate object has a private_key member: a PEM PRIVATE KEY block (the key a server generated for the CSR, kept and returned).",
    apply: { successBody: editResult((r) => { r.private_key = aPrivateKey(); }) },
  }),
  fault({
    name: "result-missing-members", family: "RESULT",
    trips: ["RESULT-REQUIRED-MEMBERS"],
    description: "The certificate object has no certificate_authority member.",
    apply: { successBody: editResult((r) => { delete r.certificate_authority; }) },
  }),
  fault({
    name: "dates-not-rfc3339", family: "RESULT",
    trips: ["RESULT-DATE-FORMAT"], incidental: ["X509-DATES-MATCH"],
    description: "issued_on and expires_on in Go's time format (\"2023-02-23 23:18:00 +0000 UTC\"), same instants.",
    apply: { successBody: editResult((r) => {
      r.issued_on = goTimeString(String(r.issued_on));
      r.expires_on = goTimeString(String(r.expires_on));
    }) },
  }),
  fault({
    name: "fingerprint-uppercase", family: "RESULT",
    trips: ["RESULT-FINGERPRINT-FORMAT"],
    description: "fingerprint_sha256 in upper-case hex (the right digest).",
    apply: { successBody: editResult((r) => { r.fingerprint_sha256 = String(r.fingerprint_sha256).toUpperCase(); }) },
  }),
  fault({
    name: "serial-colon-separated", family: "RESULT",
    trips: ["RESULT-SERIAL-FORMAT"],
    description: "serial_number as colon-separated byte pairs (\"0a:1b:...\"), the right serial.",
    apply: { successBody: editResult((r) => { r.serial_number = colonPairs(String(r.serial_number)); }) },
  }),
  fault({
    name: "ski-colon-separated", family: "RESULT",
    trips: ["RESULT-SKI-FORMAT"],
    description: "ski as colon-separated byte pairs, the right key identifier.",
    apply: { successBody: editResult((r) => { r.ski = colonPairs(String(r.ski)); }) },
  }),
  fault({
    name: "certificate-not-pem", family: "RESULT",
    trips: ["RESULT-PEM-FORMAT", "X509-CERTIFICATE-PARSES"],
    description: "certificate is the bare base64 of the DER, without PEM armour.",
    apply: { successBody: editResult((r) => { r.certificate = pemBody(String(r.certificate)); }) },
  }),
  fault({
    name: "csr-not-pem", family: "RESULT",
    trips: ["RESULT-PEM-FORMAT", "X509-CSR-KEY-MATCHES"],
    description: "csr is the bare base64 of the request, without PEM armour.",
    apply: { successBody: editResult((r) => { r.csr = pemBody(String(r.csr)); }) },
  }),
];
