/**
 * RFC 7468, Textual Encodings of PKIX, PKCS, and CMS Structures: the PEM text of the certificate
 * and csr members. Quoted from the RFC text (§2 general considerations, §3 ABNF, §5 and §7 for
 * the two labels). What binds parsers binds the suite, which parses leniently on purpose.
 */
import type { SourceStatement } from "./types.ts";

export const RFC7468: SourceStatement[] = [
  // §2 general considerations
  {
    id: "RFC7468-2-ENCAPSULATION-BOUNDARIES", source: "rfc7468", section: "2",
    quote: "Textual encoding begins with a line comprising \"-----BEGIN \", a label, and \"-----\", and ends with a line comprising \"-----END \", a label, and \"-----\".",
    requirements: ["RESULT-PEM-FORMAT", "X509-CERTIFICATE-PARSES"],
  },
  {
    id: "RFC7468-2-BASE64-BETWEEN", source: "rfc7468", section: "2",
    quote: "Between these lines, or \"encapsulation boundaries\", are base64-encoded data according to Section 4 of [RFC4648].",
    requirements: ["RESULT-PEM-FORMAT", "X509-CERTIFICATE-PARSES"],
  },
  {
    id: "RFC7468-2-DATA-BEFORE-BOUNDARY", source: "rfc7468", section: "2",
    quote: "Data before the encapsulation boundaries are permitted, and parsers MUST NOT malfunction when processing such data.",
    unchecked: { kind: "client-side", why: "binds parsers; a latitude the suite grants: RESULT-PEM-FORMAT and the parsers behind the X509 checks accept text before the BEGIN line (nothing after the END line)" },
  },
  {
    id: "RFC7468-2-PARSERS-LENIENT", source: "rfc7468", section: "2",
    quote: "Furthermore, parsers SHOULD ignore whitespace and other non-base64 characters and MUST handle different newline conventions.",
    unchecked: { kind: "client-side", why: "binds parsers; the suite's parser reads whitespace, CRLF and escaped \\n alike (the generator's strictness is RESULT-PEM-FORMAT's, which grants the same line ends)" },
  },
  {
    id: "RFC7468-2-SAME-LABEL", source: "rfc7468", section: "2",
    quote: "Generators MUST put the same label on the \"-----END \" line (post-encapsulation boundary) as the corresponding \"-----BEGIN \" line.",
    requirements: ["RESULT-PEM-FORMAT", "X509-CERTIFICATE-PARSES"],
  },
  {
    id: "RFC7468-2-LABEL-CASE", source: "rfc7468", section: "2",
    quote: "Labels are formally case-sensitive, uppercase, and comprised of zero or more characters; they do not contain consecutive spaces or hyphen-minuses, nor do they contain spaces or hyphen-minuses at either end.",
    requirements: ["RESULT-PEM-FORMAT", "X509-CERTIFICATE-PARSES"],
  },
  {
    id: "RFC7468-2-LABEL-MISMATCH-TOLERATED", source: "rfc7468", section: "2",
    quote: "Parsers MAY disregard the label in the post-encapsulation boundary instead of signaling an error if there is a label mismatch",
    unchecked: { kind: "client-side", why: "a latitude of parsers the suite does not take: the generator's MUST (RFC7468-2-SAME-LABEL) is judged" },
  },
  {
    id: "RFC7468-2-ONE-SPACE-FIVE-HYPHENS", source: "rfc7468", section: "2",
    quote: "There is exactly one space character (SP) separating the \"BEGIN\" or \"END\" from the label. There are exactly five hyphen-minus (also known as dash) characters (\"-\") on both ends of the encapsulation boundaries, no more, no less.",
    requirements: ["RESULT-PEM-FORMAT"],
  },
  {
    id: "RFC7468-2-LABEL-IMPLIES-SYNTAX", source: "rfc7468", section: "2",
    quote: "The label type implies that the encoded data follows the specified syntax. Parsers MUST handle non-conforming data gracefully.",
    requirements: ["X509-CERTIFICATE-PARSES", "X509-CSR-KEY-MATCHES", "X509-CSR-VALID"],
  },
  {
    id: "RFC7468-2-WRAP-AT-64", source: "rfc7468", section: "2",
    quote: "Generators MUST wrap the base64-encoded lines so that each line consists of exactly 64 characters except for the final line, which will encode the remainder of the data (within the 64-character line boundary), and they MUST NOT emit extraneous whitespace.",
    requirements: ["RESULT-PEM-FORMAT"],
  },
  {
    id: "RFC7468-2-OTHER-LINE-SIZES", source: "rfc7468", section: "2",
    quote: "Parsers MAY handle other line sizes.",
    unchecked: { kind: "client-side", why: "a latitude of parsers: the suite parses any line size, and judges the 64 of generators apart (RESULT-PEM-FORMAT, a should)" },
  },
  {
    id: "RFC7468-2-NO-HEADERS", source: "rfc7468", section: "2",
    quote: "Unlike legacy PEM encoding [RFC1421], OpenPGP ASCII armor, and the OpenSSH key file format, textual encoding does *not* define or permit headers to be encoded alongside the data.",
    requirements: ["RESULT-PEM-FORMAT", "X509-CERTIFICATE-PARSES"],
  },
  {
    id: "RFC7468-2-NO-EMPTY-SPACE", source: "rfc7468", section: "2",
    quote: "Empty space can appear between the pre-encapsulation boundary and the base64, but generators SHOULD NOT emit such any such spacing.",
    requirements: ["RESULT-PEM-FORMAT"],
  },
  // §3 ABNF
  {
    id: "RFC7468-3-LABEL-GRAMMAR", source: "rfc7468", section: "3",
    quote: "labelchar = %x21-2C / %x2E-7E ; any printable character, except hyphen-minus; label = [ labelchar *( [\"-\" / SP] labelchar ) ] ; empty ok",
    requirements: ["RESULT-PEM-FORMAT"],
  },
  {
    id: "RFC7468-3-STRICT-FORMAT", source: "rfc7468", section: "3",
    quote: "New implementations SHOULD emit the strict format (Figure 3) specified above.",
    requirements: ["RESULT-PEM-FORMAT"],
  },
  {
    id: "RFC7468-3-STRICT-BODY", source: "rfc7468", section: "3",
    quote: "strictbase64finl = *15(4base64char) (4base64char / 3base64char base64pad / 2base64char 2base64pad) eol; base64fullline = 64base64char eol; strictbase64text = *base64fullline strictbase64finl",
    requirements: ["RESULT-PEM-FORMAT"],
  },
  {
    id: "RFC7468-3-STRICT-FINAL-EOL", source: "rfc7468", section: "3",
    quote: "stricttextualmsg = preeb eol strictbase64text posteb eol",
    unchecked: { kind: "not-observable", why: "GAP: the line end after \"-----END …-----\" that the strict format requires is not looked for" },
  },
  {
    id: "RFC7468-3-LAX-FORMAT", source: "rfc7468", section: "3",
    quote: "laxtextualmsg = *W preeb laxbase64text posteb *W … The choice of parsing strategy depends on the context of use.",
    unchecked: { kind: "client-side", why: "the suite parses leniently (lax) to read what it can, and judges the strict form apart" },
  },
  // §5 certificates
  {
    id: "RFC7468-5-CERTIFICATE-LABEL", source: "rfc7468", section: "5",
    quote: "Public-key certificates are encoded using the \"CERTIFICATE\" label. The encoded data MUST be a BER (DER strongly preferred; see Appendix B) encoded ASN.1 Certificate structure as described in Section 4 of [RFC5280].",
    requirements: ["RESULT-PEM-FORMAT", "X509-CERTIFICATE-PARSES", "X509-CERTIFICATE-PROFILE"],
  },
  // §7 certification requests
  {
    id: "RFC7468-7-CSR-LABEL", source: "rfc7468", section: "7",
    quote: "The label is \"CERTIFICATE REQUEST\". The encoded data MUST be a BER (DER strongly preferred; see Appendix B) encoded ASN.1 CertificationRequest structure as described in [RFC2986].",
    requirements: ["RESULT-PEM-FORMAT", "X509-CSR-KEY-MATCHES", "X509-CSR-VALID"],
  },
  {
    id: "RFC7468-7-GENERATE-CSR-LABEL", source: "rfc7468", section: "7",
    quote: "The label \"NEW CERTIFICATE REQUEST\" is also in wide use. Generators conforming to this document MUST generate \"CERTIFICATE REQUEST\" labels.",
    requirements: ["RESULT-PEM-FORMAT"],
  },
  {
    id: "RFC7468-7-PARSE-NEW-CSR-LABEL", source: "rfc7468", section: "7",
    quote: "Parsers MAY treat \"NEW CERTIFICATE REQUEST\" as equivalent to \"CERTIFICATE REQUEST\".",
    unchecked: { kind: "client-side", why: "the suite's parser does, so X509-CSR-KEY-MATCHES reads such a csr; the label itself fails RESULT-PEM-FORMAT" },
  },
];
