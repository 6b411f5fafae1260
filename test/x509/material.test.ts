import { createHash, KeyObject, X509Certificate as NodeX509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestCa,
  DEFAULT_CA_NAME,
  generateKeyPairs,
  issueClientCertificate,
  parseCertificatePem,
  parseCsrPem,
  type IssueOptions,
  type KeyAlgorithm,
  type KeyPairs,
  type TestCa,
} from "../../src/x509/index.ts";

const SUBJECT = {
  commonName: 'client, "one" + two',
  organization: "Exämple, Inc.",
  organizationalUnit: "Platform + Edge",
  country: "US",
  state: "Zürich",
  locality: "São Paulo",
};

function optionsFor(keyAlgorithm: KeyAlgorithm): IssueOptions {
  return {
    subject: SUBJECT,
    serialHex: "3B:B9:4F:F1:44:AC:56:7B:9F:75:AD:66:4B:6C:55:F8:D5:E4:81:82",
    notBefore: new Date("2024-03-01T12:34:56Z"),
    notAfter: new Date("2034-02-27T12:34:56Z"),
    keyAlgorithm,
  };
}

/** RFC 5280 4.2.1.2 method 1, computed with Node alone: SHA-1 of the subjectPublicKey bits. */
async function rfc5280KeyIdentifier(publicKey: CryptoKey): Promise<string> {
  const key = KeyObject.from(publicKey);
  const bits =
    key.asymmetricKeyType === "rsa"
      ? key.export({ type: "pkcs1", format: "der" })
      : Buffer.from(await crypto.subtle.exportKey("raw", publicKey)); // 04 || X || Y
  return createHash("sha1").update(bits).digest("hex");
}

let keys: KeyPairs;
let rsaCa: TestCa;
let p256Ca: TestCa;

beforeAll(async () => {
  keys = await generateKeyPairs();
  rsaCa = await createTestCa(keys);
  p256Ca = await createTestCa(keys, { name: "P-256 test CA", keyAlgorithm: "p256" });
});

describe("createTestCa", () => {
  it("makes a self-signed CA with Cloudflare-style name and a UUID-shaped id", async () => {
    expect(rsaCa.name).toBe(DEFAULT_CA_NAME);
    expect(rsaCa.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p256Ca.id).not.toBe(rsaCa.id);
    expect(await rsaCa.certificate.isSelfSigned()).toBe(true);
    const node = new NodeX509Certificate(rsaCa.pem);
    expect(node.ca).toBe(true);
    expect(node.subject).toContain(`CN=${DEFAULT_CA_NAME}`);
  });

  it("takes the name and id it is given", async () => {
    const ca = await createTestCa(keys, { name: "Acme CA", id: "568b6b74-7b0c-4755-8840-4e3b8c24adeb" });
    expect(ca).toMatchObject({ name: "Acme CA", id: "568b6b74-7b0c-4755-8840-4e3b8c24adeb" });
    expect(parseCertificatePem(ca.pem).subject.commonName).toBe("Acme CA");
  });
});

describe.each(["rsa", "p256"] as const)("issueClientCertificate with a %s subject key", (keyAlgorithm) => {
  it("parses back to exactly the subject, serial, dates and SKI it was issued with", async () => {
    const issued = await issueClientCertificate(rsaCa, keys, optionsFor(keyAlgorithm));
    const parsed = parseCertificatePem(issued.certificatePem);

    expect(issued.keyAlgorithm).toBe(keyAlgorithm);
    expect(parsed.subject).toEqual(SUBJECT);
    expect(parsed.serialHex).toBe("3bb94ff144ac567b9f75ad664b6c55f8d5e48182");
    expect(parsed.notBefore.toISOString()).toBe("2024-03-01T12:34:56.000Z");
    expect(parsed.notAfter.toISOString()).toBe("2034-02-27T12:34:56.000Z");

    expect(parsed.skiHex).toBe(await rfc5280KeyIdentifier(keys[keyAlgorithm].publicKey));
  });

  it("has a fingerprint equal to Node's fingerprint256, lower case without colons", async () => {
    const issued = await issueClientCertificate(rsaCa, keys, optionsFor(keyAlgorithm));
    const node = new NodeX509Certificate(issued.certificatePem);
    expect(parseCertificatePem(issued.certificatePem).derSha256Hex).toBe(
      node.fingerprint256.replaceAll(":", "").toLowerCase(),
    );
  });

  it("is issued for the CSR's key and subject, and chains to the CA", async () => {
    const issued = await issueClientCertificate(rsaCa, keys, optionsFor(keyAlgorithm));
    const certificate = parseCertificatePem(issued.certificatePem);
    const csr = parseCsrPem(issued.csrPem);
    expect(csr.publicKeySha256Hex).toBe(certificate.publicKeySha256Hex);
    expect(csr.subject).toEqual(SUBJECT);

    const node = new NodeX509Certificate(issued.certificatePem);
    const caNode = new NodeX509Certificate(rsaCa.pem);
    expect(node.checkIssued(caNode)).toBe(true);
    expect(node.verify(caNode.publicKey)).toBe(true);
    expect(node.keyUsage).toContain("1.3.6.1.5.5.7.3.2"); // Node lists extendedKeyUsage here
    expect(node.publicKey.asymmetricKeyType).toBe(keyAlgorithm === "rsa" ? "rsa" : "ec");
  });

  it("gives the same fields for the same options", async () => {
    const first = parseCertificatePem((await issueClientCertificate(rsaCa, keys, optionsFor(keyAlgorithm))).certificatePem);
    const second = parseCertificatePem((await issueClientCertificate(rsaCa, keys, optionsFor(keyAlgorithm))).certificatePem);
    expect(second).toEqual(first);
  });
});

