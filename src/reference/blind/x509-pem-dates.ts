import { createHash, KeyObject, sign, X509Certificate } from "node:crypto";
import { loadCertificateMaterial, type CertificateMaterial } from "../../../generators/certificate-material.ts";
import { encodePem } from "../../x509/pem.ts";
import { x509 } from "../../x509/peculiar.ts";
import type { SuccessEnvelope } from "../envelopes.ts";
import type { SuccessContext } from "../faults/types.ts";
import type { CertificateRecord } from "../store.ts";
import type { BlindFault } from "./types.ts";

/*
 * Blind faults of the certificate-derived members: RFC 3339 (issued_on, expires_on), RFC 5280 (what
 * the certificate says and how it says it), RFC 2986 (the CSR) and RFC 7468 (the PEM text of both).
 *
 * The reference's default store (seed 1) these are written against, zone under test, in order:
 *   0 334a3c89… RSA key, RSA CA, serial d1f5…(38 digits, top bit set), 1995-11-06T17:36:09Z – 2004, O and L in UTF-8 (Japanese), no C
 *   1 61759cf2… P-256 key, RSA CA, serial 9795…(38, top bit set), 1990 – 1999, C=BF
 *   2 16b71df5… RSA key, ECDSA CA, serial a99b…(33 digits, odd), 1990 – 1992, no O, C=TM
 *   3 cd247ac7… RSA key, RSA CA, serial b181…(19 digits, odd), 1990, L="<angle> brackets"
 *   4 146873d7… P-256 key, RSA CA, serial f5fc…(39 digits, odd), 2043-10-11 – 2073-10-03 (GeneralizedTime notAfter), no OU/ST
 *   5 848146f1… RSA key, RSA CA, serial 8fd1…(38, top bit set), 1990 – 2004, no O, ST="a=b", L in UTF-8
 * Certificates of one key type share the key, so RSA-key certificates issued by the RSA CA have SKI = AKI.
 */

type Body = SuccessEnvelope<CertificateRecord>;
type Result = CertificateRecord & Record<string, unknown>;

/** Edits the result of the 200 (the body is a fresh copy, so editing in place is fine). */
function editResult(edit: (r: Result, ctx: SuccessContext) => void): (body: Body, ctx: SuccessContext) => unknown {
  return (body, ctx) => {
    edit(body.result as Result, ctx);
    return body;
  };
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

// ---------------------------------------------------------------------------------------------
// Certificate material: the reference's own CA and subject keys, to re-sign what a fault re-encodes.

let material: CertificateMaterial | undefined;

/**
 * A `storeId` hook that changes no id: it runs while the store is built, after the certificate
 * material was made, and keeps a handle on it for the synchronous hooks that re-sign.
 */
function primeMaterial(id: string): string {
  if (!material) void loadCertificateMaterial().then((m) => { material = m; });
  return id;
}

function needMaterial(): CertificateMaterial {
  if (!material) throw new Error("blind x509 fault: certificate material not loaded");
  return material;
}

/** One re-encoded value per fault and original (certificate id and content), so every request gets the same bytes. */
const memo = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as T;
}

// ---------------------------------------------------------------------------------------------
// A minimal DER reader and writer.

interface Tlv { tag: number; start: number; hdr: number; end: number }

function readTlv(buf: Uint8Array, pos: number): Tlv {
  const tag = buf[pos];
  let len = buf[pos + 1];
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos + 2 + i];
    hdr = 2 + n;
  }
  return { tag, start: pos, hdr, end: pos + hdr + len };
}

function kids(buf: Uint8Array, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = t.start + t.hdr; p < t.end;) {
    const c = readTlv(buf, p);
    out.push(c);
    p = c.end;
  }
  return out;
}

const whole = (buf: Uint8Array, t: Tlv): Buffer => Buffer.from(buf.subarray(t.start, t.end));
const inner = (buf: Uint8Array, t: Tlv): Buffer => Buffer.from(buf.subarray(t.start + t.hdr, t.end));

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...parts: Uint8Array[]): Buffer {
  const c = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), derLength(c.length), c]);
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) [^-]*-----/g, "").replace(/\s+/g, ""), "base64");
}

const OID = {
  sha256WithRSA: "2a864886f70d01010b",
  ecdsaWithSHA256: "2a8648ce3d040302",
  rsaEncryption: "2a864886f70d010101",
  ecPublicKey: "2a8648ce3d0201",
  countryName: "550406",
  extensionRequest: "2a864886f70d01090e",
  extKeyUsage: "551d25",
  clientAuth: "2b06010505070302",
} as const;

/** The OID (hex of its content octets) of an AlgorithmIdentifier. */
function algorithmOid(buf: Uint8Array, algId: Tlv): string {
  return inner(buf, kids(buf, algId)[0]).toString("hex");
}

const ALG_ID: Record<"rsa" | "p256", Buffer> = {
  rsa: tlv(0x30, tlv(0x06, Buffer.from(OID.sha256WithRSA, "hex")), Buffer.from([0x05, 0x00])),
  p256: tlv(0x30, tlv(0x06, Buffer.from(OID.ecdsaWithSHA256, "hex"))),
};

