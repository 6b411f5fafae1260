/**
 * What the OpenAPI document's descriptions (and the examples that imply a format) state about a
 * value, sentence by sentence, and which requirements check it. openapi.ts generates one
 * statement per sentence of the document's actual descriptions and looks each up here: a
 * sentence this map does not know (a new revision's wording) becomes a GAP statement, so that
 * it is noticed and traced by hand.
 *
 * Keys name the place in the operation whatever the document's layout:
 * - a certificate member, by name (`status`; nested: `certificate_authority.id`);
 * - an envelope member, after its class (`200.success`, `4XX.errors[].code`);
 * - `param.zone`, `param.certificate`; `operation` (summary and description);
 *   `response.200`, `response.4XX`; `scheme.token`, `scheme.email`, `scheme.key` (or its name).
 */
import type { Unchecked } from "./types.ts";

/** One sentence as the document writes it (whitespace collapsed), and what checks it. */
export interface KnownSentence {
  readonly sentence: string;
  readonly requirements?: readonly string[];
  readonly unchecked?: Unchecked;
}

/** "X, provided by the CSR": the CSR's subject attribute, which the certificate's subject carries too. */
const fromCsr = (what: string): KnownSentence[] => [{ sentence: `${what}, provided by the CSR`, requirements: ["X509-CSR-SUBJECT-MATCHES", "X509-SUBJECT-MATCHES"] }];

export const DESCRIPTIONS: Readonly<Record<string, readonly KnownSentence[]>> = {
  // the operation and its responses
  operation: [
    { sentence: "Get Details for a single mTLS API Shield Client Certificate", requirements: ["HTTP-EXISTING-200", "ID-RESULT-ECHO", "ENV-RESULT-OBJECT"] },
    { sentence: "Client Certificate Details", requirements: ["HTTP-EXISTING-200", "ENV-RESULT-OBJECT"] },
  ],
  "response.200": [{ sentence: "Client Certificate Details Response", requirements: ["HTTP-EXISTING-200", "ENV-RESULT-OBJECT"] }],
  "response.4XX": [{ sentence: "Client Certificate Details Response Failure", requirements: ["ERR-REQUIRED-MEMBERS", "ERR-SUCCESS-FALSE"] }],
  // the path parameters: Cloudflare's Identifier (32 lower-case hex digits, the example shows)
  "param.zone": [{ sentence: "Identifier", requirements: ["ID-MALFORMED-REFUSED", "ID-ZONE-SCOPED"] }],
  "param.certificate": [{ sentence: "Identifier", requirements: ["ID-MALFORMED-REFUSED", "ID-UNKNOWN-REFUSED"] }],
  // the envelopes
  "200.success": [{ sentence: "Whether the API call was successful", requirements: ["ENV-SUCCESS-TRUE"] }],
  "4XX.success": [{ sentence: "Whether the API call was successful", requirements: ["ERR-SUCCESS-FALSE"] }],
  // the certificate's members
  certificate: [{ sentence: "The Client Certificate PEM", requirements: ["X509-CERTIFICATE-PARSES", "RESULT-PEM-FORMAT", "X509-CERTIFICATE-PROFILE"] }],
  certificate_authority: [{ sentence: "Certificate Authority used to issue the Client Certificate", requirements: ["X509-CA-CONSISTENT"] }],
  common_name: [{ sentence: "Common Name of the Client Certificate", requirements: ["X509-SUBJECT-MATCHES"] }],
  country: fromCsr("Country"),
  csr: [
    { sentence: "The Certificate Signing Request (CSR).", requirements: ["X509-CSR-VALID", "X509-CSR-KEY-MATCHES"] },
    { sentence: "Must be newline-encoded.", requirements: ["RESULT-PEM-FORMAT"] },
  ],
  expires_on: [{ sentence: "Date that the Client Certificate expires", requirements: ["X509-DATES-MATCH"] }],
  fingerprint_sha256: [{ sentence: "Unique identifier of the Client Certificate", requirements: ["RESULT-FINGERPRINT-UNIQUE"] }],
  id: [{ sentence: "Identifier", requirements: ["ID-RESULT-ECHO", "ID-RESULT-FORMAT"] }],
  issued_on: [{ sentence: "Date that the Client Certificate was issued by the Certificate Authority", requirements: ["X509-DATES-MATCH"] }],
  location: fromCsr("Location"),
  organization: fromCsr("Organization"),
  organizational_unit: fromCsr("Organizational Unit"),
  serial_number: [{ sentence: "The serial number on the created Client Certificate.", requirements: ["X509-SERIAL-MATCHES"] }],
  signature: [{ sentence: "The type of hash used for the Client Certificate..", requirements: ["X509-SIGNATURE-MATCHES"] }],
  ski: [{ sentence: "Subject Key Identifier", requirements: ["X509-SKI-MATCHES"] }],
  state: fromCsr("State"),
  status: [{
    sentence: "Client Certificates may be active or revoked, and the pending_reactivation or pending_revocation represent in-progress asynchronous transitions",
    requirements: ["STATUS-ENUM", "STATUS-TRANSITIONS", "RESULT-READS-AGREE"],
  }],
  validity_days: [{ sentence: "The number of days the Client Certificate will be valid after the issued_on date", requirements: ["X509-VALIDITY-DAYS-MATCHES"] }],
};

/**
 * Examples that fix a format a requirement checks, beside those errata.json names (its `format`
 * entries: dates, fingerprint, id, serial, ski, PEM). Any other example is no constraint.
 */
export const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  // The naming of the algorithm follows the example (SHA256WithRSA), which nothing else fixes.
  signature: ["X509-SIGNATURE-MATCHES"],
  // The identifier format (32 lower-case hex digits) the malformed identifiers depart from.
  "param.zone": ["ID-MALFORMED-REFUSED"],
  "param.certificate": ["ID-MALFORMED-REFUSED"],
};

/** A description's text, whitespace collapsed, cut into sentences (at `.`, `!` or `?` before a capital). */
export function sentencesOf(text: string): string[] {
  return text.replace(/\s+/g, " ").trim().split(/(?<=[.!?])\s+(?=[A-Z])/).filter((s) => s !== "");
}

/** What the map says of a sentence at a key, or undefined when it does not know it. */
export function knownSentence(key: string, sentence: string): KnownSentence | undefined {
  return DESCRIPTIONS[key]?.find((k) => k.sentence === sentence);
}