describe("signature algorithm names (the CA's key decides)", () => {
  it("an RSA CA signs SHA256WithRSA", async () => {
    const issued = await issueClientCertificate(rsaCa, keys, optionsFor("p256"));
    expect(parseCertificatePem(issued.certificatePem).signatureAlgorithm).toBe("SHA256WithRSA");
  });

  it("a P-256 CA signs ECDSAWithSHA256", async () => {
    const issued = await issueClientCertificate(p256Ca, keys, optionsFor("rsa"));
    expect(parseCertificatePem(issued.certificatePem).signatureAlgorithm).toBe("ECDSAWithSHA256");
  });
});

describe("issue options at the edges", () => {
  it("stores serials as positive minimal integers", async () => {
    const highBit = await issueClientCertificate(p256Ca, keys, { ...optionsFor("p256"), serialHex: "80" });
    expect(parseCertificatePem(highBit.certificatePem).serialHex).toBe("80");
    // Certificate and TBS headers (30 82 ….. ×2), version [0] (a0 03 02 01 02), then INTEGER 00 80.
    const der = new NodeX509Certificate(highBit.certificatePem).raw;
    expect([...der.subarray(13, 17)]).toEqual([0x02, 0x02, 0x00, 0x80]);
    const leadingZeros = await issueClientCertificate(p256Ca, keys, { ...optionsFor("p256"), serialHex: "00:0A" });
    expect(parseCertificatePem(leadingZeros.certificatePem).serialHex).toBe("a");
  });

  it("rejects serials that are not positive hex", async () => {
    await expect(issueClientCertificate(p256Ca, keys, { ...optionsFor("p256"), serialHex: "xyz" })).rejects.toThrow(
      TypeError,
    );
    await expect(issueClientCertificate(p256Ca, keys, { ...optionsFor("p256"), serialHex: "00" })).rejects.toThrow(
      TypeError,
    );
  });

  it("writes dates from 2050 on as GeneralizedTime and refuses years before 1950", async () => {
    const late = await issueClientCertificate(p256Ca, keys, {
      ...optionsFor("p256"),
      notAfter: new Date("2150-06-30T23:59:59Z"),
    });
    expect(parseCertificatePem(late.certificatePem).notAfter.toISOString()).toBe("2150-06-30T23:59:59.000Z");
    await expect(
      issueClientCertificate(p256Ca, keys, { ...optionsFor("p256"), notBefore: new Date("1949-12-31T23:59:59Z") }),
    ).rejects.toThrow(RangeError);
  });

  it("drops milliseconds, as X.509 times have whole seconds", async () => {
    const issued = await issueClientCertificate(p256Ca, keys, {
      ...optionsFor("p256"),
      notBefore: new Date("2024-03-01T12:34:56.789Z"),
    });
    expect(parseCertificatePem(issued.certificatePem).notBefore.toISOString()).toBe("2024-03-01T12:34:56.000Z");
  });

  it("leaves out empty and missing attributes", async () => {
    const issued = await issueClientCertificate(p256Ca, keys, {
      ...optionsFor("p256"),
      subject: { commonName: "only-cn", organization: "" },
    });
    expect(parseCertificatePem(issued.certificatePem).subject).toEqual({ commonName: "only-cn" });
  });
});