// ---------------------------------------------------------------------------------------------
// Re-signing: a certificate with an edited TBSCertificate, a CSR with an edited CertificationRequestInfo.

/** The CA named by the result's certificate_authority (the one that really issued it). */
function issuingCaOf(r: Result): CertificateMaterial["ca"] {
  const m = needMaterial();
  const caId = (r.certificate_authority as { id?: string } | undefined)?.id;
  const ca = [m.ca, m.ecdsaCa].find((c) => c.id === caId);
  if (!ca) throw new Error(`blind x509 fault: no test CA with id ${caId}`);
  return ca;
}

/**
 * The certificate with its TBSCertificate's elements edited (version, serial, signature, issuer,
 * validity, subject, spki, extensions), signed again by its CA. The fingerprint follows the new DER.
 */
function reissue(r: Result, editTbs: (parts: Buffer[]) => Buffer[]): { certificate: string; fingerprint: string } {
  const der = pemToDer(str(r.certificate));
  const cert = readTlv(der, 0);
  const [tbs, sigAlg] = kids(der, cert);
  const parts = kids(der, tbs).map((t) => whole(der, t));
  const newTbs = tlv(0x30, ...editTbs(parts));
  const ca = issuingCaOf(r);
  const signature = sign("sha256", newTbs, KeyObject.from(ca.keys.privateKey as never));
  const newDer = tlv(0x30, newTbs, whole(der, sigAlg), tlv(0x03, Buffer.from([0]), signature));
  return { certificate: encodePem(newDer, "CERTIFICATE"), fingerprint: createHash("sha256").update(newDer).digest("hex") };
}

function applyReissue(r: Result, ctx: SuccessContext, fault: string, editTbs: (parts: Buffer[]) => Buffer[]): void {
  const out = once(`${fault}|${ctx.certificate.id}|${str(r.fingerprint_sha256)}`, () => reissue(r, editTbs));
  r.certificate = out.certificate;
  r.fingerprint_sha256 = out.fingerprint;
}

/** The subject key pair of a CSR (the reference's certificates use one key per key type). */
function subjectKeysOf(spkiOid: string): { kind: "rsa" | "p256"; keys: CryptoKeyPair } {
  const m = needMaterial();
  if (spkiOid === OID.rsaEncryption) return { kind: "rsa", keys: m.keys.rsa };
  if (spkiOid === OID.ecPublicKey) return { kind: "p256", keys: m.keys.p256 };
  throw new Error(`blind x509 fault: unknown CSR key algorithm ${spkiOid}`);
}

/** What identifies a CSR's content in the memo. */
const csrKey = (r: Result): string => createHash("sha256").update(str(r.csr)).digest("hex");

interface CsrParts { version: Buffer; subject: Buffer; spki: Buffer; attributes: Buffer | undefined }

/**
 * The CSR with its CertificationRequestInfo edited and signed again, by the subject key of the
 * (possibly edited) subjectPKInfo, with that key's algorithm.
 */
function resignCsr(csrPem: string, edit: (p: CsrParts) => Buffer[]): string {
  const der = pemToDer(csrPem);
  const csr = readTlv(der, 0);
  const [cri] = kids(der, csr);
  const [version, subject, spki, attributes] = kids(der, cri).map((t) => whole(der, t));
  const parts = edit({ version, subject, spki, attributes });
  const info = tlv(0x30, ...parts);
  const newSpki = parts[2];
  const { kind, keys } = subjectKeysOf(algorithmOid(newSpki, kids(newSpki, readTlv(newSpki, 0))[0]));
  const signature = sign("sha256", info, KeyObject.from(keys.privateKey as never));
  return encodePem(tlv(0x30, info, ALG_ID[kind], tlv(0x03, Buffer.from([0]), signature)), "CERTIFICATE REQUEST");
}

/** Rewrites the string tag of attribute values in a Name (RDNSequence) where `retag` says so. */
function retagName(nameDer: Buffer, retag: (oidHex: string, tag: number) => number): Buffer {
  const name = readTlv(nameDer, 0);
  const rdns = kids(nameDer, name).map((set) => {
    const atvs = kids(nameDer, set).map((atv) => {
      const [type, value] = kids(nameDer, atv);
      const oid = inner(nameDer, type).toString("hex");
      return tlv(0x30, whole(nameDer, type), tlv(retag(oid, value.tag), inner(nameDer, value)));
    });
    return tlv(0x31, ...atvs);
  });
  return tlv(0x30, ...rdns);
}

// ---------------------------------------------------------------------------------------------
// Dates.

