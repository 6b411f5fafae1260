import { requirement } from "../define.ts";
import { CERTIFICATE_MAXLENGTH, CERTIFICATE_PARAMETER, CERTIFICATE_PARAMETER_SCHEMA, certificateMember, RESPONSE_4XX, ZONE_MAXLENGTH, ZONE_PARAMETER } from "../pointers.ts";

export const ID_MAXLENGTH_ZONE = requirement({
  id: "ID-MAXLENGTH-ZONE", level: "must", place: ZONE_MAXLENGTH,
  statement: "A zone identifier longer than 32 characters is refused with a 4xx failure envelope.",
  reason: "The zone parameter (zone_identifier in the seed, zone_id upstream) has maxLength 32.",
});
export const ID_MAXLENGTH_CERTIFICATE = requirement({
  id: "ID-MAXLENGTH-CERTIFICATE", level: "must", place: CERTIFICATE_MAXLENGTH,
  statement: "A certificate identifier longer than 32 characters is refused with a 4xx failure envelope.",
  reason: "The certificate parameter (client_certificate_identifier in the seed, client_certificate_id upstream) has maxLength 32.",
});
export const ID_RESULT_MAXLENGTH = requirement({
  id: "ID-RESULT-MAXLENGTH", level: "must", place: certificateMember("id", "maxLength"),
  statement: "result.id is at most 32 characters.",
  reason: "The id member has maxLength 32.",
});
export const ID_RESULT_FORMAT = requirement({
  id: "ID-RESULT-FORMAT", level: "should", place: certificateMember("id"),
  statement: "result.id is 32 lower-case hexadecimal digits, Cloudflare's identifier format.",
  reason: "Format the example makes plain; the schema only says string of at most 32.",
});
export const ID_RESULT_ECHO = requirement({
  id: "ID-RESULT-ECHO", level: "must", place: CERTIFICATE_PARAMETER,
  statement: "result.id is the certificate identifier that was requested.",
  reason: "The operation returns the single certificate its path identifies.",
});
export const ID_MALFORMED_REFUSED = requirement({
  id: "ID-MALFORMED-REFUSED", level: "should", place: CERTIFICATE_PARAMETER_SCHEMA,
  statement: "A malformed identifier (empty, blank, slash, dot segments, non-hex, upper case, Unicode, control characters, broken percent-encoding) is refused with a 4xx failure envelope.",
  reason: "The document constrains only the length; Cloudflare's identifier format and its published 7003 answer make the rest plain.",
});
export const ID_UNKNOWN_REFUSED = requirement({
  id: "ID-UNKNOWN-REFUSED", level: "must", place: RESPONSE_4XX,
  statement: "A well-formed identifier that names no certificate of the zone is answered with a 4xx failure envelope.",
  reason: "The operation declares 4xx for requests that cannot be served.",
});
export const ID_ZONE_SCOPED = requirement({
  id: "ID-ZONE-SCOPED", level: "must", place: ZONE_PARAMETER,
  statement: "A certificate is served only under the zone it belongs to; under another zone (made up, or a real second zone given with --other-zone) it is a 4xx, and so is a second zone's certificate under this zone.",
  reason: "The path names the zone the certificate is read from.",
});

export const ID_EXISTENCE_HIDDEN = requirement({
  id: "ID-EXISTENCE-HIDDEN", level: "should", place: ZONE_PARAMETER,
  statement: "Under a zone, a certificate of another zone is answered exactly as a certificate that does not exist (the same status and error codes).",
  reason: "OWASP API1:2023 (broken object level authorization): a client must not learn that an object of another owner exists; RFC 9110 §15.5.5 lets a server answer 404 to hide it. A should: the document does not fix which refusal is given.",
});

export const ID_REQUIREMENTS = [ID_MAXLENGTH_ZONE, ID_MAXLENGTH_CERTIFICATE, ID_RESULT_MAXLENGTH, ID_RESULT_FORMAT, ID_RESULT_ECHO, ID_MALFORMED_REFUSED, ID_UNKNOWN_REFUSED, ID_ZONE_SCOPED, ID_EXISTENCE_HIDDEN];
