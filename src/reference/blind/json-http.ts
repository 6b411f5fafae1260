/**
 * Blind faults of RFC 8259 (JSON), RFC 9110 (HTTP semantics) and RFC 9112 (HTTP/1.1 messages),
 * written from the RFCs and the reference implementation alone.
 *
 * Faults that change the bytes on the wire below what a `Reply` can say (framing, status line,
 * field lines, 1xx, connection behaviour, non-UTF-8 or compressed bodies) serialise the answer
 * themselves with `wire()` and send it as `raw`. Unless a fault is about persistence, such an
 * answer says `Connection: close` and the connection is closed after it (raw answers cannot keep
 * a connection usable for a next request: see server.ts), which RFC 9112 §9.6 allows.
 */
import { STATUS_CODES } from "node:http";
import { gzipSync } from "node:zlib";
import { ERRORS, failureEnvelope } from "../envelopes.ts";
import { AUTH_REFUSALS, type Reply, type ReplyContext, type RequestView } from "../faults/types.ts";
import type { BlindFault } from "./types.ts";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const CRLF = "\r\n";

/** An IMF-fixdate (RFC 9110 §5.6.7) of now. */
const imfNow = (): string => new Date().toUTCString();

interface WireOptions {
  /** The status line (without its CRLF); default `HTTP/1.1 <code> <reason>`. */
  statusLine?: string;
  /** Header lines written as given, instead of the reply's own (names as written). */
  headerLines?: readonly string[];
  /** Extra header lines after the reply's own. */
  extraLines?: readonly string[];
  /** Reply header names (lower-case) not written. */
  omit?: readonly string[];
  /** The Date value; false: no Date line. Default: now, IMF-fixdate. */
  date?: string | false;
  /** The Connection value; default "close". */
  connection?: string;
  /** A Keep-Alive value to add. */
  keepAlive?: string;
  /** How the body is delimited. Default "length". */
  framing?: "length" | "chunked" | "chunked-unterminated";
  /** The Content-Length value written (framing "length"); default the byte length of the body. */
  contentLength?: string;
  /** The body bytes; default the UTF-8 of reply.body. */
  body?: Uint8Array;
  /** Bytes written before the final answer (an interim 1xx response). */
  interim?: string;
  /** Leave the connection open after the answer. */
  keepOpen?: boolean;
}

function chunks(body: Uint8Array, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) out.push(Buffer.from(body.subarray(i, i + size)));
  return out;
}

/** The reply serialised by hand (what Node's serialiser would write, then the options' changes). */
function wire(reply: Reply, o: WireOptions = {}): Reply {
  const body = o.body ?? Buffer.from(reply.body, "utf8");
  const framing = o.framing ?? "length";
  const lines: string[] = [o.statusLine ?? `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ""}`];
  if (o.headerLines) lines.push(...o.headerLines);
  else {
    const skip = new Set(["content-length", "transfer-encoding", "date", "connection", "keep-alive", ...(o.omit ?? [])]);
    for (const [name, value] of Object.entries(reply.headers)) if (!skip.has(name.toLowerCase())) lines.push(`${name}: ${value}`);
  }
  if (o.extraLines) lines.push(...o.extraLines);
  const date = o.date === undefined ? imfNow() : o.date;
  if (date !== false) lines.push(`Date: ${date}`);
  lines.push(`Connection: ${o.connection ?? "close"}`);
  if (o.keepAlive) lines.push(`Keep-Alive: ${o.keepAlive}`);
  let payload: Buffer;
  if (framing === "length") {
    lines.push(`Content-Length: ${o.contentLength ?? String(body.length)}`);
    payload = Buffer.from(body);
  } else {
    lines.push("Transfer-Encoding: chunked");
    const parts: Buffer[] = [];
    for (const c of chunks(body, 1024)) parts.push(Buffer.from(`${c.length.toString(16)}${CRLF}`, "latin1"), c, Buffer.from(CRLF, "latin1"));
    if (framing === "chunked") parts.push(Buffer.from(`0${CRLF}${CRLF}`, "latin1"));
    payload = Buffer.concat(parts);
  }
  const head = Buffer.from(`${o.interim ?? ""}${lines.join(CRLF)}${CRLF}${CRLF}`, "latin1");
  return { ...reply, raw: Buffer.concat([head, payload]), ...(o.keepOpen ? { keepOpen: true } : {}) };
}

/** A reply hook that serialises by hand, except for HEAD (whose answer Node keeps without content). */
function onWire(change: (reply: Reply, ctx: ReplyContext) => Reply): (reply: Reply, ctx: ReplyContext) => Reply {
  return (reply, ctx) => (ctx.request.method === "HEAD" ? reply : change(reply, ctx));
}

const isJson = (reply: Reply): boolean => /^application\/json/i.test(reply.headers["content-type"] ?? "") && reply.body !== "";