function parseUtc(iso: string): Date {
  return new Date(iso);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

function rfc3339(d: Date, offsetMinutes = 0): string {
  const local = new Date(d.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const offset = offsetMinutes === 0 ? "Z" : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${offset}`;
}

function editDates(r: Result, edit: (iso: string, which: "issued_on" | "expires_on") => string): void {
  for (const which of ["issued_on", "expires_on"] as const) {
    if (typeof r[which] === "string") r[which] = edit(r[which] as string, which);
  }
}

/** GeneralizedTime YYYYMMDDHHMMSSZ of an instant. */
function generalizedTime(d: Date): Buffer {
  const s = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  return tlv(0x18, Buffer.from(s, "ascii"));
}

// ---------------------------------------------------------------------------------------------
// PEM text.

/** Splits a PEM into its boundaries and its base64 (whitespace removed). */
function pemParts(pem: string): { label: string; base64: string } {
  const m = /-----BEGIN ([^-]+)-----([\s\S]*?)-----END /.exec(pem);
  if (!m) throw new Error("blind x509 fault: not a PEM");
  return { label: m[1], base64: m[2].replace(/\s+/g, "") };
}

function wrap(base64: string, width: number): string[] {
  return base64.match(new RegExp(`.{1,${width}}`, "g")) ?? [];
}

function pemFrom(label: string, lines: string[], eol = "\n", boundaryLabel = label): string {
  return `-----BEGIN ${boundaryLabel}-----${eol}${lines.join(eol)}${eol}-----END ${boundaryLabel}-----${eol}`;
}

// ---------------------------------------------------------------------------------------------

const UTC_PLUS_2 = 120;

export const BLIND_X509_PEM_DATES: BlindFault[] = [
  // ===================================== RFC 3339 =====================================
  {
    name: "dates-unpadded-fields",
    kind: "defect",
    family: "RESULT",
    source: "rfc3339",
    cites: "RFC 3339 §5.6: \"date-month = 2DIGIT ; 01-12 / date-mday = 2DIGIT / time-hour = 2DIGIT ; 00-23 / time-minute = 2DIGIT / time-second = 2DIGIT\"; \"full-date = date-fullyear \"-\" date-month \"-\" date-mday\"",
    description: "issued_on and expires_on are printed without zero-padding (1995-11-6T17:36:9Z, 1990-1-1T0:0:1Z): every certificate of the default store shows it in at least one field.",
    apply: {
      successBody: editResult((r) => editDates(r, (iso) => {
        const d = parseUtc(iso);
        return `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()}T${d.getUTCHours()}:${d.getUTCMinutes()}:${d.getUTCSeconds()}Z`;
      })),
    },
  },
  {
    name: "expires-on-without-offset",
    kind: "defect",
    family: "RESULT",
    source: "rfc3339",
    cites: "RFC 3339 §5.6: \"full-time = partial-time time-offset\", \"date-time = full-date \"T\" full-time\" (time-offset is not optional); §4.4: \"the interoperability problems of unqualified local time are deemed unacceptable for the Internet\"",
    description: "expires_on is sent as an unqualified time without Z (2004-01-20T17:36:09); issued_on stays correct. Every certificate of the default store shows it.",
    apply: {
      successBody: editResult((r) => {
        if (typeof r.expires_on === "string") r.expires_on = r.expires_on.replace(/Z$/, "");
      }),
    },
  },
  {
    name: "dates-years-since-1900",
    kind: "defect",
    family: "RESULT",
    source: "rfc3339",
    cites: "RFC 3339 §3: \"Internet Protocols MUST generate four digit years in dates.\" and \"a program using two digit years will represent years after 1999 as three digits. This occurs if the program simply subtracts 1900 from the year\"; §5.6 \"date-fullyear = 4DIGIT\"",
    description: "The year of issued_on and expires_on is struct tm's tm_year (year - 1900): 95-11-06T17:36:09Z, 104-01-20T17:36:09Z, 173-10-03T07:05:51Z; every certificate shows it.",
    apply: {
      successBody: editResult((r) => editDates(r, (iso) => iso.replace(/^(\d{4})/, (y) => String(Number(y) - 1900)))),
    },
  },
  {
    name: "dates-local-clock-labelled-z",
    kind: "defect",
    family: "X509",
    source: "rfc3339",
    cites: "RFC 3339 §2: \"Z  A suffix which, when applied to a time, denotes a UTC offset of 00:00\"; §4.2: \"Numeric offsets are calculated as \"local time minus UTC\"\" (with RFC 5280 §4.1.2.5.1: UTCTime values \"MUST be expressed in Greenwich Mean Time (Zulu)\")",
    description: "issued_on and expires_on give the wall-clock time of a UTC+02:00 server followed by Z, so every date is two hours after the certificate's notBefore/notAfter (1995-11-06T19:36:09Z for 17:36:09Z); every certificate shows it.",
    apply: {
      successBody: editResult((r) => editDates(r, (iso) => rfc3339(new Date(parseUtc(iso).getTime() + UTC_PLUS_2 * 60_000)))),
    },
  },
  {
    name: "dates-fractional-seconds",
    kind: "conformant",
    source: "rfc3339",
    cites: "RFC 3339 §5.6: \"partial-time = time-hour \":\" time-minute \":\" time-second [time-secfrac]\", \"time-secfrac = \".\" 1*DIGIT\"; §5.8 example \"1985-04-12T23:20:50.52Z\"",
    description: "issued_on and expires_on carry milliseconds, as JavaScript's toISOString writes them (1995-11-06T17:36:09.000Z): the same instants.",
    apply: {
      successBody: editResult((r) => editDates(r, (iso) => parseUtc(iso).toISOString())),
    },
  },
  {
    name: "dates-numeric-offset",
    kind: "conformant",
    source: "rfc3339",
    cites: "RFC 3339 §5.6: \"time-offset = \"Z\" / time-numoffset\", \"time-numoffset = (\"+\" / \"-\") time-hour \":\" time-minute\"; §4.2: \"the equivalent time in UTC can be determined by subtracting the offset from the local time\"",
    description: "issued_on and expires_on are written in local time with a numeric offset of +05:30 (1995-11-06T23:06:09+05:30 for 17:36:09Z): the same instants as the certificate's.",
    apply: {
      successBody: editResult((r) => editDates(r, (iso) => rfc3339(parseUtc(iso), 330))),
    },
  },

  // ===================================== RFC 5280 =====================================
  {
    name: "serial-truncated-16-octets",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.2.2: \"Certificate users MUST be able to handle serialNumber values up to 20 octets. Conforming CAs MUST NOT use serialNumber values longer than 20 octets.\"",
    description: "serial_number keeps only its first 32 hex digits (a 16-octet column): certificates 0, 1, 2, 4 and 5 of the default store (serials of 33 to 39 digits) show it; certificate 3 (19 digits) does not.",
    apply: {
      successBody: editResult((r) => {
        if (typeof r.serial_number === "string") r.serial_number = r.serial_number.slice(0, 32);
      }),
    },
  },
  {
    name: "serial-encoded-negative",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.2.2: \"The serial number MUST be a positive integer assigned by the CA to each certificate.\" and \"CAs MUST force the serialNumber to be a non-negative integer.\" (DER INTEGER is two's complement: a first octet of 0x80 or more is negative)",
    description: "The CA writes the serial's octets into the INTEGER without the 00 sign octet (certificate re-signed, fingerprint updated, serial_number unchanged), so serials whose top bit is set are negative in the certificate: certificates 0, 1 and 5 of the default store (d1…, 97…, 8f…).",
    apply: {
      storeId: primeMaterial,
      successBody: editResult((r, ctx) => {
        const serial = str(r.serial_number);
        const even = serial.length % 2 ? `0${serial}` : serial;
        if (parseInt(even.slice(0, 2), 16) < 0x80) return;
        applyReissue(r, ctx, "serial-encoded-negative", (parts) => {
          parts[1] = tlv(0x02, Buffer.from(even, "hex"));
          return parts;
        });
      }),
    },
  },
  {
    name: "fingerprint-of-pem-text",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.1: \"Certificate ::= SEQUENCE { tbsCertificate TBSCertificate, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }\" ... \"the data that is to be signed is encoded using the ASN.1 distinguished encoding rules (DER)\"; the certificate is its DER, and fingerprint_sha256 is the SHA-256 over those octets",
    description: "fingerprint_sha256 is the SHA-256 of the certificate's PEM text (its UTF-8 characters) instead of its DER: 64 lower-case hex digits, wrong for every certificate.",
    apply: {
      successBody: editResult((r) => {
        r.fingerprint_sha256 = createHash("sha256").update(str(r.certificate), "utf8").digest("hex");
      }),
    },
  },
  {
    name: "ski-from-authority-key-identifier",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.2.1.2: \"The subject key identifier extension provides a means of identifying certificates that contain a particular public key.\" (id-ce-subjectKeyIdentifier { id-ce 14 }); §4.2.1.1: the authority key identifier identifies \"the public key corresponding to the private key used to sign a certificate\"",
    description: "ski reports the keyIdentifier of the authorityKeyIdentifier extension (the issuing CA's key): right where the subject key is the CA's own key (certificates 0, 3, 5), wrong for certificates 1, 2 and 4 of the default store.",
    apply: {
      successBody: editResult((r) => {
        const aki = new x509.X509Certificate(str(r.certificate)).getExtension(x509.AuthorityKeyIdentifierExtension);
        if (aki?.keyId) r.ski = aki.keyId.toLowerCase();
      }),
    },
  },
  {
    name: "signature-of-the-csr",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.1.2: \"The signatureAlgorithm field contains the identifier for the cryptographic algorithm used by the CA to sign this certificate.\" (openapi: signature, \"The type of hash used for the Client Certificate\")",
    description: "signature names the algorithm that signed the CSR (the subject key's) rather than the certificate's: right when key and CA are both RSA, wrong for certificates 1 and 4 (P-256 key, RSA CA: ECDSAWithSHA256) and 2 (RSA key, ECDSA CA: SHA256WithRSA).",
    apply: {
      successBody: editResult((r) => {
        const der = pemToDer(str(r.csr));
        const [, sigAlg] = kids(der, readTlv(der, 0));
        const oid = algorithmOid(der, sigAlg);
        if (oid === OID.sha256WithRSA) r.signature = "SHA256WithRSA";
        else if (oid === OID.ecdsaWithSHA256) r.signature = "ECDSAWithSHA256";
      }),
    },
  },
  {
    name: "utctime-years-always-20yy",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.2.5.1: \"Conforming systems MUST interpret the year field (YY) as follows: Where YY is greater than or equal to 50, the year SHALL be interpreted as 19YY; and Where YY is less than 50, the year SHALL be interpreted as 20YY.\"",
    description: "A UTCTime year is read as 20YY whatever YY is, so dates of 1950-1999 come out a century late (issued_on 2095-11-06T17:36:09Z for 1995): issued_on of certificates 0, 1, 2, 3, 5 and expires_on of 1, 2, 3 of the default store.",
    apply: {
      successBody: editResult((r) => editDates(r, (iso) => {
        const y = Number(iso.slice(0, 4));
        return y >= 1950 && y <= 1999 ? `${y + 100}${iso.slice(4)}` : iso;
      })),
    },
  },
  {
    name: "dates-32-bit-time-wrap",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.2.5: \"Conforming applications MUST be able to process validity dates that are encoded in either UTCTime or GeneralizedTime.\"; §4.1.2.5.2 GeneralizedTime for \"certificate validity dates in 2050 or later\"",
    description: "Validity dates are kept as signed 32-bit Unix seconds, so dates after 2038-01-19T03:14:07Z wrap to 1901-1970: certificate 4 of the default store (146873d7…, 2043/2073 → 1907/1937) and the other zone's second certificate; the rest are right.",
    apply: {
      successBody: editResult((r) => editDates(r, (iso) => {
        const secs = Math.floor(parseUtc(iso).getTime() / 1000);
        const wrapped = ((secs + 2 ** 31) % 2 ** 32 + 2 ** 32) % 2 ** 32 - 2 ** 31;
        return wrapped === secs ? iso : rfc3339(new Date(wrapped * 1000));
      })),
    },
  },
  {
    name: "dates-truncated-to-minute",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.2.5.1: UTCTime values \"MUST include seconds (i.e., times are YYMMDDHHMMSSZ), even where the number of seconds is zero\" (and §4.1.2.5.2 likewise for GeneralizedTime): the validity dates have whole seconds, and issued_on/expires_on must be those dates",
    description: "issued_on and expires_on are the certificate's dates with the seconds set to :00 (1995-11-06T17:36:00Z for 17:36:09Z), the shape of the document's examples; every certificate of the default store has non-zero seconds.",
    apply: {
      successBody: editResult((r) => editDates(r, (iso) => iso.replace(/:\d{2}(\.\d+)?Z$/, ":00Z"))),
    },
  },
  {
    name: "validity-generalizedtime-before-2050",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.2.5: \"CAs conforming to this profile MUST always encode certificate validity dates through the year 2049 as UTCTime; certificate validity dates in 2050 or later MUST be encoded as GeneralizedTime.\"",
    description: "The CA encodes both validity dates as GeneralizedTime whatever the year (certificate re-signed, fingerprint updated, the dates themselves unchanged): every certificate of the default store has a date before 2050.",
    apply: {
      storeId: primeMaterial,
      successBody: editResult((r, ctx) => {
        const notBefore = parseUtc(str(r.issued_on));
        const notAfter = parseUtc(str(r.expires_on));
        applyReissue(r, ctx, "validity-generalizedtime-before-2050", (parts) => {
          parts[4] = tlv(0x30, generalizedTime(notBefore), generalizedTime(notAfter));
          return parts;
        });
      }),
    },
  },
  {
    name: "subject-fields-with-dn-escapes",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.2.4: \"AttributeTypeAndValue ::= SEQUENCE { type AttributeType, value AttributeValue }\" ... \"in general it will be a DirectoryString\"; the subject members report the attribute values (openapi: location, \"Location, provided by the CSR\")",
    description: "The subject members are cut out of Node's X509Certificate.subject text (\"L=\\<angle\\> brackets\"), keeping the DN string escapes: location of certificate 3 (cd247ac7…) reads \\<angle\\> brackets; values without special characters are right.",
    apply: {
      successBody: editResult((r) => {
        const fields: Record<string, string> = { CN: "common_name", O: "organization", OU: "organizational_unit", C: "country", ST: "state", L: "location" };
        const seen: Record<string, string[]> = {};
        for (const line of new X509Certificate(str(r.certificate)).subject.split("\n")) {
          const eq = line.indexOf("=");
          if (eq < 0) continue;
          (seen[line.slice(0, eq)] ??= []).push(line.slice(eq + 1));
        }
        for (const [short, member] of Object.entries(fields)) {
          const values = seen[short];
          if (values) r[member] = short === "CN" ? values[values.length - 1] : values.join(",");
        }
      }),
    },
  },
  {
    name: "subject-utf8string-read-as-latin1",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.2.6: \"When encoding attribute values of type DirectoryString, conforming CAs MUST use PrintableString or UTF8String encoding\"; §4.1.2.4: DirectoryString \"utf8String UTF8String (SIZE (1..MAX))\": the octets of a UTF8String are UTF-8",
    description: "The octets of UTF8String subject values are decoded as Latin-1 (mojibake): organization and location of certificate 0 (334a3c89…) and location of certificate 5 (848146f1…); ASCII values are unaffected.",
    apply: {
      successBody: editResult((r) => {
        for (const member of ["common_name", "organization", "organizational_unit", "state", "location"]) {
          if (typeof r[member] === "string") r[member] = Buffer.from(r[member] as string, "utf8").toString("latin1");
        }
      }),
    },
  },
  {
    name: "organization-from-issuer-when-absent",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.2.4: \"The issuer field identifies the entity that has signed and issued the certificate.\"; §4.1.2.6: \"The subject field identifies the entity associated with the public key stored in the subject public key field.\"",
    description: "When the subject has no O, organization takes the first O found in the certificate, the issuer's (\"client-cert-conformance, test only\"): certificates 2 (16b71df5…) and 5 (848146f1…) of the default store; the rest are right.",
    apply: {
      successBody: editResult((r) => {
        if (r.organization !== "") return;
        const issuerO = new x509.X509Certificate(str(r.certificate)).issuerName.getField("2.5.4.10")[0];
        if (issuerO) r.organization = issuerO;
      }),
    },
  },
  {
    name: "country-encoded-utf8string",
    kind: "defect",
    family: "X509",
    source: "rfc5280",
    cites: "RFC 5280 Appendix A.1: \"X520countryName ::= PrintableString (SIZE (2))\" (countryName is not a DirectoryString, so the UTF8String choice of §4.1.2.6 does not apply to it)",
    description: "The CA encodes the subject's countryName as a UTF8String (certificate re-signed, fingerprint updated, country unchanged): certificates 1 to 5 of the default store (all but 334a3c89…, which has no C).",
    apply: {
      storeId: primeMaterial,
      successBody: editResult((r, ctx) => {
        if (!r.country) return;
        applyReissue(r, ctx, "country-encoded-utf8string", (parts) => {
          parts[5] = retagName(parts[5], (oid, tag) => (oid === OID.countryName ? 0x0c : tag));
          return parts;
        });
      }),
    },
  },
  {
    name: "serial-whole-octets",
    kind: "conformant",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.2.2: \"CertificateSerialNumber ::= INTEGER\", \"The serial number MUST be a positive integer\": the member carries that integer, and a leading zero digit does not change it (openapi: serial_number, \"The serial number on the created Client Certificate.\")",
    description: "serial_number is printed as whole octets, an odd number of hex digits getting a leading 0 (0a99b34f…, 0b1812670c…, 0f5fc750…), as OpenSSL and most tools print serials: certificates 2, 3 and 4 of the default store; the same integers.",
    apply: {
      successBody: editResult((r) => {
        if (typeof r.serial_number === "string" && r.serial_number.length % 2) r.serial_number = `0${r.serial_number}`;
      }),
    },
  },
  {
    name: "subject-all-utf8string",
    kind: "conformant",
    source: "rfc5280",
    cites: "RFC 5280 §4.1.2.6: \"When encoding attribute values of type DirectoryString, conforming CAs MUST use PrintableString or UTF8String encoding\"; §7.1 compares names after normalising their strings, so the CA need not copy the CSR's choice",
    description: "The CA encodes every DirectoryString attribute of the subject (CN, O, OU, ST, L) as UTF8String, also where PrintableString would do, and C as PrintableString (certificate re-signed, fingerprint updated); the CSR keeps its own encodings. Every member keeps its value.",
    apply: {
      storeId: primeMaterial,
      successBody: editResult((r, ctx) => {
        applyReissue(r, ctx, "subject-all-utf8string", (parts) => {
          parts[5] = retagName(parts[5], (oid, tag) => (oid === OID.countryName ? 0x13 : tag === 0x13 ? 0x0c : tag));
          return parts;
        });
      }),
    },
  },

  // ===================================== RFC 2986 =====================================
  {
    name: "csr-of-another-certificate-with-the-same-key",
    kind: "defect",
    family: "X509",
    source: "rfc2986",
    cites: "RFC 2986 §4.1: \"subject is the distinguished name of the certificate subject (the entity whose public key is to be certified)\"; §3: \"A certification request consists of a distinguished name, a public key, and optionally a set of attributes, collectively signed by the entity requesting certification\" (openapi: organization etc. \"provided by the CSR\")",
    description: "CSRs are looked up by public key, so csr is the first CSR in the store for that key: its public key matches but its subject is another certificate's. Certificates 2, 3, 5 (cert 0's CSR) and 4 (cert 1's CSR) of the default store; 0 and 1 are right.",
    apply: {
      successBody: editResult((r, ctx) => {
        const first = ctx.store.all().find((c) => c.result.ski === r.ski);
        if (first) r.csr = first.result.csr;
      }),
    },
  },
  {
    name: "csr-for-the-other-key",
    kind: "defect",
    family: "X509",
    source: "rfc2986",
    cites: "RFC 2986 §4.1: \"subjectPKInfo contains information about the public key being certified\"; §4.2: \"signature is the result of signing the certification request information with the certification request subject's private key\"",
    description: "csr is a well-formed, validly signed request with the certificate's subject but the other key type's public key (RSA for a P-256 certificate and the reverse), so the certificate did not certify the key it requests: every certificate shows it.",
    apply: {
      storeId: primeMaterial,
      successBody: editResult((r, ctx) => {
        r.csr = once(`csr-for-the-other-key|${ctx.certificate.id}|${csrKey(r)}`, () => resignCsr(str(r.csr), (p) => {
          const der = p.spki;
          const oid = algorithmOid(der, kids(der, readTlv(der, 0))[0]);
          const other = subjectKeysOf(oid === OID.rsaEncryption ? OID.ecPublicKey : OID.rsaEncryption);
          const spki = KeyObject.from(other.keys.publicKey as never).export({ type: "spki", format: "der" });
          return [p.version, p.subject, spki, p.attributes ?? tlv(0xa0)];
        }));
      }),
    },
  },
  {
    name: "csr-signature-corrupted",
    kind: "defect",
    family: "X509",
    source: "rfc2986",
    cites: "RFC 2986 §4.2: \"signature is the result of signing the certification request information with the certification request subject's private key\"; §3: the request is \"collectively signed by the entity requesting certification\"",
    description: "The last octet of the CSR's signature has its low bit flipped (a storage bit-flip the server never checks): the CSR still parses, with the right subject and key, but its signature does not verify; every certificate shows it.",
    apply: {
      successBody: editResult((r) => {
        const der = pemToDer(str(r.csr));
        der[der.length - 1] ^= 0x01;
        r.csr = encodePem(der, "CERTIFICATE REQUEST");
      }),
    },
  },
  {
    name: "csr-version-1",
    kind: "defect",
    family: "X509",
    source: "rfc2986",
    cites: "RFC 2986 §4.1: \"CertificationRequestInfo ::= SEQUENCE { version INTEGER { v1(0) } (v1,...), ...}\" and \"version is the version number, for compatibility with future revisions of this document. It shall be 0 for this version of the standard.\"",
    description: "The CSR's version is 1 (the X.509 habit of numbering v2 as 1), re-signed by the subject key so the signature still verifies: every certificate shows it.",
    apply: {
      storeId: primeMaterial,
      successBody: editResult((r, ctx) => {
        r.csr = once(`csr-version-1|${ctx.certificate.id}|${csrKey(r)}`, () => resignCsr(str(r.csr), (p) => [tlv(0x02, Buffer.from([1])), p.subject, p.spki, p.attributes ?? tlv(0xa0)]));
      }),
    },
  },
  {
    name: "csr-attributes-field-omitted",
    kind: "defect",
    family: "X509",
    source: "rfc2986",
    cites: "RFC 2986 §4.1: \"CertificationRequestInfo ::= SEQUENCE { version ..., subject Name, subjectPKInfo SubjectPublicKeyInfo{{ PKInfoAlgorithms }}, attributes [0] Attributes{{ CRIAttributes }} }\": attributes is not OPTIONAL (an empty set is encoded as [0] with no element)",
    description: "The CSR leaves out the empty attributes field ([0] A0 00) altogether, as some broken encoders do, and is re-signed so the signature verifies: every certificate shows it.",
    apply: {
      storeId: primeMaterial,
      successBody: editResult((r, ctx) => {
        r.csr = once(`csr-attributes-field-omitted|${ctx.certificate.id}|${csrKey(r)}`, () => resignCsr(str(r.csr), (p) => [p.version, p.subject, p.spki]));
      }),
    },
  },
  {
    name: "csr-with-extension-request",
    kind: "conformant",
    source: "rfc2986",
    cites: "RFC 2986 §3: \"A certification request consists of a distinguished name, a public key, and optionally a set of attributes, collectively signed by the entity requesting certification\"; §4.1: \"attributes [0] Attributes{{ CRIAttributes }}\", \"attributes is a collection of attributes providing additional information about the subject of the certificate\"",
    description: "The CSR carries an extensionRequest attribute asking for extendedKeyUsage clientAuth (what the certificate has), re-signed by the subject key: a real client's CSR; subject and key unchanged.",
    apply: {
      storeId: primeMaterial,
      successBody: editResult((r, ctx) => {
        r.csr = once(`csr-with-extension-request|${ctx.certificate.id}|${csrKey(r)}`, () => resignCsr(str(r.csr), (p) => {
          const eku = tlv(0x30, tlv(0x06, Buffer.from(OID.extKeyUsage, "hex")), tlv(0x04, tlv(0x30, tlv(0x06, Buffer.from(OID.clientAuth, "hex")))));
          const attribute = tlv(0x30, tlv(0x06, Buffer.from(OID.extensionRequest, "hex")), tlv(0x31, tlv(0x30, eku)));
          return [p.version, p.subject, p.spki, tlv(0xa0, attribute)];
        }));
      }),
    },
  },

  // ===================================== RFC 7468 =====================================
  {
    name: "pem-wrapped-at-76",
    kind: "defect",
    family: "RESULT",
    source: "rfc7468",
    cites: "RFC 7468 §2: \"Generators MUST wrap the base64-encoded lines so that each line consists of exactly 64 characters except for the final line ... Parsers MAY handle other line sizes.\"; §3 strict ABNF \"base64fullline = 64base64char eol\"",
    description: "certificate and csr are wrapped at 76 characters (MIME's base64 line length) instead of 64; the DER is unchanged. Every certificate shows it.",
    apply: {
      successBody: editResult((r) => {
        for (const member of ["certificate", "csr"]) {
          const { label, base64 } = pemParts(str(r[member]));
          r[member] = pemFrom(label, wrap(base64, 76));
        }
      }),
    },
  },
  {
    name: "pem-last-line-space-padded",
    kind: "defect",
    family: "RESULT",
    source: "rfc7468",
    cites: "RFC 7468 §2: generators \"MUST NOT emit extraneous whitespace\"; §3 strict ABNF \"strictbase64finl = *15(4base64char) (4base64char / 3base64char base64pad / 2base64char 2base64pad) eol\"",
    description: "The last base64 line of certificate and csr is right-padded with spaces to 64 columns (a fixed-width formatter); parsers that ignore trailing blanks decode the same DER. Every certificate shows it (in any PEM whose last line is shorter than 64).",
    apply: {
      successBody: editResult((r) => {
        for (const member of ["certificate", "csr"]) {
          const { label, base64 } = pemParts(str(r[member]));
          const lines = wrap(base64, 64);
          lines[lines.length - 1] = lines[lines.length - 1].padEnd(64, " ");
          r[member] = pemFrom(label, lines);
        }
      }),
    },
  },
  {
    name: "pem-with-encapsulated-headers",
    kind: "defect",
    family: "RESULT",
    source: "rfc7468",
    cites: "RFC 7468 §2: \"Unlike legacy PEM encoding [RFC1421], OpenPGP ASCII armor, and the OpenSSH key file format, textual encoding does *not* define or permit headers to be encoded alongside the data.\"",
    description: "certificate carries a header line and a blank line after BEGIN (\"Serial-Number: <serial>\", as Go's pem.Block Headers writes it) before the base64: every certificate shows it; csr is unchanged.",
    apply: {
      successBody: editResult((r) => {
        const { label, base64 } = pemParts(str(r.certificate));
        r.certificate = pemFrom(label, [`Serial-Number: ${str(r.serial_number)}`, "", ...wrap(base64, 64)]);
      }),
    },
  },
  {
    name: "pem-base64url-alphabet",
    kind: "defect",
    family: "RESULT",
    source: "rfc7468",
    cites: "RFC 7468 §2: between the encapsulation boundaries \"are base64-encoded data according to Section 4 of [RFC4648]\"; §3: \"base64char = ALPHA / DIGIT / \"+\" / \"/\"\"",
    description: "certificate and csr are encoded with the URL-safe alphabet ('-' and '_' for '+' and '/'), which Node's lenient base64 decoder still reads: every certificate of the default store has a '+' or '/' in its base64.",
    apply: {
      successBody: editResult((r) => {
        for (const member of ["certificate", "csr"]) {
          const { label, base64 } = pemParts(str(r[member]));
          r[member] = pemFrom(label, wrap(base64.replace(/\+/g, "-").replace(/\//g, "_"), 64));
        }
      }),
    },
  },
  {
    name: "pem-x509-certificate-label-second-ca",
    kind: "defect",
    family: "RESULT",
    source: "rfc7468",
    cites: "RFC 7468 §5.1: \"Historically, the label \"X509 CERTIFICATE\" and also, less commonly, \"X.509 CERTIFICATE\" have been used. Generators conforming to this document MUST generate \"CERTIFICATE\" labels and MUST NOT generate \"X509 CERTIFICATE\" or \"X.509 CERTIFICATE\" labels.\"",
    description: "Certificates of the second (ECDSA) CA come from a legacy store and are labelled \"-----BEGIN X509 CERTIFICATE-----\": certificate 2 of the default store (16b71df5…); the Cloudflare-named CA's certificates are right.",
    apply: {
      successBody: editResult((r) => {
        const ca = r.certificate_authority as { name?: string } | undefined;
        if (ca?.name === "Cloudflare Managed CA for account") return;
        r.certificate = str(r.certificate).replace(/(BEGIN|END) CERTIFICATE-----/g, "$1 X509 CERTIFICATE-----");
      }),
    },
  },
  {
    name: "pem-crlf-line-breaks",
    kind: "conformant",
    source: "rfc7468",
    cites: "RFC 7468 §3: \"eol = CRLF / CR / LF\" (also in the strict ABNF: \"stricttextualmsg = preeb eol strictbase64text posteb eol\"); §2: parsers \"MUST handle different newline conventions\"",
    description: "certificate and csr use CRLF line breaks (a server on Windows): the same lines, labels and DER.",
    apply: {
      successBody: editResult((r) => {
        for (const member of ["certificate", "csr"]) r[member] = str(r[member]).replace(/\r?\n/g, "\r\n");
      }),
    },
  },
  {
    name: "pem-explanatory-text",
    kind: "conformant",
    source: "rfc7468",
    cites: "RFC 7468 §2: \"Data before the encapsulation boundaries are permitted, and parsers MUST NOT malfunction when processing such data.\"; §5.2: \"Many tools are known to emit explanatory text before the BEGIN and after the END lines for PKIX certificates ... If emitted, such text SHOULD be related to the certificate\"",
    description: "certificate is preceded by explanatory lines about it, as in RFC 7468 Figure 7 (\"Subject: CN=…\", \"Issuer: CN=…\", \"Validity: from … to …\"); the PEM block itself is unchanged.",
    apply: {
      successBody: editResult((r) => {
        const ca = r.certificate_authority as { name?: string } | undefined;
        const text = `Subject: CN=${str(r.common_name)}\nIssuer: CN=${ca?.name ?? ""}\nValidity: from ${str(r.issued_on)} to ${str(r.expires_on)}\n`;
        r.certificate = text + str(r.certificate);
      }),
    },
  },
];
