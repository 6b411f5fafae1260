import {
  RESULT_DATE_FORMAT, RESULT_FINGERPRINT_FORMAT, RESULT_FINGERPRINT_UNIQUE, RESULT_MEMBER_TYPES, RESULT_NO_PRIVATE_KEY, RESULT_PEM_FORMAT, RESULT_READS_AGREE,
  RESULT_REQUIRED_MEMBERS, RESULT_SERIAL_FORMAT, RESULT_SKI_FORMAT,
} from "../src/registry/index.ts";
import { jsonBody } from "./support/evidence.ts";
import { normalizeSerial, pemTextProblems } from "../src/x509/index.ts";
import { schemaCheck } from "./schema-checks.ts";
import { certificates, readResults } from "./support/certificates.ts";
import { conformsTo } from "./support/check.ts";

/** Members a server may vary between reads of one certificate: the status moves through its documented transitions. */
export const MAY_VARY_BETWEEN_READS: ReadonlySet<string> = new Set(["status"]);
/** Members compared as instants, not as text (`...00Z` and `...00.000Z` are one date). */
const DATE_MEMBERS: ReadonlySet<string> = new Set(["issued_on", "expires_on"]);

/** A JSON value with every object's members in name order (member order carries no meaning: RFC 8259 §4). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
}

/** The result as compared between reads. */
function comparable(result: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(result).sort()) {
    if (MAY_VARY_BETWEEN_READS.has(key)) continue;
    const value = result[key];
    out[key] = DATE_MEMBERS.has(key) && typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : canonical(value);
  }
  return JSON.stringify(out);
}

/** Private key material: a PEM private key block (PKCS#1, PKCS#8, SEC 1, encrypted or not), or a JWK with its private member. */
const PRIVATE_PEM = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;
function privateKeyIn(value: unknown): string | undefined {
  if (typeof value === "string") return PRIVATE_PEM.test(value) || PRIVATE_PEM.test(value.replace(/\\n/g, "\n")) ? "a PEM private key block" : undefined;
  if (Array.isArray(value)) return value.map(privateKeyIn).find(Boolean);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.kty === "string" && typeof o.d === "string") return "a JWK with its private member d";
    return Object.values(o).map(privateKeyIn).find(Boolean);
  }
  return undefined;
}

/** The members that differ between two results (for the failure message). */
function differing(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !MAY_VARY_BETWEEN_READS.has(k) && comparable({ [k]: a[k] }) !== comparable({ [k]: b[k] })).sort();
}

/** RESULT: the certificate object of every 200, against the schema (must) and the errata and formats (should), and across reads. */
export const RESULT_CHECKS = [
  ...[RESULT_MEMBER_TYPES, RESULT_REQUIRED_MEMBERS, RESULT_DATE_FORMAT, RESULT_FINGERPRINT_FORMAT, RESULT_SERIAL_FORMAT, RESULT_SKI_FORMAT]
    .map((requirement) => schemaCheck(requirement, "success-200")),

  // The strict profile's PEM patterns, and RFC 7468's textual encoding read line by line.
  conformsTo(RESULT_PEM_FORMAT, (ctx, c) => {
    schemaCheck(RESULT_PEM_FORMAT, "success-200").run(ctx, c);
    for (const { r, result } of readResults(ctx)) {
      for (const [member, label] of [["certificate", "CERTIFICATE"], ["csr", "CERTIFICATE REQUEST"]] as const) {
        const text = result[member];
        if (typeof text !== "string" || !c.spec.certificateMembers.includes(member)) continue;
        const problems = pemTextProblems(text, label);
        c.expect(problems.length === 0, () => `${member}: ${problems.join("; ")} (RFC 7468 §2)`, r);
      }
    }
  }),

  conformsTo(RESULT_FINGERPRINT_UNIQUE, (ctx, c) => {
    const byFingerprint = new Map<string, string>();
    const bySerial = new Map<string, string>();
    const read = certificates(ctx);
    // Legitimate when the run has fewer than two certificates; with more, their reads are missing.
    if (new Set(read.map((e) => e.r.probe.certificateId)).size < 2) return c.skip("fewer than two certificates were read: nothing to tell apart", ctx.certificateIds.length < 2 ? "fewer-than-two-certificates" : "no-evidence");
    for (const e of read) {
      const id = e.r.probe.certificateId!;
      const fingerprint = typeof e.result.fingerprint_sha256 === "string" ? e.result.fingerprint_sha256.toLowerCase() : e.parsed.derSha256Hex;
      const serial = `${e.parsed.issuer}\n${typeof e.result.serial_number === "string" ? normalizeSerial(e.result.serial_number) : e.parsed.serialHex}`;
      for (const [seen, key, what] of [[byFingerprint, fingerprint, `fingerprint_sha256 ${fingerprint}`], [bySerial, serial, `serial_number ${e.parsed.serialHex} of the same issuer`]] as const) {
        const other = seen.get(key);
        c.expect(other === undefined || other === id, () => `certificate ${id} has the ${what}, as certificate ${other} does`, e.r);
        if (other === undefined) seen.set(key, id);
      }
    }
  }),

  conformsTo(RESULT_READS_AGREE, (ctx, c) => {
    const first = new Map<string, { result: Record<string, unknown>; label: string }>();
    for (const { r, result } of readResults(ctx)) {
      const id = r.probe.certificateId!;
      const earlier = first.get(id);
      if (!earlier) {
        first.set(id, { result, label: r.probe.label });
        continue;
      }
      c.expect(comparable(result) === comparable(earlier.result), () => `${differing(earlier.result, result).join(", ")} differ from "${earlier.label}"`, r);
    }
    if (!c.checks) c.skip("no certificate was read twice", "no-repeat-read");
  }),

  conformsTo(RESULT_NO_PRIVATE_KEY, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => {
        const body = jsonBody(res);
        const found = body.ok ? privateKeyIn(body.value) : PRIVATE_PEM.test(res.body) ? "a PEM private key block" : undefined;
        c.expect(found === undefined, () => `the ${res.status} answer carries ${found}`, r);
      });
    }
  }),
];
