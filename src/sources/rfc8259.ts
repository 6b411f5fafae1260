/**
 * RFC 8259, The JavaScript Object Notation (JSON) Data Interchange Format: what a body of this
 * operation's answers (the envelope, the certificate object, the failure envelope) must be as
 * JSON text, and what only binds the suite as its parser. Quoted from the RFC (rfc-editor.org
 * text; §2-§7 unchanged from RFC 7159).
 */
import type { SourceStatement } from "./types.ts";

export const RFC8259: SourceStatement[] = [
  // §2 JSON grammar
  {
    id: "RFC8259-2-JSON-TEXT", source: "rfc8259", section: "2",
    quote: "A JSON text is a serialized value. … JSON-text = ws value ws",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-2-WHITESPACE", source: "rfc8259", section: "2",
    quote: "Insignificant whitespace is allowed before or after any of the six structural characters. ws = *( %x20 / %x09 / %x0A / %x0D )",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-2-OBJECT-OR-ARRAY", source: "rfc8259", section: "2",
    quote: "Implementations that generate only objects or arrays where a JSON text is called for will be interoperable in the sense that all implementations will accept these as conforming JSON texts.",
    requirements: ["ENV-REQUIRED-MEMBERS", "ERR-REQUIRED-MEMBERS"],
  },
  // §3 values
  {
    id: "RFC8259-3-VALUE", source: "rfc8259", section: "3",
    quote: "A JSON value MUST be an object, array, number, or string, or one of the following three literal names: false null true",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-3-LITERALS-LOWERCASE", source: "rfc8259", section: "3",
    quote: "The literal names MUST be lowercase. No other literal names are allowed.",
    requirements: ["HTTP-JSON-BODY"],
  },
  // §4 objects
  {
    id: "RFC8259-4-OBJECT-GRAMMAR", source: "rfc8259", section: "4",
    quote: "object = begin-object [ member *( value-separator member ) ] end-object; member = string name-separator value",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-4-NAMES-UNIQUE", source: "rfc8259", section: "4",
    quote: "The names within an object SHOULD be unique.",
    requirements: ["HTTP-JSON-INTEROPERABLE"],
  },
  {
    id: "RFC8259-4-MEMBER-ORDER", source: "rfc8259", section: "4",
    quote: "Implementations whose behavior does not depend on member ordering will be interoperable in the sense that they will not be affected by these differences.",
    unchecked: { kind: "client-side", why: "binds receivers: the suite never depends on member order (RESULT-READS-AGREE compares members sorted by name)" },
  },
  // §5 arrays
  {
    id: "RFC8259-5-ARRAY-GRAMMAR", source: "rfc8259", section: "5",
    quote: "array = begin-array [ value *( value-separator value ) ] end-array",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-5-MIXED-TYPES", source: "rfc8259", section: "5",
    quote: "There is no requirement that the values in an array be of the same type.",
    unchecked: { kind: "out-of-scope", why: "JSON's own latitude; the document's schemas narrow the envelope's arrays (ENV-ERRORS-ITEMS, ERR-ITEMS-SHAPE judge those)" },
  },
  // §6 numbers
  {
    id: "RFC8259-6-NUMBER-GRAMMAR", source: "rfc8259", section: "6",
    quote: "number = [ minus ] int [ frac ] [ exp ] … Leading zeros are not allowed.",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-6-NO-NAN-INFINITY", source: "rfc8259", section: "6",
    quote: "Numeric values that cannot be represented in the grammar below (such as Infinity and NaN) are not permitted.",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-6-IEEE754", source: "rfc8259", section: "6",
    quote: "good interoperability can be achieved by implementations that expect no more precision or range than these [IEEE 754 binary64] provide … A JSON number such as 1E400 or 3.141592653589793238462643383279 may indicate potential interoperability problems",
    requirements: ["HTTP-JSON-INTEROPERABLE"],
  },
  {
    id: "RFC8259-6-SAFE-INTEGERS", source: "rfc8259", section: "6",
    quote: "numbers that are integers and are in the range [-(2**53)+1, (2**53)-1] are interoperable in the sense that implementations will agree exactly on their numeric values.",
    requirements: ["HTTP-JSON-INTEROPERABLE"],
  },
  {
    id: "RFC8259-6-RECEIVER-LIMITS", source: "rfc8259", section: "6",
    quote: "This specification allows implementations to set limits on the range and precision of numbers accepted.",
    unchecked: { kind: "client-side", why: "a latitude of the receiver: the suite reads numbers as doubles (HTTP-JSON-INTEROPERABLE holds the server to what a double keeps)" },
  },
  // §7 strings
  {
    id: "RFC8259-7-MUST-ESCAPE", source: "rfc8259", section: "7",
    quote: "All Unicode characters may be placed within the quotation marks, except for the characters that must be escaped: quotation mark, reverse solidus, and the control characters (U+0000 through U+001F).",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-7-ANY-ESCAPE", source: "rfc8259", section: "7",
    quote: "Any character may be escaped. … The hexadecimal letters A through F can be upper or lower case.",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-7-SURROGATE-PAIR", source: "rfc8259", section: "7",
    quote: "To escape an extended character that is not in the Basic Multilingual Plane, the character is represented as a 12-character sequence, encoding the UTF-16 surrogate pair.",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-7-STRING-GRAMMAR", source: "rfc8259", section: "7",
    quote: "string = quotation-mark *char quotation-mark … escape ( %x22 / %x5C / %x2F / %x62 / %x66 / %x6E / %x72 / %x74 / %x75 4HEXDIG ) … unescaped = %x20-21 / %x23-5B / %x5D-10FFFF",
    requirements: ["HTTP-JSON-BODY"],
  },
  // §8 string and character issues
  {
    id: "RFC8259-8.1-UTF8", source: "rfc8259", section: "8.1",
    quote: "JSON text exchanged between systems that are not part of a closed ecosystem MUST be encoded using UTF-8 [RFC3629].",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-8.1-NO-BOM", source: "rfc8259", section: "8.1",
    quote: "Implementations MUST NOT add a byte order mark (U+FEFF) to the beginning of a networked-transmitted JSON text.",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-8.1-BOM-IGNORE", source: "rfc8259", section: "8.1",
    quote: "In the interests of interoperability, implementations that parse JSON texts MAY ignore the presence of a byte order mark rather than treating it as an error.",
    unchecked: { kind: "client-side", why: "a latitude of parsers; the suite does not take it, because the sender's MUST NOT (RFC8259-8.1-NO-BOM) is what it judges" },
  },
  {
    id: "RFC8259-8.2-UNPAIRED-SURROGATE", source: "rfc8259", section: "8.2",
    quote: "the ABNF in this specification allows member names and string values to contain bit sequences that cannot encode Unicode characters; for example, \"\\uDEAD\" (a single unpaired UTF-16 surrogate). … The behavior of software that receives JSON texts containing such values is unpredictable",
    requirements: ["HTTP-JSON-INTEROPERABLE"],
  },
  {
    id: "RFC8259-8.3-STRING-COMPARISON", source: "rfc8259", section: "8.3",
    quote: "Implementations that transform the textual representation into sequences of Unicode code units and then perform the comparison numerically, code unit by code unit, are interoperable",
    unchecked: { kind: "client-side", why: "binds receivers: the suite compares parsed strings, so \"a\\\\b\" and \"a\\u005Cb\" are equal to it" },
  },
  // §9 parsers
  {
    id: "RFC8259-9-PARSER-ACCEPTS-ALL", source: "rfc8259", section: "9",
    quote: "A JSON parser MUST accept all texts that conform to the JSON grammar. A JSON parser MAY accept non-JSON forms or extensions.",
    unchecked: { kind: "client-side", why: "binds the suite's parser (JSON.parse, strict: no extensions are accepted)" },
  },
  {
    id: "RFC8259-9-SIZE-LIMIT", source: "rfc8259", section: "9",
    quote: "An implementation may set limits on the size of texts that it accepts.",
    requirements: ["HTTP-BODY-BOUNDED"],
  },
  {
    id: "RFC8259-9-DEPTH-LIMIT", source: "rfc8259", section: "9",
    quote: "An implementation may set limits on the maximum depth of nesting.",
    requirements: ["HTTP-JSON-BODY"],
  },
  {
    id: "RFC8259-9-STRING-LIMITS", source: "rfc8259", section: "9",
    quote: "An implementation may set limits on the range and precision of numbers. An implementation may set limits on the length and character contents of strings.",
    unchecked: { kind: "client-side", why: "a latitude of the receiver the suite does not take beyond the body bound (HTTP-BODY-BOUNDED) and doubles (HTTP-JSON-INTEROPERABLE)" },
  },
  // §10 generators
  {
    id: "RFC8259-10-GENERATOR-STRICT", source: "rfc8259", section: "10",
    quote: "A JSON generator produces JSON text. The resulting text MUST strictly conform to the JSON grammar.",
    requirements: ["HTTP-JSON-BODY"],
  },
  // §11 media type
  {
    id: "RFC8259-11-MEDIA-TYPE", source: "rfc8259", section: "11",
    quote: "The media type for JSON text is application/json.",
    requirements: ["HTTP-JSON-CONTENT-TYPE"],
  },
  {
    id: "RFC8259-11-NO-CHARSET", source: "rfc8259", section: "11",
    quote: "Note: No \"charset\" parameter is defined for this registration. Adding one really has no effect on compliant recipients.",
    requirements: ["HTTP-JSON-CONTENT-TYPE"],
  },
  {
    id: "RFC8259-11-REQUIRED-PARAMETERS", source: "rfc8259", section: "11",
    quote: "Required parameters: n/a Optional parameters: n/a",
    requirements: ["HTTP-JSON-CONTENT-TYPE"],
  },
  // §12 security
  {
    id: "RFC8259-12-NO-EVAL", source: "rfc8259", section: "12",
    quote: "Since JSON's syntax is borrowed from JavaScript, it is possible to use that language's \"eval()\" function to parse most (but not all) JSON texts. … This generally constitutes an unacceptable security risk",
    unchecked: { kind: "client-side", why: "binds receivers: the suite parses with JSON.parse, never eval" },
  },
];
