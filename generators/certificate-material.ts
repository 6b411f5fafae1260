import { createHash } from "node:crypto";
import { createTestCa, DEFAULT_CA_NAME, generateKeyPairs, type KeyAlgorithm, type KeyPairs, type TestCa } from "../src/x509/index.ts";

/**
 * The slow part of real certificates, made once per process: an RSA-2048 and a P-256 key
 * pair, and two test CAs over them. Certificates are issued from this material without
 * ever generating a key again; never call this inside a property (await it in a beforeAll).
 */
export interface CertificateMaterial {
  keys: KeyPairs;
  /** Stands in for "Cloudflare Managed CA for account": RSA, signs SHA256WithRSA. */
  ca: TestCa;
  /** A P-256 CA (signs ECDSAWithSHA256), so `signature` varies between certificates. */
  ecdsaCa: TestCa;
}

/** Name of the P-256 test CA. */
export const ECDSA_CA_NAME = "client-cert-conformance ECDSA test CA";

let material: Promise<CertificateMaterial> | undefined;
/** The material once it is made (for code that must not wait: the reference's fault hooks). */
let made: CertificateMaterial | undefined;

async function makeMaterial(): Promise<CertificateMaterial> {
  const keys = await generateKeyPairs();
  const [ca, ecdsaCa] = await Promise.all([createTestCa(keys), createTestCa(keys, { name: ECDSA_CA_NAME, keyAlgorithm: "p256" })]);
  made = { keys, ca, ecdsaCa };
  return made;
}

/**
 * The process's certificate material if it has been made, without waiting: for synchronous code
 * that runs only after it was awaited (the reference builds its store from it before it answers).
 */
export function certificateMaterialIfMade(): CertificateMaterial | undefined {
  return made;
}

/** The process's certificate material: generated on the first call, the same promise after (retried if it failed). */
export function loadCertificateMaterial(): Promise<CertificateMaterial> {
  if (!material) {
    const made = makeMaterial();
    material = made;
    made.catch(() => {
      if (material === made) material = undefined;
    });
  }
  return material;
}

/** The CA that signs with `issuer`'s key: "rsa" is the Cloudflare-named one. */
export function issuingCa(materialIn: CertificateMaterial, issuer: KeyAlgorithm): TestCa {
  return issuer === "rsa" ? materialIn.ca : materialIn.ecdsaCa;
}

/**
 * The `certificate_authority` results report for each test CA, by issuer ("rsa": the
 * Cloudflare-named one): its name, and the id createTestCa derives from that name (a UUID-shaped
 * hash of it, as src/x509/material.ts makes it; a law checks they agree). Known without the
 * material, so that a mutation can report the other CA.
 */
export const TEST_CA_REFS: Readonly<Record<KeyAlgorithm, { id: string; name: string }>> = {
  rsa: { id: caIdOf(DEFAULT_CA_NAME), name: DEFAULT_CA_NAME },
  p256: { id: caIdOf(ECDSA_CA_NAME), name: ECDSA_CA_NAME },
};

function caIdOf(name: string): string {
  const hex = createHash("sha256").update(`ca-id:${name}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