/** One request header as a single string (Node joins repeats). */
function header(req: RequestView, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

/** The members of a list-based field (RFC 9110 §5.6.1), trimmed, empty ones dropped. */
const members = (value: string): string[] => value.split(",").map((m) => m.trim()).filter((m) => m !== "");

/** A member's name (before `;`) and its q (RFC 9110 §12.4.2; default 1). */
function weighted(member: string): { name: string; params: string[]; q: number } {
  const [name, ...params] = member.split(";").map((p) => p.trim());
  let q = 1;
  const rest: string[] = [];
  for (const p of params) {
    const m = /^q=([0-9.]+)$/i.exec(p);
    if (m) q = Number(m[1]);
    else if (p !== "") rest.push(p);
  }
  return { name: name.toLowerCase(), params: rest, q: Number.isFinite(q) ? q : 1 };
}

/** RFC 9110 §12.5.3: is gzip acceptable (q > 0) to this request? */
function gzipAcceptable(req: RequestView): boolean {
  const ae = header(req, "accept-encoding");
  if (ae === undefined) return false; // no preference: the server may, but the variant does not bother
  let gzip: number | undefined;
  let star: number | undefined;
  for (const m of members(ae)) {
    const { name, q } = weighted(m);
    if (name === "gzip" || name === "x-gzip") gzip = Math.max(gzip ?? 0, q);
    else if (name === "*") star = q;
  }
  return (gzip ?? star ?? 0) > 0;
}

/** RFC 9110 §12.5.1: the weight the Accept field gives application/json (most specific range wins); undefined: no field. */
function jsonWeight(req: RequestView): number | undefined {
  const accept = header(req, "accept");
  if (accept === undefined || accept.trim() === "") return undefined;
  let best: { rank: number; q: number } | undefined;
  for (const m of members(accept)) {
    const { name, q } = weighted(m);
    const rank = name === "application/json" ? 3 : name === "application/*" ? 2 : name === "*/*" ? 1 : 0;
    if (rank > 0 && (!best || rank > best.rank)) best = { rank, q };
  }
  return best ? best.q : 0;
}

/** Every object's members in reverse order, values unchanged. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).reverse()) out[k] = reversed((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** A failure reply of the faults' own (status, the failure envelope), keeping the reply's other headers. */
function refusalReply(reply: Reply, status: number, code: number, message: string): Reply {
  return { ...reply, status, headers: { ...reply.headers, "content-type": "application/json" }, body: JSON.stringify(failureEnvelope({ code, message })) };
}

const http10 = (ctx: ReplyContext): boolean => ctx.request.httpVersion === "1.0";

const EARLY_HINTS = `HTTP/1.1 103 Early Hints${CRLF}Link: <https://api.cloudflare.com>; rel=preconnect${CRLF}${CRLF}`;

// ---------------------------------------------------------------------------------------------
// The faults
// ---------------------------------------------------------------------------------------------

export const BLIND_JSON_HTTP: BlindFault[] = [
  // ----------------------------------------------------------------------------- RFC 8259 --
  {
    name: "json-bom",
    kind: "defect",
    family: "HTTP",
    source: "rfc8259",
    cites: "RFC 8259 §8.1: \"Implementations MUST NOT add a byte order mark (U+FEFF) to the beginning of a networked-transmitted JSON text.\"",
    description: "Every 200 details body starts with a UTF-8 byte order mark (EF BB BF); fetch's text()/json() strip it silently, so only the raw bytes of any details request show it.",
    apply: {
      reply: (reply, ctx) => (ctx.kind === "success" && ctx.operation === "details" ? { ...reply, body: `\uFEFF${reply.body}` } : reply),
    },
  },
  {
    name: "json-latin1-bytes",
    kind: "defect",
    family: "HTTP",
    source: "rfc8259",
    cites: "RFC 8259 §8.1: \"JSON text exchanged between systems that are not part of a closed ecosystem MUST be encoded using UTF-8 [RFC3629].\"",
    description: "Bodies are written as Latin-1 (`res.end(body, 'binary')`): each character becomes one byte, its low 8 bits. Only bodies with non-ASCII text change: on the default data, details of certificates 0 and 5 (Japanese organization/location), which arrive as bytes that are not UTF-8.",
    apply: {
      reply: onWire((reply) => (/[^\x00-\x7f]/.test(reply.body) ? wire(reply, { body: Buffer.from(reply.body, "latin1") }) : reply)),
    },
  },
  {
    name: "json-duplicate-status-member",
    kind: "defect",
    family: "RESULT",
    source: "rfc8259",
    cites: "RFC 8259 §4: \"The names within an object SHOULD be unique.\" ... \"When the names within an object are not unique, the behavior of software that receives such an object is unpredictable. Many implementations report the last name/value pair only. Other implementations report an error or fail to parse the object\"",
    description: "For a certificate that is not active, result carries \"status\":\"active\" first (a default left in) and the real status later in the same object; JSON.parse keeps the last, so only the raw text (or a first-wins or strict parser) shows it. Default data: details of certificates 1 to 5.",
    apply: {
      reply: (reply, ctx) => {
        if (ctx.kind !== "success" || ctx.operation !== "details") return reply;
        if (/"result":\{[^]*"status":"active"/.test(reply.body)) return reply;
        return { ...reply, body: reply.body.replace('"result":{', '"result":{"status":"active",') };
      },
    },
  },
  {
    name: "json-hex-escapes-for-html",
    kind: "defect",
    family: "HTTP",
    source: "rfc8259",
    cites: "RFC 8259 §7: escape = %x5C followed by one of %x22 / %x5C / %x2F / %x62 / %x66 / %x6E / %x72 / %x74 / (%x75 4HEXDIG) (\"uXXXX U+XXXX\"); `\\x` is not an escape of the grammar, so the text is not JSON.",
    description: "An HTML-safety pass escapes <, > and & inside 200 bodies as \\x3c, \\x3e, \\x26 (JavaScript escapes, not JSON ones). Only bodies with those characters break: on the default data, details of certificate 3 (location \"<angle> brackets\").",
    apply: {
      reply: (reply, ctx) =>
        ctx.kind === "success" && ctx.operation === "details"
          ? { ...reply, body: reply.body.replace(/[<>&]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`) }
          : reply,
    },
  },
  {
    name: "json-zero-padded-validity-days",
    kind: "defect",
    family: "RESULT",
    source: "rfc8259",
    cites: "RFC 8259 §6: \"Leading zeros are not allowed.\" (int = zero / ( digit1-9 *DIGIT ))",
    description: "validity_days is written with a fixed-width format (%04d), so values under 1000 get leading zeros (\"validity_days\":0730); default data: details of certificate 2 (730 days) and 3 (12 days) are not JSON, the others are fine.",
    apply: {
      reply: (reply, ctx) =>
        ctx.kind === "success" && ctx.operation === "details"
          ? { ...reply, body: reply.body.replace(/"validity_days":(\d+)/, (_m, d: string) => `"validity_days":${d.padStart(4, "0")}`) }
          : reply,
    },
  },
  {
    name: "json-unescaped-path-in-7003",
    kind: "defect",
    family: "ERR",
    source: "rfc8259",
    cites: "RFC 8259 §7: \"All Unicode characters may be placed within the quotation marks, except for the characters that MUST be escaped: quotation mark, reverse solidus, and the control characters (U+0000 through U+001F).\"",
    description: "The 400 7003 body for a malformed or overlong identifier is built by string concatenation with the percent-decoded path, unescaped: an identifier with %22 (\"), %5C (\\) or a control character (%0A, %09...) gives a body that is not JSON; other malformed ids look right.",
    apply: {
      reply: (reply, ctx) => {
        if (ctx.kind !== "failure" || (ctx.reason !== "id-malformed" && ctx.reason !== "id-overlong") || reply.status !== 400) return reply;
        let parsed: { errors?: { code?: number; message?: string }[] };
        try {
          parsed = JSON.parse(reply.body);
        } catch {
          return reply;
        }
        const error = parsed.errors?.[0];
        const m = error?.code === 7003 ? /^Could not route to (.*), perhaps your object identifier is invalid\?$/s.exec(error.message ?? "") : null;
        if (!m) return reply;
        let path = m[1];
        try {
          path = decodeURIComponent(path);
        } catch {
          /* keep it as sent */
        }
        const body = `{"success":false,"errors":[{"code":7003,"message":"Could not route to ${path}, perhaps your object identifier is invalid?"}],"messages":[],"result":null}`;
        return { ...reply, body };
      },
    },
  },
  {
    name: "json-pretty-printed",
    kind: "conformant",
    source: "rfc8259",
    cites: "RFC 8259 §2: \"Insignificant whitespace is allowed before or after any of the six structural characters.\" (ws = *( %x20 / %x09 / %x0A / %x0D )); JSON-text = ws value ws.",
    description: "Every JSON body (200, list and 4xx) is indented with two spaces and ends with a newline; every value is the same.",
    apply: {
      reply: (reply) => {
        if (!isJson(reply)) return reply;
        try {
          return { ...reply, body: `${JSON.stringify(JSON.parse(reply.body), null, 2)}\n` };
        } catch {
          return reply;
        }
      },
    },
  },
  {
    name: "json-escaped-characters",
    kind: "conformant",
    source: "rfc8259",
    cites: "RFC 8259 §7: \"Any character may be escaped. If the character is in the Basic Multilingual Plane (U+0000 through U+FFFF), then it may be represented as a six-character sequence\" ... \"The hexadecimal letters A through F can be uppercase or lowercase.\"; the escapes include %x2F (\"/ solidus\").",
    description: "Every JSON body is pure ASCII: non-ASCII characters and <, >, & are written as \\uXXXX (upper-case hex) and every / as \\/ (so the PEM's / appear as \\/); every decoded value is the same.",
    apply: {
      reply: (reply) =>
        isJson(reply)
          ? { ...reply, body: reply.body.replace(/[^\x00-\x7f]|[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`).replace(/\//g, "\\/") }
          : reply,
    },
  },
  {
    name: "json-members-reordered",
    kind: "conformant",
    source: "rfc8259",
    cites: "RFC 8259 §4: \"JSON parsing libraries have been observed to differ as to whether or not they make the ordering of object members visible to calling software. Implementations whose behavior does not depend on member ordering will be interoperable in the sense that they will not be affected by these differences.\"",
    description: "Every object of every JSON body has its members in reverse order (result first in the envelope, location first in the certificate, message before code); names and values are the same.",
    apply: {
      reply: (reply) => {
        if (!isJson(reply)) return reply;
        try {
          return { ...reply, body: JSON.stringify(reversed(JSON.parse(reply.body))) };
        } catch {
          return reply;
        }
      },
    },
  },
  {
    name: "json-charset-parameter",
    kind: "conformant",
    source: "rfc8259",
    cites: "RFC 8259 §11 (application/json): \"Note: No \"charset\" parameter is defined for this registration. Adding one really has no effect on compliant recipients.\"",
    description: "Every JSON answer says Content-Type: application/json; charset=utf-8 (the body is UTF-8, as before).",
    apply: {
      reply: (reply) => (reply.headers["content-type"] === "application/json" ? { ...reply, headers: { ...reply.headers, "content-type": "application/json; charset=utf-8" } } : reply),
    },
  },

  // ----------------------------------------------------------------------------- RFC 9110 --
  {
    name: "date-missing-on-refusals",
    kind: "defect",
    family: "HTTP",
    source: "rfc9110",
    cites: "RFC 9110 §6.6.1: \"An origin server with a clock (as defined in Section 5.6.7) MUST generate a Date header field in all 2xx (Successful), 3xx (Redirection), and 4xx (Client Error) responses\"",
    description: "The refusal path writes its answer without a Date field: every 4xx (400, 403, 404, 405, 429) has no Date, while 200s do.",
    apply: {
      reply: onWire((reply, ctx) => (ctx.kind === "failure" && reply.status >= 400 && reply.status < 500 ? wire(reply, { date: false }) : reply)),
    },
  },
  {
    name: "date-numeric-zone",
    kind: "defect",
    family: "HTTP",
    source: "rfc9110",
    cites: "RFC 9110 §5.6.7: \"When a sender generates a field that contains one or more timestamps defined as HTTP-date, the sender MUST generate those timestamps in the IMF-fixdate format.\" (IMF-fixdate = day-name \",\" SP date1 SP time-of-day SP GMT; GMT = %s\"GMT\")",
    description: "Date is written RFC 5322-style with a numeric zone, e.g. \"Mon, 07 Dec 2026 01:32:41 +0000\" (Date.parse accepts it), on every answer.",
    apply: {
      reply: (reply) => ({ ...reply, headers: { ...reply.headers, date: imfNow().replace(/GMT$/, "+0000") } }),
    },
  },
  {
    name: "last-modified-future",
    kind: "defect",
    family: "HTTP",
    source: "rfc9110",
    cites: "RFC 9110 §8.8.2.1: \"An origin server with a clock (as defined in Section 5.6.7) MUST NOT generate a Last-Modified date that is later than the server's time of message origination (Date, Section 6.6.1). If the last modification time is derived from implementation-specific metadata that evaluates to some time in the future, according to the origin server's clock, then the origin server MUST replace that value with the message origination date.\"",
    description: "200 details answers carry Last-Modified = the certificate's issued_on (as an IMF-fixdate), never capped at Date: right for certificates issued in the past, later than Date for certificate 4 of the default data (issued_on 2043-10-11).",
    apply: {
      reply: (reply, ctx) => {
        if (ctx.kind !== "success" || ctx.operation !== "details") return reply;
        try {
          const issued = new Date((JSON.parse(reply.body) as { result: { issued_on: string } }).result.issued_on);
          if (Number.isNaN(issued.getTime())) return reply;
          return { ...reply, headers: { ...reply.headers, "last-modified": issued.toUTCString() } };
        } catch {
          return reply;
        }
      },
    },
  },
  {
    name: "retry-after-fractional",
    kind: "defect",
    family: "HTTP",
    source: "rfc9110",
    cites: "RFC 9110 §10.2.3: \"Retry-After = HTTP-date / delay-seconds\" ... \"A delay-seconds value is a non-negative decimal integer, representing time in seconds.\" (delay-seconds = 1*DIGIT)",
    description: "The 429 answer's Retry-After is the time left in the window in seconds with milliseconds (\"0.734\"), not a whole number; only rate-limited answers (over 50 requests in one second by default) show it.",
    apply: {
      failure: (outcome) => {
        if (outcome.reason !== "rate-limited") return outcome;
        const whole = Number(outcome.headers["retry-after"] ?? "1");
        const left = Math.max(0.001, whole - (Date.now() % 1000) / 1000);
        return { ...outcome, headers: { ...outcome.headers, "retry-after": left.toFixed(3) } };
      },
    },
  },
  {
    name: "bearer-scheme-case-sensitive",
    kind: "defect",
    family: "AUTH",
    source: "rfc9110",
    cites: "RFC 9110 §11.1: \"It uses a case-insensitive token to identify the authentication scheme: auth-scheme = token\"",
    description: "Authorization is matched against the literal prefix \"Bearer \": the valid token sent as \"bearer <token>\" or \"BEARER <token>\" is refused 400 6003/6111 as malformed (and a wrong token so spelled gets 400, not 403); \"Bearer <token>\" works.",
    apply: {
      authenticate: (decision) => {
        const auth = decision.presented.authorization;
        if (auth === undefined || auth.startsWith("Bearer ")) return decision;
        if (!decision.accepted && decision.category === "malformed") return decision;
        return {
          accepted: false, category: "malformed", status: 400,
          error: ERRORS.invalidHeaders([ERRORS.invalidAuthorizationFormat()]), presented: decision.presented,
        };
      },
    },
  },
  {
    name: "unauthorized-without-challenge",
    kind: "defect",
    family: "AUTH",
    source: "rfc9110",
    cites: "RFC 9110 §11.6.1: \"A server generating a 401 (Unauthorized) response MUST send a WWW-Authenticate header field containing at least one challenge.\" (also §15.5.2)",
    description: "Well-formed credentials that match nothing (wrong token, wrong email/key) are answered 401 with the same 9109/9103 body and no WWW-Authenticate field, instead of 403.",
    apply: {
      authenticate: (decision) =>
        !decision.accepted && (decision.category === "wrong-token" || decision.category === "wrong-key") ? { ...decision, status: 401 } : decision,
    },
  },
  {
    name: "accept-matched-literally",
    kind: "defect",
    family: "HTTP",
    source: "rfc9110",
    cites: "RFC 9110 §15.5.7: \"The 406 (Not Acceptable) status code indicates that the target resource does not have a current representation that would be acceptable to the user agent, according to the proactive negotiation header fields received in the request\"; §8.3.1: \"The type and subtype tokens are case-insensitive.\"; §12.5.1: media-range = ( \"*/*\" / ( type \"/\" \"*\" ) / ( type \"/\" subtype ) ) parameters.",
    description: "Accept is split on commas and compared literally: unless one member is exactly \"application/json\" or \"*/*\", the answer is 406. Requests that do accept JSON get 406: \"application/json; charset=utf-8\", \"application/json;q=0.9\", \"application/*\", \"*/*;q=0.8\", \"Application/JSON\"; no Accept or \"*/*\" works.",
    apply: {
      reply: (reply, ctx) => {
        const accept = header(ctx.request, "accept");
        if (accept === undefined || ctx.operation === undefined) return reply;
        if (members(accept).some((m) => m === "application/json" || m === "*/*")) return reply;
        return refusalReply(reply, 406, 1006, "Not acceptable: this resource is only available as application/json");
      },
    },
  },
  {
    name: "gzip-despite-q0",
    kind: "defect",
    family: "HTTP",
    source: "rfc9110",
    cites: "RFC 9110 §12.5.3: \"If the representation's content coding is one of the content codings listed in the Accept-Encoding field value, then it is acceptable unless it is accompanied by a qvalue of 0. (As defined in Section 12.4.2, a qvalue of 0 means \"not acceptable\".)\"; §12.4.2: \"a value of 0 means \"not acceptable\"\".",
    description: "Bodies are gzip-compressed (Content-Encoding: gzip) whenever the Accept-Encoding value mentions gzip at all, ignoring weights: \"gzip;q=0\" or \"identity, gzip;q=0\" still get gzip. Requests that accept gzip (fetch's default) get a correct gzip answer.",
    apply: {
      reply: onWire((reply, ctx) => {
        if (!/gzip/i.test(header(ctx.request, "accept-encoding") ?? "") || reply.body === "") return reply;
        return wire(reply, { body: gzipSync(Buffer.from(reply.body, "utf8")), extraLines: ["Content-Encoding: gzip", "Vary: Accept-Encoding"] });
      }),
    },
  },
  {
    name: "allow-lists-refused-methods",
    kind: "defect",
    family: "HTTP",
    source: "rfc9110",
    cites: "RFC 9110 §15.5.6: \"The origin server MUST generate an Allow header field in a 405 response containing a list of the target resource's currently supported methods.\"",
    description: "The 405 answer's Allow is a framework default, \"GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\": it names methods that are themselves answered 405 (e.g. POST gets 405 with Allow listing POST).",
    apply: {
      reply: (reply) => (reply.status === 405 ? { ...reply, headers: { ...reply.headers, allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" } } : reply),
    },
  },
  {
    name: "uppercase-id-server-error",
    kind: "defect",
    family: "ID",
    source: "rfc9110",
    cites: "RFC 9110 §15: \"4xx (Client Error): The request contains bad syntax or cannot be fulfilled\" / \"5xx (Server Error): The server failed to fulfill an apparently valid request\"",
    description: "An identifier of 32 hexadecimal digits with upper-case letters (zone or certificate, e.g. a valid id upper-cased) crashes the lookup: 500 10001 instead of the 400 7003 client error; lower-case ids and other malformed ids are answered correctly.",
    apply: {
      idCheck: (check, action) =>
        action.action === "refuse" && check.verdict === "malformed" && /^[0-9A-Fa-f]{32}$/.test(check.id.value ?? "") ? { action: "fail", status: 500 } : action,
    },
  },
  {
    name: "content-type-missing-on-404",
    kind: "defect",
    family: "HTTP",
    source: "rfc9110",
    cites: "RFC 9110 §8.3: \"A sender that generates a message containing content SHOULD generate a Content-Type header field in that message unless the intended media type of the enclosed representation is unknown to the sender.\"",
    description: "The 404 for an unknown certificate (well-formed id the zone does not hold, e.g. 32 zeros) has its JSON failure envelope but no Content-Type field; every other answer is labelled application/json.",
    apply: {
      reply: (reply, ctx) => {
        if (ctx.reason !== "certificate-unknown" || reply.status !== 404) return reply;
        const { "content-type": _dropped, ...headers } = reply.headers;
        return { ...reply, headers };
      },
    },
  },
  {
    name: "content-type-repeated",
    kind: "defect",
    family: "HTTP",
    source: "rfc9110",
    cites: "RFC 9110 §5.3: \"a sender MUST NOT generate multiple field lines with the same name in a message ... unless that field's definition allows multiple field line values to be recombined as a comma-separated list\"; §8.3: \"Content-Type is defined as a singleton field\" (Content-Type = media-type).",
    description: "200 answers carry two Content-Type field lines, \"application/json; charset=utf-8\" (a middleware) and \"application/json\" (the handler); fetch joins them into \"application/json; charset=utf-8, application/json\". Refusals have one.",
    apply: {
      reply: onWire((reply, ctx) =>
        ctx.kind === "success" ? wire(reply, { omit: ["content-type"], extraLines: ["Content-Type: application/json; charset=utf-8", "content-type: application/json"] }) : reply),
    },
  },
  {
    name: "early-hints-to-http10",
    kind: "defect",
    family: "HTTP",
    source: "rfc9110",
    cites: "RFC 9110 §15.2: \"Since HTTP/1.0 did not define any 1xx status codes, a server MUST NOT send a 1xx response to an HTTP/1.0 client.\"",
    description: "Every answer is preceded by an interim \"103 Early Hints\" (Link: preconnect), also for HTTP/1.0 requests; HTTP/1.1 requests are answered correctly (1xx then the final answer).",
    apply: {
      reply: onWire((reply) => wire(reply, { interim: EARLY_HINTS })),
    },
  },
  {
    name: "content-type-mixed-case",
    kind: "conformant",
    source: "rfc9110",
    cites: "RFC 9110 §8.3.1: \"The type and subtype tokens are case-insensitive.\" (its example: text/html;charset=utf-8 and Text/HTML;Charset=\"utf-8\" are equivalent)",
    description: "Every JSON answer says Content-Type: Application/JSON.",
    apply: {
      reply: (reply) => (reply.headers["content-type"] === "application/json" ? { ...reply, headers: { ...reply.headers, "content-type": "Application/JSON" } } : reply),
    },
  },
  {
    name: "early-hints-103",
    kind: "conformant",
    source: "rfc9110",
    cites: "RFC 9110 §15.2: \"A client MUST be able to parse one or more 1xx responses received prior to a final response, even if the client does not expect one. A user agent MAY ignore unexpected 1xx responses.\" (and \"a server MUST NOT send a 1xx response to an HTTP/1.0 client\", which it does not)",
    description: "HTTP/1.1 requests get an interim \"103 Early Hints\" (Link: <https://api.cloudflare.com>; rel=preconnect) before the final answer; HTTP/1.0 requests do not.",
    apply: {
      reply: onWire((reply, ctx) => (http10(ctx) ? reply : wire(reply, { interim: EARLY_HINTS }))),
    },
  },
  {
    name: "gzip-when-accepted",
    kind: "conformant",
    source: "rfc9110",
    cites: "RFC 9110 §8.4: \"If one or more encodings have been applied to a representation, the sender that applied the encodings MUST generate a Content-Encoding header field that lists the content codings\"; §12.5.3: a coding listed in Accept-Encoding \"is acceptable unless it is accompanied by a qvalue of 0\".",
    description: "When Accept-Encoding accepts gzip with q > 0 (fetch's default \"gzip, deflate, br\"), every body is gzip-compressed with Content-Encoding: gzip and Vary: Accept-Encoding; otherwise (no field, identity, gzip;q=0) it is sent as is.",
    apply: {
      reply: onWire((reply, ctx) => {
        if (!gzipAcceptable(ctx.request) || reply.body === "") return reply;
        return wire(reply, { body: gzipSync(Buffer.from(reply.body, "utf8")), extraLines: ["Content-Encoding: gzip", "Vary: Accept-Encoding"] });
      }),
    },
  },
  {
    name: "www-authenticate-on-credential-refusals",
    kind: "conformant",
    source: "rfc9110",
    cites: "RFC 9110 §11.6.1: \"A server MAY generate a WWW-Authenticate header field in other response messages to indicate that supplying credentials (or different credentials) might affect the response.\"",
    description: "Credential refusals (400 9106/6003, 403 9103/9109) carry WWW-Authenticate: Bearer realm=\"api.cloudflare.com\"; statuses and bodies are unchanged.",
    apply: {
      reply: (reply, ctx) =>
        ctx.kind === "failure" && ctx.reason !== undefined && AUTH_REFUSALS.has(ctx.reason)
          ? { ...reply, headers: { ...reply.headers, "www-authenticate": 'Bearer realm="api.cloudflare.com"' } }
          : reply,
    },
  },
  (() => {
    // HEAD is answered as GET would be; Node's response to a HEAD request sends the fields and no content.
    const fault: BlindFault = {
      name: "head-answered-like-get",
      kind: "conformant",
      source: "rfc9110",
      cites: "RFC 9110 §9.1: \"All general-purpose servers MUST support the methods GET and HEAD.\"; §9.3.2: \"The HEAD method is identical to GET except that the server MUST NOT send content in the response.\"; §15.5.6: Allow lists \"the target resource's currently supported methods\".",
      description: "HEAD on the details (and list) path gets the fields GET would get (200 with its Content-Length, or the same refusal) and no content, instead of 405; the 405 for other methods says Allow: GET, HEAD.",
      apply: {
        request: (req) => {
          if (req.method === "HEAD") req.method = "GET"; // the handler answers it as GET; Node drops the content
          return undefined;
        },
        reply: (reply) => (reply.status === 405 ? { ...reply, headers: { ...reply.headers, allow: "GET, HEAD" } } : reply),
      },
    };
    return fault;
  })(),
  {
    name: "not-acceptable-when-json-excluded",
    kind: "conformant",
    source: "rfc9110",
    cites: "RFC 9110 §12.4.1: \"If a content negotiation header field is present in a request and none of the available representations for the response can be considered acceptable according to it, the origin server can either honor the header field by sending a 406 (Not Acceptable) response or disregard the header field\"",
    description: "A request whose Accept gives application/json weight 0 (e.g. \"text/html\", \"application/xml\", \"application/json;q=0\") gets 406 with a failure envelope (code 1006) where it would have got 200; any Accept that admits JSON (application/json, application/*, */*, any case, any q > 0) and refusals are unchanged.",
    apply: {
      reply: (reply, ctx) =>
        ctx.kind === "success" && jsonWeight(ctx.request) === 0
          ? refusalReply(reply, 406, 1006, "Not acceptable: this resource is only available as application/json")
          : reply,
    },
  },

  // ----------------------------------------------------------------------------- RFC 9112 --
  {
    name: "content-length-counts-characters",
    kind: "defect",
    family: "HTTP",
    source: "rfc9112",
    cites: "RFC 9112 §6.2: \"a Content-Length header field ... can provide the anticipated size, as a decimal number of octets, for potential content. For messages that do include content, the Content-Length field value provides the framing information necessary for determining where the data (and message) ends.\"; RFC 9110 §8.6: \"a sender MUST NOT forward a message with a Content-Length header field value that is known to be incorrect.\"",
    description: "Content-Length is the body's length in UTF-16 code units (body.length), not octets: right for ASCII bodies, short for bodies with non-ASCII text, whose JSON arrives cut off. Default data: details of certificates 0 and 5.",
    apply: {
      reply: onWire((reply) => (/[^\x00-\x7f]/.test(reply.body) ? wire(reply, { contentLength: String(reply.body.length) }) : reply)),
    },
  },
  {
    name: "status-line-without-space",
    kind: "defect",
    family: "HTTP",
    source: "rfc9112",
    cites: "RFC 9112 §4: \"status-line = HTTP-version SP status-code SP [ reason-phrase ]\" ... \"A server MUST send the space that separates the status-code from the reason-phrase even when the reason-phrase is absent (i.e., the status-line would end with the space).\"",
    description: "Every status line is \"HTTP/1.1 200\" with neither reason phrase nor the space before CRLF; Node's fetch accepts it, only the raw bytes show it.",
    apply: {
      reply: onWire((reply) => wire(reply, { statusLine: `HTTP/1.1 ${reply.status}` })),
    },
  },
  {
    name: "obs-fold-content-type",
    kind: "defect",
    family: "HTTP",
    source: "rfc9112",
    cites: "RFC 9112 §5.2: \"A sender MUST NOT generate a message that includes line folding (i.e., that has any field line value that contains a match to the obs-fold rule) unless the message is intended for packaging within the \"message/http\" media type.\" (obs-fold = OWS CRLF RWS)",
    description: "Content-Type is written folded over two lines, \"Content-Type: application/json;\" CRLF SP \"charset=utf-8\", on every answer; fetch unfolds it into \"application/json; charset=utf-8\".",
    apply: {
      reply: onWire((reply) =>
        reply.headers["content-type"] === undefined ? reply : wire(reply, { omit: ["content-type"], extraLines: [`Content-Type: application/json;${CRLF} charset=utf-8`] })),
    },
  },
  {
    name: "chunked-without-last-chunk",
    kind: "defect",
    family: "HTTP",
    source: "rfc9112",
    cites: "RFC 9112 §7.1: \"chunked-body = *chunk last-chunk trailer-section CRLF\" ... \"The chunked transfer coding is complete when a chunk with a chunk-size of zero is received\"; §8: \"A message body that uses the chunked transfer coding is incomplete if the zero-sized chunk that terminates the encoding has not been received.\"",
    description: "HTTP/1.1 answers are sent chunked and the server then closes the connection without the terminating zero-size chunk; Node's fetch returns the body anyway, a strict reader sees an incomplete message. HTTP/1.0 answers keep Content-Length.",
    apply: {
      reply: onWire((reply, ctx) => (http10(ctx) ? reply : wire(reply, { framing: "chunked-unterminated" }))),
    },
  },
  {
    name: "chunked-to-http10",
    kind: "defect",
    family: "HTTP",
    source: "rfc9112",
    cites: "RFC 9112 §6.1: \"A server MUST NOT send a response containing Transfer-Encoding unless the corresponding request indicates HTTP/1.1 (or later minor revisions).\"",
    description: "Answers to HTTP/1.0 requests are sent with Transfer-Encoding: chunked (well-formed chunks) instead of Content-Length; HTTP/1.1 requests are answered correctly.",
    apply: {
      reply: onWire((reply, ctx) => (http10(ctx) ? wire(reply, { framing: "chunked" }) : reply)),
    },
  },
  {
    name: "keep-alive-advertised-then-closed",
    kind: "defect",
    family: "HTTP",
    source: "rfc9112",
    cites: "RFC 9112 §9.3: \"A server that does not support persistent connections MUST send the \"close\" connection option in every response message that does not have a 1xx (Informational) status code.\"; §9.6: \"A sender SHOULD send a Connection header field ... containing the \"close\" connection option when it intends to close a connection.\"",
    description: "Every answer says Connection: keep-alive (Keep-Alive: timeout=5) and the server closes the connection right after it; a second request on the same connection fails.",
    apply: {
      reply: onWire((reply) => wire(reply, { connection: "keep-alive", keepAlive: "timeout=5" })),
    },
  },
  {
    name: "connection-close-ignored",
    kind: "defect",
    family: "HTTP",
    source: "rfc9112",
    cites: "RFC 9112 §9.6: \"A server that receives a \"close\" connection option MUST initiate closure of the connection (see below) after it sends the final response to the request that contained the \"close\" connection option.\"",
    description: "A request with Connection: close is answered with Connection: keep-alive and the connection is left open (until the client closes it); requests without it are answered as before.",
    apply: {
      reply: onWire((reply, ctx) => {
        const options = members(header(ctx.request, "connection") ?? "").map((m) => m.toLowerCase());
        return options.includes("close") ? wire(reply, { connection: "keep-alive", keepAlive: "timeout=5", keepOpen: true }) : reply;
      }),
    },
  },
  {
    name: "chunked-transfer-coding",
    kind: "conformant",
    source: "rfc9112",
    cites: "RFC 9112 §6.1: \"A recipient MUST be able to parse the chunked transfer coding (Section 7.1) because it plays a crucial role in framing messages when the content size is not known in advance.\"; §6.3: with chunked as the final coding \"the message body length is determined by reading and decoding the chunked data until the transfer coding indicates the data is complete.\"",
    description: "HTTP/1.1 answers are framed with Transfer-Encoding: chunked (1024-octet chunks, a last chunk, no Content-Length) and Connection: close; HTTP/1.0 answers keep Content-Length.",
    apply: {
      reply: onWire((reply, ctx) => (http10(ctx) ? reply : wire(reply, { framing: "chunked" }))),
    },
  },
  {
    name: "reason-phrase-omitted",
    kind: "conformant",
    source: "rfc9112",
    cites: "RFC 9112 §4: \"status-line = HTTP-version SP status-code SP [ reason-phrase ]\" ... \"A client SHOULD ignore the reason-phrase content because it is not a reliable channel for information\"; RFC 9110 §15.1: reason phrases \"can be replaced by local equivalents or left out altogether without affecting the protocol.\"",
    description: "Every status line has no reason phrase but keeps the space: \"HTTP/1.1 200 \" CRLF, \"HTTP/1.1 404 \" CRLF.",
    apply: {
      reply: onWire((reply) => wire(reply, { statusLine: `HTTP/1.1 ${reply.status} ` })),
    },
  },
  {
    name: "connection-close-always",
    kind: "conformant",
    source: "rfc9112",
    cites: "RFC 9112 §9.3: \"A server that does not support persistent connections MUST send the \"close\" connection option in every response message that does not have a 1xx (Informational) status code.\"; §9.6: \"A server that sends a \"close\" connection option MUST initiate closure of the connection ... after it sends the response containing the \"close\" connection option.\"",
    description: "The server does not keep connections: every answer says Connection: close and the connection is closed after it (through Node's own serialiser).",
    apply: {
      reply: (reply) => ({ ...reply, headers: { ...reply.headers, connection: "close" } }),
    },
  },
];
