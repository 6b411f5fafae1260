import { beforeAll, describe, expect, it } from "vitest";
import {
  CERTIFICATE_STATUSES, certificateFixtures, certificateResultPool, ECDSA_CA_NAME, loadCertificateMaterial, serialDerOctets, serialHexArbitrary, TEST_CA_REFS,
  type CertificateFixture, type CertificateMaterial,
} from "../../../generators/index.ts";
import fc from "fast-check";
import {
  certificateProfileProblems, csrProblems, DEFAULT_CA_NAME, normalizeSerial, parseCertificatePem, parseCsrPem, pemTextProblems,
} from "../../../src/x509/index.ts";
import { PROFILES, responseValidator } from "../../../src/schema/validator.ts";
import { SEED } from "../support/seed.ts";

const COUNT = 8;
const seconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Certificate fixtures: deterministic, varied, valid, agreeing with their certificates and options. */
export function certificateFixtureLaws(): void {
  let material: CertificateMaterial;
  let fixtures: CertificateFixture[];
  let again: CertificateFixture[];

  beforeAll(async () => {
    material = await loadCertificateMaterial();
    [fixtures, again] = await Promise.all([
      certificateFixtures(material, { seed: SEED, count: COUNT, zoneId: "zone-a" }),
      certificateFixtures(material, { seed: SEED, count: COUNT, zoneId: "zone-a" }),
    ]);
  });

  describe(`certificate fixtures (seed ${SEED}, ${COUNT} certificates)`, () => {
    it("material is made once per process", async () => {
      expect(loadCertificateMaterial()).toBe(loadCertificateMaterial());
      expect(await loadCertificateMaterial()).toBe(material);
    });

    it("TEST_CA_REFS are the test CAs' names and ids", () => {
      expect(TEST_CA_REFS).toEqual({ rsa: { id: material.ca.id, name: material.ca.name }, p256: { id: material.ecdsaCa.id, name: material.ecdsaCa.name } });
    });

    it("the same seed gives the same ids, statuses, options and subject-, serial- and date-derived fields", () => {
      const stable = (f: CertificateFixture) => {
        const { certificate: _c, csr: _r, fingerprint_sha256: _f, ...fields } = f.result;
        return { id: f.id, status: f.status, options: f.options, fields };
      };
      expect(again.map(stable)).toEqual(fixtures.map(stable));
    });

    it("certificates the RSA CA signs are byte-identical within a process (PKCS#1 v1.5 signatures are deterministic)", () => {
      fixtures.forEach((f, i) => {
        if (f.options.issuer === "rsa") expect(again[i].result.fingerprint_sha256).toBe(f.result.fingerprint_sha256);
      });
    });

    it("ids are 32 lower-case hex digits, unique, and depend on the zone", async () => {
      expect(new Set(fixtures.map((f) => f.id)).size).toBe(COUNT);
      for (const f of fixtures) expect(f.id).toMatch(/^[0-9a-f]{32}$/);
      const other = await certificateFixtures(material, { seed: SEED, count: 4, zoneId: "zone-b" });
      expect(other.map((f) => f.id).filter((id) => fixtures.some((f) => f.id === id))).toEqual([]);
      expect(other.map((f) => f.result.common_name)).toEqual(fixtures.slice(0, 4).map((f) => f.result.common_name));
    });

    it("the first four take the four statuses, the first three both key types and both CAs", () => {
      expect(fixtures.slice(0, 4).map((f) => f.status)).toEqual([...CERTIFICATE_STATUSES]);
      expect(fixtures.slice(0, 2).map((f) => f.options.keyAlgorithm)).toEqual(["rsa", "p256"]);
      expect(fixtures.slice(0, 3).map((f) => f.result.certificate_authority.name)).toEqual([DEFAULT_CA_NAME, DEFAULT_CA_NAME, ECDSA_CA_NAME]);
      expect(new Set(fixtures.map((f) => f.result.signature))).toEqual(new Set(["SHA256WithRSA", "ECDSAWithSHA256"]));
    });

    // That each result agrees with its certificate, the suites' X509 checks judge (test/matrix/generated-matrix.test.ts);
    // that it reports what it was issued with, the next law says without parsing it.
    it("each result is valid under both profiles", () => {
      const validator = responseValidator();
      for (const f of fixtures) {
        const body = { success: true, errors: [], messages: [], result: f.result };
        for (const p of PROFILES) expect(validator.validate("success-200", body, p), `${f.id} under ${p}`).toEqual([]);
      }
    });

    // What the X509 and RESULT checks hold the encoding to: RFC 5280's profile, RFC 2986's structure, RFC 7468's text.
    it("each certificate is RFC 5280-profile conformant, each CSR a valid RFC 2986 request, both strict RFC 7468 text", () => {
      for (const { id, result: r } of fixtures) {
        expect(certificateProfileProblems(parseCertificatePem(r.certificate).der), id).toEqual([]);
        expect(csrProblems(parseCsrPem(r.csr).der), id).toEqual([]);
        expect([...pemTextProblems(r.certificate, "CERTIFICATE"), ...pemTextProblems(r.csr, "CERTIFICATE REQUEST")], id).toEqual([]);
      }
    });

    it("serials are positive and at most 20 octets as DER writes them, and 40 hex digits occur", () => {
      const serials = fc.sample(serialHexArbitrary(), { seed: SEED, numRuns: 2_000 });
      expect(serials.filter((s) => serialDerOctets(s) > 20 || normalizeSerial(s) === "0")).toEqual([]);
      expect(serials.some((s) => s.length === 40)).toBe(true);
      expect([serialDerOctets("7f".repeat(20)), serialDerOctets("80".repeat(20)), serialDerOctets("0080"), serialDerOctets("1")]).toEqual([20, 21, 2, 1]);
    });

    it("each result reports the options it was issued with", () => {
      for (const { result: r, options: o, id, status } of fixtures) {
        const s = o.subject;
        expect([r.id, r.status]).toEqual([id, status]);
        expect([r.common_name, r.organization, r.organizational_unit, r.country, r.state, r.location])
          .toEqual([s.commonName, s.organization ?? "", s.organizationalUnit ?? "", s.country ?? "", s.state ?? "", s.locality ?? ""]);
        expect(r.serial_number).toBe(normalizeSerial(o.serialHex));
        expect([r.issued_on, r.expires_on]).toEqual([seconds(o.notBefore), seconds(o.notAfter)]);
        expect(r.signature).toBe(o.issuer === "rsa" ? "SHA256WithRSA" : "ECDSAWithSHA256");
      }
    });

    it("a pool is fixtures' results; no count, no fixtures", async () => {
      const pool = await certificateResultPool(material, { seed: SEED, size: 3 });
      expect(pool.map((r) => r.status)).toEqual(["active", "pending_reactivation", "pending_revocation"]);
      expect(await certificateFixtures(material, { seed: SEED, count: 0 })).toEqual([]);
    });
  });
}
