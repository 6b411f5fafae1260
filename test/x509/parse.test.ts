import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestCa,
  generateKeyPairs,
  issueClientCertificate,
  normalizeSerial,
  parseCertificatePem,
  parseCsrPem,
  X509ParseError,
  type IssuedCertificate,
} from "../../src/x509/index.ts";
import { signatureAlgorithmName } from "../../src/x509/signature-algorithm.ts";

let issued: IssuedCertificate;

beforeAll(async () => {
  const keys = await generateKeyPairs();
  const ca = await createTestCa(keys, { keyAlgorithm: "p256" });
  issued = await issueClientCertificate(ca, keys, {
    subject: { commonName: "parse-me" },
    serialHex: "0a1b",
    notBefore: new Date("2024-01-01T00:00:00Z"),
    notAfter: new Date("2025-01-01T00:00:00Z"),
    keyAlgorithm: "p256",
  });
});

/** The PEM as Cloudflare's documentation prints it: `\n` written out, on one line. */
function withLiteralEscapes(pem: string): string {
  return pem.replaceAll("\n", "\\n");
}

function expectParseError(run: () => unknown, message: RegExp): void {
  expect(run).toThrow(X509ParseError);
  expect(run).toThrow(message);
}

describe("parseCertificatePem", () => {
  it("accepts literal \\n escapes as well as real newlines", () => {
    const escaped = withLiteralEscapes(issued.certificatePem);
    expect(escaped).not.toContain("\n");
    expect(parseCertificatePem(escaped)).toEqual(parseCertificatePem(issued.certificatePem));
    expect(parseCertificatePem(issued.certificatePem.replaceAll("\n", "\r\n")).serialHex).toBe("a1b");
  });

  it("rejects garbage", () => {
    expectParseError(() => parseCertificatePem("not a certificate"), /no complete PEM block/);
    expectParseError(() => parseCertificatePem(""), /no complete PEM block/);
    expectParseError(() => parseCertificatePem(null as unknown as string), /expected PEM text, got null/);
  });

  it("rejects a PEM cut short", () => {
    const lines = issued.certificatePem.trimEnd().split("\n");
    const withoutEnd = lines.slice(0, -1).join("\n");
    expectParseError(() => parseCertificatePem(withoutEnd), /no complete PEM block/);
    // Whole 64-character lines removed: still valid base64, no longer a valid DER certificate.
    const shortened = [...lines.slice(0, 3), lines[lines.length - 1]].join("\n");
    expectParseError(() => parseCertificatePem(shortened), /does not hold a valid X\.509 certificate/);
  });

  it("rejects a damaged base64 body", () => {
    const damaged = issued.certificatePem.replace(/\n(.)/, "\n!$1");
    expectParseError(() => parseCertificatePem(damaged), /not valid base64/);
  });

  it("rejects a CSR given as a certificate, by label and by content", () => {
    expectParseError(() => parseCertificatePem(issued.csrPem), /labelled CERTIFICATE, found "CERTIFICATE REQUEST"/);
    const relabelled = issued.csrPem.replaceAll("CERTIFICATE REQUEST", "CERTIFICATE");
    expectParseError(() => parseCertificatePem(relabelled), /does not hold a valid X\.509 certificate/);
  });

  it("rejects more than one certificate", () => {
    expectParseError(
      () => parseCertificatePem(issued.certificatePem + issued.certificatePem),
      /exactly one PEM block, found 2/,
    );
  });
});

describe("parseCsrPem", () => {
  it("reads the subject and key of a CSR, escaped or not", () => {
    const parsed = parseCsrPem(issued.csrPem);
    expect(parsed.subject).toEqual({ commonName: "parse-me" });
    expect(parsed.publicKeySha256Hex).toMatch(/^[0-9a-f]{64}$/);
    expect(parseCsrPem(withLiteralEscapes(issued.csrPem))).toEqual(parsed);
    expect(parseCsrPem(issued.csrPem.replaceAll("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"))).toEqual(parsed);
  });

  it("rejects a certificate given as a CSR, and garbage", () => {
    expectParseError(() => parseCsrPem(issued.certificatePem), /found "CERTIFICATE"/);
    const relabelled = issued.certificatePem.replaceAll("CERTIFICATE", "CERTIFICATE REQUEST");
    expectParseError(() => parseCsrPem(relabelled), /does not hold a valid PKCS#10 request/);
    expectParseError(() => parseCsrPem("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----"), /PKCS#10/);
  });
});

describe("normalizeSerial", () => {
  it("lower-cases and strips colons and leading zeros", () => {
    expect(normalizeSerial("00:3B:B9:4F")).toBe("3bb94f");
    expect(normalizeSerial("0A1B")).toBe("a1b");
    expect(normalizeSerial("3bb94f")).toBe("3bb94f");
    expect(normalizeSerial("00")).toBe("0");
  });
});

describe("signatureAlgorithmName", () => {
  const named = (name: string, hash?: string) => signatureAlgorithmName(hash ? { name, hash: { name: hash } } : { name });

  it("uses cfssl's names for RSA and ECDSA", () => {
    expect(named("RSASSA-PKCS1-v1_5", "SHA-256")).toBe("SHA256WithRSA");
    expect(named("RSASSA-PKCS1-v1_5", "SHA-384")).toBe("SHA384WithRSA");
    expect(named("RSASSA-PKCS1-v1_5", "SHA-512")).toBe("SHA512WithRSA");
    expect(named("RSASSA-PKCS1-v1_5", "SHA-1")).toBe("SHA1WithRSA");
    expect(named("ECDSA", "SHA-256")).toBe("ECDSAWithSHA256");
    expect(named("ECDSA", "SHA-384")).toBe("ECDSAWithSHA384");
    expect(named("ECDSA", "SHA-512")).toBe("ECDSAWithSHA512");
  });

  it("gives readable names to the rest", () => {
    expect(named("RSA-PSS", "SHA-256")).toBe("SHA256WithRSAPSS");
    expect(named("Ed25519")).toBe("Ed25519");
    expect(named("1.2.840.113549.1.1.4")).toBe("MD5WithRSA");
    expect(named("1.2.3.4")).toBe("Unknown Signature (1.2.3.4)");
  });
});
