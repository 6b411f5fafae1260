/**
 * Names a certificate's signature algorithm the way cfssl's helpers.SignatureString
 * does ("SHA256WithRSA", "ECDSAWithSHA256", …), which is what Cloudflare's `signature`
 * field carries. Algorithms cfssl has no name for get Go's x509 constant name where
 * there is one, otherwise "Unknown Signature (<oid>)".
 */
export function signatureAlgorithmName(algorithm: Algorithm & { hash?: Algorithm }): string {
  const hash = algorithm.hash ? HASH_NAMES[algorithm.hash.name.toUpperCase()] : undefined;
  switch (algorithm.name.toUpperCase()) {
    case "RSASSA-PKCS1-V1_5":
      if (hash) return `${hash}WithRSA`;
      break;
    case "ECDSA":
      if (hash) return `ECDSAWith${hash}`;
      break;
    case "RSA-PSS":
      if (hash) return `${hash}WithRSAPSS`;
      break;
    case "ED25519":
      return "Ed25519";
  }
  // @peculiar/x509 reports algorithms it does not know by their OID as the name.
  return OID_NAMES[algorithm.name] ?? `Unknown Signature (${algorithm.name})`;
}

const HASH_NAMES: Readonly<Record<string, string>> = {
  "SHA-1": "SHA1",
  "SHA-256": "SHA256",
  "SHA-384": "SHA384",
  "SHA-512": "SHA512",
};

// Legacy algorithms cfssl names but WebCrypto (and so @peculiar/x509) does not.
const OID_NAMES: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.2": "MD2WithRSA",
  "1.2.840.113549.1.1.4": "MD5WithRSA",
  "1.2.840.10040.4.3": "DSAWithSHA1",
  "2.16.840.1.101.3.4.3.2": "DSAWithSHA256",
};
