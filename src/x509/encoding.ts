/**
 * How a certificate and a CSR are encoded, judged against RFC 5280's profile and RFC 2986's
 * structure: the facts the parsers smooth over (see der.ts).
 */
import { createPublicKey, verify } from "node:crypto";
import { children, DerError, lengthProblems, oidText, readElement, TAG, type DerElement } from "./der.ts";

const COUNTRY = "2.5.4.6";

/** Signature algorithms by OID: the hash node:crypto verifies with (null: the key decides, Ed25519). */
const SIGNATURE_HASHES: Record<string, string | null> = {
  "1.2.840.113549.1.1.5": "sha1", "1.2.840.113549.1.1.11": "sha256", "1.2.840.113549.1.1.12": "sha384", "1.2.840.113549.1.1.13": "sha512",
  "1.2.840.10045.4.1": "sha1", "1.2.840.10045.4.3.2": "sha256", "1.2.840.10045.4.3.3": "sha384", "1.2.840.10045.4.3.4": "sha512",
  "1.3.101.112": null, "1.3.101.113": null,
};

const text = (content: Uint8Array) => Buffer.from(content).toString("latin1");

/** The problems of one validity time (RFC 5280 §4.1.2.5): the encoding its year calls for, with seconds and Z. */
function timeProblems(which: string, time: DerElement): string[] {
  const value = text(time.content);
  if (time.tag === TAG.UTC_TIME) {
    if (!/^\d{12}Z$/.test(value)) return [`${which} is the UTCTime ${JSON.stringify(value)}: RFC 5280 §4.1.2.5.1 requires YYMMDDHHMMSSZ`];
    return []; // every year UTCTime can write (1950-2049) is one it must be used for
  }
  if (time.tag === TAG.GENERALIZED_TIME) {
    if (!/^\d{14}Z$/.test(value)) return [`${which} is the GeneralizedTime ${JSON.stringify(value)}: RFC 5280 §4.1.2.5.2 requires YYYYMMDDHHMMSSZ, no fraction`];
    const year = Number(value.slice(0, 4));
    return year < 2050 ? [`${which} (${value}) is a GeneralizedTime for a year before 2050: RFC 5280 §4.1.2.5 requires UTCTime through 2049`] : [];
  }
  return [`${which} is neither UTCTime nor GeneralizedTime (tag 0x${time.tag.toString(16)})`];
}

/** The country attributes of a Name (SEQUENCE of SETs of SEQUENCE {OID, value}). */
function countryValues(name: DerElement): DerElement[] {
  const out: DerElement[] = [];
  for (const rdn of children(name)) {
    for (const attribute of children(rdn)) {
      const [type, value] = children(attribute);
      if (type && value && type.tag === TAG.OID && oidText(type.content) === COUNTRY) out.push(value);
    }
  }
  return out;
}

/**
 * Where a certificate's DER departs from RFC 5280's profile for what the result reports: a
 * serial that is not positive or is longer than 20 octets, a validity time in the wrong
 * encoding, a subject country that is not two letters as a PrintableString, a length not in
 * DER's shortest form. Empty: none.
 */
export function certificateProfileProblems(der: Uint8Array): string[] {
  return judgedOnce(profileJudged, der, profileProblemsOf);
}

/**
 * The judgements already made, by the DER's object (a WeakMap: they go with the bytes). A run
 * reads one certificate many times, and the checks parse each PEM text once, so the same bytes
 * come back as the same object; verifying a CSR's signature again for each read was most of the
 * time the X509 checks took. The bytes are never changed after they are decoded.
 */
const profileJudged = new WeakMap<Uint8Array, readonly string[]>();
const csrJudged = new WeakMap<Uint8Array, readonly string[]>();

function judgedOnce(judged: WeakMap<Uint8Array, readonly string[]>, der: Uint8Array, judge: (der: Uint8Array) => string[]): string[] {
  let problems = judged.get(der);
  if (!problems) judged.set(der, (problems = judge(der)));
  return [...problems];
}

