import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createTestCa,
  generateKeyPairs,
  issueClientCertificate,
  normalizeSerial,
  parseCertificatePem,
  parseCsrPem,
  type KeyPairs,
  type SubjectFields,
  type TestCa,
} from "../../src/x509/index.ts";

const SEED = 42;

// Characters with a meaning in RFC 2253/4514 DN strings, plus whitespace and a NUL.
const DN_SPECIALS = [",", "+", '"', "\\", "<", ">", ";", "#", "=", " ", "\n", "\t", "\u0000", "'", "/", "*"];

/** Non-empty strings mixing DN specials with any Unicode graphemes (accents, CJK, emoji). */
const attributeValue = fc.string({
  unit: fc.oneof(fc.constantFrom(...DN_SPECIALS), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })),
  minLength: 1,
  maxLength: 40,
});

const subjectFields: fc.Arbitrary<SubjectFields> = fc.record(
  {
    commonName: attributeValue,
    organization: attributeValue,
    organizationalUnit: attributeValue,
    country: attributeValue,
    state: attributeValue,
    locality: attributeValue,
  },
  { requiredKeys: ["commonName"] },
);

const serialHex = fc
  .string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), minLength: 1, maxLength: 40 })
  .filter((hex) => normalizeSerial(hex) !== "0");

// Whole seconds in the years X.509 can encode with either UTCTime or GeneralizedTime.
const certificateTime = fc
  .integer({ min: Date.UTC(1950, 0, 1) / 1000, max: Date.UTC(2200, 0, 1) / 1000 })
  .map((seconds) => new Date(seconds * 1000));

let keys: KeyPairs;
let ca: TestCa;

beforeAll(async () => {
  keys = await generateKeyPairs();
  ca = await createTestCa(keys, { keyAlgorithm: "p256" }); // ECDSA signing keeps 50 runs fast
});

describe(`issue → parse round trip (fast-check seed ${SEED})`, () => {
  it("returns exactly the subject, serial and dates a certificate was issued with", async () => {
    await fc.assert(
      fc.asyncProperty(subjectFields, serialHex, certificateTime, certificateTime, async (subject, serial, a, b) => {
        const [notBefore, notAfter] = a <= b ? [a, b] : [b, a];
        const issued = await issueClientCertificate(ca, keys, {
          subject,
          serialHex: serial,
          notBefore,
          notAfter,
          keyAlgorithm: "p256",
        });
        const certificate = parseCertificatePem(issued.certificatePem);
        expect(certificate.subject).toEqual(subject);
        expect(certificate.serialHex).toBe(normalizeSerial(serial));
        expect(certificate.notBefore).toEqual(notBefore);
        expect(certificate.notAfter).toEqual(notAfter);
        expect(parseCsrPem(issued.csrPem).subject).toEqual(subject);
      }),
      { seed: SEED, numRuns: 50 },
    );
  });
});
