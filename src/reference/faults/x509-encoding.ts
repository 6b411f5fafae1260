import { createHash, KeyObject, sign } from "node:crypto";
import { certificateMaterialIfMade } from "../../../generators/certificate-material.ts";
import { children, oidText, readElement, TAG } from "../../x509/der.ts";
import { decodeSinglePem, encodePem } from "../../x509/pem.ts";
import { editResult, fault } from "./helpers.ts";
import type { Fault } from "./types.ts";

/** One DER element: tag, definite length in the shortest form, content. */
function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), body]);
}

const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

/** Each changed PEM once per process: every read of a certificate gets the same bytes (an ECDSA signature would differ each time). */
const reissued = new Map<string, { certificate: string; fingerprint: string } | null>();

/**
 * The certificate with its validity dates written as GeneralizedTime (UTCTime becomes a four-digit
 * year), signed again by the test CA that issued it (generators/certificate-material.ts): the same
 * instants, a valid signature, another encoding. Undefined when there is no material to sign with.
 */
function withGeneralizedTimes(pem: string): { certificate: string; fingerprint: string } | undefined {
  const known = reissued.get(pem);
  if (known !== undefined) return known ?? undefined;
  const material = certificateMaterialIfMade();
  let out: { certificate: string; fingerprint: string } | null = null;
  if (material) {
    const { element: certificate } = readElement(decodeSinglePem(pem, ["CERTIFICATE"], "certificate").der);
    const [tbs, algorithm] = children(certificate);
    const fields = children(tbs!);
    const at = (fields[0]!.tag === TAG.CONTEXT_0 ? 1 : 0) + 3;
    const times = children(fields[at]!).map((t) => {
      if (t.tag !== TAG.UTC_TIME) return Buffer.from(t.raw);
      const text = Buffer.from(t.content).toString("latin1");
      return tlv(TAG.GENERALIZED_TIME, Buffer.from(`${Number(text.slice(0, 2)) >= 50 ? "19" : "20"}${text}`, "latin1"));
    });
    const newTbs = tlv(TAG.SEQUENCE, ...fields.map((f, i) => (i === at ? tlv(TAG.SEQUENCE, ...times) : f.raw)));
    const ca = oidText(children(algorithm!)[0]!.content) === ECDSA_WITH_SHA256 ? material.ecdsaCa : material.ca;
    const signature = sign("sha256", newTbs, KeyObject.from(ca.keys.privateKey));
    const der = tlv(TAG.SEQUENCE, newTbs, algorithm!.raw, tlv(TAG.BIT_STRING, Buffer.from([0]), signature));
    out = { certificate: encodePem(der, "CERTIFICATE"), fingerprint: createHash("sha256").update(der).digest("hex") };
  }
  reissued.set(pem, out);
  return out ?? undefined;
}

/** The CSR with the last octet of its signature changed: still a well-formed request, with a signature that does not verify. */
function withBrokenSignature(pem: string): string {
  const der = Buffer.from(decodeSinglePem(pem, ["CERTIFICATE REQUEST"], "csr").der);
  der[der.length - 1]! ^= 0x01;
  return encodePem(der, "CERTIFICATE REQUEST");
}

/** X509: what the certificate and the CSR are, as encoded (each fault changes the encoding, never what the result reports). */
export const X509_ENCODING_FAULTS: Fault[] = [
  fault({
    name: "csr-signature-broken", family: "X509",
    trips: ["X509-CSR-VALID"],
    description: "csr is the certificate's request with the last octet of its signature changed: it parses, its key and subject are right, its signature does not verify.",
    apply: { successBody: editResult((r) => { if (typeof r.csr === "string") r.csr = withBrokenSignature(r.csr); }) },
  }),
  fault({
    name: "validity-generalized-time", family: "X509",
    trips: ["X509-CERTIFICATE-PROFILE"],
    description: "The certificate is reissued with its validity dates as GeneralizedTime also before 2050 (where RFC 5280 requires UTCTime), signed again by its CA; fingerprint_sha256 is the new certificate's.",
    apply: { successBody: editResult((r) => {
      const changed = typeof r.certificate === "string" ? withGeneralizedTimes(r.certificate) : undefined;
      if (changed) {
        r.certificate = changed.certificate;
        r.fingerprint_sha256 = changed.fingerprint;
      }
    }) },
  }),
];