function profileProblemsOf(der: Uint8Array): string[] {
  try {
    const { element: certificate, next } = readElement(der);
    const problems = next === der.length ? [] : ["bytes follow the certificate's DER"];
    problems.push(...lengthProblems(certificate));
    const [tbs] = children(certificate);
    if (!tbs || tbs.tag !== TAG.SEQUENCE) return [...problems, "no TBSCertificate"];
    const fields = children(tbs);
    const rest = fields[0]?.tag === TAG.CONTEXT_0 ? fields.slice(1) : fields;
    const [serial, , , validity, subject] = rest;
    if (serial?.tag !== TAG.INTEGER) return [...problems, "no serialNumber INTEGER"];
    if (serial.content.length === 0 || (serial.content[0]! & 0x80) !== 0) problems.push("the serial number is negative (its first content octet has the sign bit set): RFC 5280 §4.1.2.2 requires a positive integer");
    else if (serial.content.length > 1 && serial.content[0] === 0 && (serial.content[1]! & 0x80) === 0) problems.push("the serial number's INTEGER has a needless leading 00 octet (not DER)");
    else if (serial.content.every((b) => b === 0)) problems.push("the serial number is 0: RFC 5280 §4.1.2.2 requires a positive integer");
    if (serial.content.length > 20) problems.push(`the serial number is ${serial.content.length} octets: RFC 5280 §4.1.2.2 allows at most 20`);
    const [notBefore, notAfter] = validity ? children(validity) : [];
    if (notBefore && notAfter) problems.push(...timeProblems("notBefore", notBefore), ...timeProblems("notAfter", notAfter));
    if (subject) {
      for (const c of countryValues(subject)) {
        const value = text(c.content);
        if (c.tag !== TAG.PRINTABLE_STRING || !/^[A-Za-z]{2}$/.test(value)) problems.push(`the subject's country ${JSON.stringify(value)} is ${c.tag === TAG.PRINTABLE_STRING ? "not two letters" : `a tag 0x${c.tag.toString(16)} string`}: RFC 5280 Appendix A requires a PrintableString of two letters`);
      }
    }
    return problems;
  } catch (e) {
    if (e instanceof DerError) return [`the certificate is not DER: ${e.message}`];
    throw e;
  }
}

/**
 * Where a CSR departs from RFC 2986: not a CertificationRequest of version 0 with its attributes
 * field, or a signature that does not verify with its own public key. Empty: none. A signature
 * algorithm the suite does not know is not judged.
 */
export function csrProblems(der: Uint8Array): string[] {
  return judgedOnce(csrJudged, der, csrProblemsOf);
}

function csrProblemsOf(der: Uint8Array): string[] {
  try {
    const { element: request, next } = readElement(der);
    const problems = next === der.length ? [] : ["bytes follow the CSR's DER"];
    problems.push(...lengthProblems(request));
    const [info, algorithm, signature] = children(request);
    if (!info || !algorithm || !signature || info.tag !== TAG.SEQUENCE || signature.tag !== TAG.BIT_STRING) return [...problems, "not a CertificationRequest (SEQUENCE of info, algorithm, signature)"];
    const [version, subject, spki, attributes] = children(info);
    if (version?.tag !== TAG.INTEGER || !(version.content.length === 1 && version.content[0] === 0)) problems.push(`the version is ${version?.tag === TAG.INTEGER ? [...version.content].join(",") : "missing"}: RFC 2986 §4.1 requires 0`);
    if (subject?.tag !== TAG.SEQUENCE) problems.push("the subject is missing");
    if (spki?.tag !== TAG.SEQUENCE) return [...problems, "the subjectPKInfo is missing"];
    if (attributes?.tag !== TAG.CONTEXT_0) problems.push("the attributes field [0] is missing: RFC 2986 §4.1 does not make it optional (it may be empty)");
    const [oid] = children(algorithm);
    const algorithmOid = oid?.tag === TAG.OID ? oidText(oid.content) : "";
    if (algorithmOid in SIGNATURE_HASHES && signature.content[0] === 0) {
      const key = createPublicKey({ key: Buffer.from(spki.raw), format: "der", type: "spki" });
      const ok = verify(SIGNATURE_HASHES[algorithmOid] ?? null, info.raw, key, signature.content.subarray(1));
      if (!ok) problems.push("the signature does not verify with the CSR's own public key: RFC 2986 §3 requires it signed with the subject's private key");
    }
    return problems;
  } catch (e) {
    if (e instanceof DerError) return [`the CSR is not DER: ${e.message}`];
    if (e instanceof Error) return [`the CSR's key or signature cannot be read: ${e.message}`];
    throw e;
  }
}
