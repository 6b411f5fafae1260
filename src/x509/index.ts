/** Real X.509 material for tests and the reference server, and parsing of what a target returns. */
export {
  createTestCa,
  DEFAULT_CA_NAME,
  generateKeyPairs,
  issueClientCertificate,
  type IssuedCertificate,
  type IssueOptions,
  type KeyAlgorithm,
  type KeyPairs,
  type TestCa,
} from "./material.ts";
export {
  normalizeSerial,
  parseCertificatePem,
  parseCsrPem,
  X509ParseError,
  type ParsedCertificate,
  type ParsedCsr,
} from "./parse.ts";
export { deriveCloudflareFields, type CloudflareCertificateFields } from "./cloudflare-fields.ts";
export type { SubjectFields } from "./subject.ts";
export { certificateProfileProblems, csrProblems } from "./encoding.ts";
export { pemTextProblems } from "./pem.ts";
