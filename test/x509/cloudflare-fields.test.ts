import { X509Certificate as NodeX509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestCa,
  deriveCloudflareFields,
  generateKeyPairs,
  issueClientCertificate,
  X509ParseError,
  type KeyPairs,
  type TestCa,
} from "../../src/x509/index.ts";

let keys: KeyPairs;
let ca: TestCa;

beforeAll(async () => {
  keys = await generateKeyPairs();
  ca = await createTestCa(keys);
});

describe("deriveCloudflareFields", () => {
  it("reports every field the way Cloudflare's API defines it", async () => {
    const issued = await issueClientCertificate(ca, keys, {
      subject: {
        commonName: "mtls.example.com",
        organization: "Example, Inc.",
        organizationalUnit: "Edge",
        country: "US",
        state: "California",
        locality: "San Francisco",
      },
      serialHex: "3BB94FF144AC567B9F75AD664B6C55F8D5E48182",
      notBefore: new Date("2022-11-22T16:59:47Z"),
      notAfter: new Date("2032-11-19T16:59:47Z"),
      keyAlgorithm: "p256",
    });
    const fields = deriveCloudflareFields(issued.certificatePem, issued.csrPem);
    const node = new NodeX509Certificate(issued.certificatePem);

    expect(fields).toEqual({
      certificate: issued.certificatePem,
      csr: issued.csrPem,
      fingerprint_sha256: node.fingerprint256.replaceAll(":", "").toLowerCase(),
      serial_number: "3bb94ff144ac567b9f75ad664b6c55f8d5e48182",
      ski: expect.stringMatching(/^[0-9a-f]{40}$/),
      issued_on: "2022-11-22T16:59:47Z",
      expires_on: "2032-11-19T16:59:47Z",
      validity_days: 3650,
      signature: "SHA256WithRSA",
      common_name: "mtls.example.com",
      organization: "Example, Inc.",
      organizational_unit: "Edge",
      country: "US",
      state: "California",
      location: "San Francisco",
    });
    expect(fields.fingerprint_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports "" for attributes the subject lacks and rounds validity to whole days', async () => {
    const issued = await issueClientCertificate(ca, keys, {
      subject: { commonName: "cn-only" },
      serialHex: "01",
      notBefore: new Date("2024-01-01T00:00:00Z"),
      notAfter: new Date("2024-01-31T13:00:00Z"), // 30.54 days
      keyAlgorithm: "rsa",
    });
    const fields = deriveCloudflareFields(issued.certificatePem, issued.csrPem);
    expect(fields).toMatchObject({
      common_name: "cn-only",
      organization: "",
      organizational_unit: "",
      country: "",
      state: "",
      location: "",
      validity_days: 31,
      issued_on: "2024-01-01T00:00:00Z",
      expires_on: "2024-01-31T13:00:00Z",
    });
  });

  it("returns PEMs given with literal \\n escapes with real newlines", async () => {
    const issued = await issueClientCertificate(ca, keys, {
      subject: { commonName: "escaped" },
      serialHex: "02",
      notBefore: new Date("2024-01-01T00:00:00Z"),
      notAfter: new Date("2025-01-01T00:00:00Z"),
      keyAlgorithm: "p256",
    });
    const fields = deriveCloudflareFields(
      issued.certificatePem.replaceAll("\n", "\\n"),
      issued.csrPem.replaceAll("\n", "\\n"),
    );
    expect(fields.certificate).toBe(issued.certificatePem);
    expect(fields.csr).toBe(issued.csrPem);
  });

  it("throws X509ParseError for a broken certificate or CSR", async () => {
    const issued = await issueClientCertificate(ca, keys, {
      subject: { commonName: "broken" },
      serialHex: "03",
      notBefore: new Date("2024-01-01T00:00:00Z"),
      notAfter: new Date("2025-01-01T00:00:00Z"),
      keyAlgorithm: "p256",
    });
    expect(() => deriveCloudflareFields("garbage", issued.csrPem)).toThrow(X509ParseError);
    expect(() => deriveCloudflareFields(issued.certificatePem, "garbage")).toThrow(X509ParseError);
  });
});
