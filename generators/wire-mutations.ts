import { HTTP_DATE_FORMAT, HTTP_MESSAGE_FRAMING, HTTP_SINGLETON_FIELDS } from "../src/registry/index.ts";
import { responseMutation, type ResponseMutation } from "./mutation.ts";
import { onTheWire, written, type WireParts } from "./wire-bytes.ts";

/**
 * Wire mutations (HTTP-MESSAGE-FRAMING, HTTP-SINGLETON-FIELDS): an answer whose bytes break
 * RFC 9112's message syntax in one way, though a lenient client reads the same status, fields and
 * body from them. The wire evidence is what the suite's own judge makes of those bytes.
 */

/** The parts with the field line at `index` (the first one by default) changed. */
const withField = (parts: WireParts, change: (line: string) => string, index = 0): WireParts =>
  ({ ...parts, fields: parts.fields.map((line, i) => (i === index ? change(line) : line)) });

// HTTP-MESSAGE-FRAMING

/** HTTP-MESSAGE-FRAMING: a field line ended by a bare LF (RFC 9112 §2.2: CRLF). */
export const fieldLineBareLf = responseMutation(HTTP_MESSAGE_FRAMING, "field-line-ended-by-bare-lf", "read-key", (r) =>
  onTheWire(r, (parts) => written(withField(parts, (line) => `${line}\u0000`)).replace("\u0000\r\n", "\n")));
/** HTTP-MESSAGE-FRAMING: whitespace between a field name and its colon (RFC 9112 §5.1: a server MUST reject it). */
export const spaceBeforeColon = responseMutation(HTTP_MESSAGE_FRAMING, "space-before-colon", "refusal-wrong-key", (r) =>
  onTheWire(r, (parts) => written(withField(parts, (line) => line.replace(":", " :")))));
/** HTTP-MESSAGE-FRAMING: a Content-Length beside Transfer-Encoding: chunked, the body chunked (RFC 9112 §6.2: MUST NOT). */
export const contentLengthWithTransferEncoding = responseMutation(HTTP_MESSAGE_FRAMING, "content-length-with-transfer-encoding", "id-unknown", (r) =>
  onTheWire(r, (parts) => {
    const size = Buffer.byteLength(parts.body);
    return written({ ...parts, fields: [...parts.fields, "Transfer-Encoding: chunked"], body: `${size.toString(16)}\r\n${parts.body}\r\n0\r\n\r\n` });
  }));
/** HTTP-MESSAGE-FRAMING: a field value folded onto a second line (obs-fold, RFC 9112 §5.2: a server MUST NOT). */
export const fieldValueFolded = responseMutation(HTTP_MESSAGE_FRAMING, "field-value-folded", "read-again", (r) =>
  onTheWire({ ...r, headers: { ...r.headers, "cache-control": "no-store, no-cache" } }, (parts) =>
    written({ ...parts, fields: [...parts.fields.filter((f) => !/^Cache-Control:/.test(f)), "Cache-Control: no-store,\r\n no-cache"] })));

// HTTP-SINGLETON-FIELDS

/** HTTP-SINGLETON-FIELDS: Server twice (an origin's and a proxy's), which a client reads as one list. */
export const serverFieldRepeated = responseMutation(HTTP_SINGLETON_FIELDS, "server-field-repeated", "read-key", (r) =>
  onTheWire({ ...r, headers: { ...r.headers, server: "cloudflare, nginx" } }, (parts) =>
    written({ ...parts, fields: [...parts.fields.filter((f) => !/^Server:/.test(f)), "Server: cloudflare", "Server: nginx"] })));
/**
 * HTTP-SINGLETON-FIELDS: Date twice. A client joins the two into one value, which is no
 * IMF-fixdate (HTTP-DATE-FORMAT fails too).
 */
export const dateFieldRepeated = responseMutation(HTTP_SINGLETON_FIELDS, "date-field-repeated", "refusal-missing", (r) => {
  const date = r.headers.date!;
  return onTheWire({ ...r, headers: { ...r.headers, date: `${date}, ${date}` } }, (parts) =>
    written({ ...parts, fields: [...parts.fields.filter((f) => !/^Date:/.test(f)), `Date: ${date}`, `Date: ${date}`] }));
}, { alsoBreaks: [HTTP_DATE_FORMAT.id] });

/** Every wire mutation. */
export const WIRE_MUTATIONS: readonly ResponseMutation[] = [
  fieldLineBareLf, spaceBeforeColon, contentLengthWithTransferEncoding, fieldValueFolded, serverFieldRepeated, dateFieldRepeated,
];
