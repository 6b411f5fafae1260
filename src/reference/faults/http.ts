import { ERRORS, failureEnvelope } from "../envelopes.ts";
import { fault, READ_REQUIREMENTS, REFUSAL_REQUIREMENTS } from "./helpers.ts";
import type { Fault, Reply, ReplyContext } from "./types.ts";
import { requestField } from "./wire.ts";

/** The identifier segments of a details or list path (raw, as sent), or none for another path. */
function identifierSegments(target: string): string[] {
  const path = target.split("?")[0]!.replace(/^[a-z]+:\/\/[^/]+/i, "");
  const m = /\/zones\/([^/]*)\/client_certificates(?:\/(.*))?$/.exec(path);
  return m ? [m[1]!, ...(m[2] !== undefined ? [m[2]] : [])] : [];
}

const decoded = (segment: string) => { try { return decodeURIComponent(segment); } catch { return segment; } };
const RESET: Reply = { status: 0, headers: {}, body: "", reset: true };
const HANG: Reply = { status: 0, headers: {}, body: "", hang: true };

function htmlPage(status: number): string {
  const title = `${status} ${status === 404 ? "Not Found" : status === 403 ? "Forbidden" : status === 429 ? "Too Many Requests" : "Bad Request"}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>cloudflare</center></body></html>\n`;
}

const OVERSIZE_PADDING = " ".repeat(9 * 1024 * 1024);

const isRead = (ctx: ReplyContext) => ctx.kind === "success" && ctx.operation === "details";

/** The literal segments of the operation's path, matched without regard to letter case (the identifiers are left as sent). */
const caseFolded = (target: string) => target.replace(/\/zones\//i, "/zones/").replace(/\/client_certificates(?=\/|\?|$)/i, "/client_certificates");

/** HTTP: status codes, content type, the body as a JSON document, an answer at all. */
export const HTTP_FAULTS: Fault[] = [
  fault({
    name: "trace-reflected", family: "HTTP",
    trips: ["HTTP-TRACE-REFUSED"],
    description: "TRACE is served on every path: 200 message/http with the request line and the header fields it received, instead of a 405.",
    apply: {
      request: (req) => {
        if (req.method !== "TRACE") return undefined;
        const lines = [`TRACE ${req.target} HTTP/${req.httpVersion}`];
        for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        return { status: 200, headers: { "content-type": "message/http" }, body: `${lines.join("\r\n")}\r\n\r\n` };
      },
    },
  }),
  fault({
    name: "allow-lists-every-method", family: "HTTP",
    trips: ["HTTP-ALLOW-ACCURATE"],
    description: "A 405 carries a framework's default Allow, \"GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\": it lists methods it refuses, OPTIONS among them.",
    apply: { reply: (reply) => (reply.status === 405 ? { ...reply, headers: { ...reply.headers, allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" } } : reply) },
  }),
  fault({
    name: "reset-on-odd-identifiers", family: "HTTP",
    trips: ["HTTP-EVERY-REQUEST-ANSWERED"],
    // the probes it resets cannot be judged by their own requirements (errored, not failed)
    incidental: ["ID-MAXLENGTH-ZONE", "ID-MAXLENGTH-CERTIFICATE", "ID-MALFORMED-REFUSED", "ID-UNKNOWN-REFUSED", "ID-ZONE-SCOPED"],
    description: "The connection is reset for an identifier containing % or . (a proxy rule), while every ordinary read is answered.",
    apply: { request: ({ target }) => (identifierSegments(target).some((s) => /[%.]/.test(s)) ? RESET : undefined) },
  }),
  fault({
    name: "hang-on-overlong-zone-identifiers", family: "HTTP",
    trips: ["HTTP-EVERY-REQUEST-ANSWERED"], incidental: ["ID-MAXLENGTH-ZONE", "ID-MALFORMED-REFUSED"],
    description: "A request whose zone identifier is longer than 32 characters is never answered (the connection stays open), while every ordinary read is answered.",
    apply: { request: ({ target }) => ([...decoded(identifierSegments(target)[0] ?? "")].length > 32 ? HANG : undefined) },
  }),
  fault({
    name: "refusals-rate-limited", family: "HTTP",
    trips: ["HTTP-EVERY-REQUEST-ANSWERED"], incidental: [...REFUSAL_REQUIREMENTS, "AUTH-REFUSAL-STATUS", "HTTP-ALLOW-ACCURATE", "HTTP-TRACE-REFUSED"],
    description: "Every refusal is answered 429 with Retry-After: 0 (a failure envelope, code 10000), however often it is retried; reads are answered.",
    apply: { failure: (o) => ({ ...o, status: 429, headers: { ...o.headers, "retry-after": "0" }, body: failureEnvelope(ERRORS.rateLimited()) }) },
  }),
  fault({
    name: "existing-certificate-not-found", family: "HTTP",
    trips: ["HTTP-EXISTING-200"], incidental: [...READ_REQUIREMENTS],
    description: "Every existing certificate of the zone is answered 404 (code 1404), as if unknown; the list still names them.",
    apply: { lookup: (input, next) => {
      const r = next(input);
      return r.kind === "found" ? { kind: "refuse", reason: "certificate-unknown" } : r;
    } },
  }),
  fault({
    name: "content-type-text-plain", family: "HTTP",
    // A read that asks for */* gets text/plain too: the negotiation's evidence.
    trips: ["HTTP-JSON-CONTENT-TYPE"], incidental: ["HTTP-NEGOTIATION"],
    description: "Every response but the list's is sent as text/plain; the body is still the same JSON.",
    apply: { reply: (reply, ctx) => (ctx.kind === "success" && ctx.operation === "list" ? reply : { ...reply, headers: { ...reply.headers, "content-type": "text/plain; charset=utf-8" } }) },
  }),
  fault({
    name: "html-error-pages", family: "HTTP",
    // An HTML page is no envelope at all: a suite may also say so of the failure envelope's members.
    trips: ["HTTP-JSON-CONTENT-TYPE", "HTTP-JSON-BODY", ...REFUSAL_REQUIREMENTS], incidental: ["ERR-REQUIRED-MEMBERS"],
    description: "Every 4xx is an HTML error page (text/html), not a failure envelope; statuses are unchanged.",
    apply: { reply: (reply, ctx) => (ctx.kind === "failure" && reply.status >= 400 && reply.status < 500
      ? { ...reply, headers: { ...reply.headers, "content-type": "text/html; charset=utf-8" }, body: htmlPage(reply.status) }
      : reply) },
  }),
  fault({
    name: "json-truncated", family: "HTTP",
    // Half a JSON text is no envelope either: a suite may also say so of the success envelope's members.
    trips: ["HTTP-JSON-BODY"], incidental: ["ENV-REQUIRED-MEMBERS"],
    description: "Every 200 of the details operation sends only the first half of its JSON (Content-Length matches what is sent).",
    apply: { reply: (reply, ctx) => (ctx.kind === "success" && ctx.operation === "details" ? { ...reply, body: reply.body.slice(0, Math.floor(reply.body.length / 2)) } : reply) },
  }),
  fault({
    name: "body-byte-order-mark", family: "HTTP",
    trips: ["HTTP-JSON-BODY"],
    description: "A 200 read's JSON text is preceded by a UTF-8 byte order mark (EF BB BF), which RFC 8259 §8.1 forbids adding.",
    apply: { reply: (reply, ctx) => (isRead(ctx) ? { ...reply, body: `\uFEFF${reply.body}` } : reply) },
  }),
  fault({
    name: "result-member-repeated", family: "HTTP",
    trips: ["HTTP-JSON-INTEROPERABLE"],
    description: "A 200 read's result names its id member twice (\"id\":\"…\",\"id\":\"…\", the same value): parsers that keep the first or the last agree here, by luck.",
    apply: { reply: (reply, ctx) => (isRead(ctx) ? { ...reply, body: reply.body.replace(/"result":\{"id":("[^"]*"),/, '"result":{"id":$1,"id":$1,') } : reply) },
  }),
  fault({
    name: "accept-any-refused-406", family: "HTTP",
    trips: ["HTTP-NEGOTIATION"],
    // That read asked for an existing certificate: its 406 is also a read refused.
    incidental: ["HTTP-EXISTING-200"],
    description: "A read whose Accept is */* is answered 406 (a failure envelope, code 1406), as if */* did not admit application/json; Accept: application/json is served.",
    apply: { reply: (reply, ctx) => (isRead(ctx) && requestField(ctx.request, "accept")?.trim() === "*/*"
      ? { status: 406, headers: { ...reply.headers, "content-type": "application/json" }, body: JSON.stringify(failureEnvelope({ code: 1406, message: "Not acceptable: this resource is available as application/json only" })) }
      : reply) },
  }),
  fault({
    name: "path-case-insensitive", family: "HTTP",
    trips: ["HTTP-PATH-EXACT"],
    description: "The path's literal segments are matched without letter case: /zones/{zone}/Client_Certificates/{id} is served as the operation (identifiers are still checked as sent).",
    apply: { target: caseFolded },
  }),
  fault({
    name: "body-oversized", family: "HTTP",
    trips: ["HTTP-BODY-BOUNDED"],
    // What a cut body would have said cannot be judged: the checks that read it report errored.
    // One certificate only (it has one status of its own), so the fault costs two 9 MiB reads, not twelve.
    description: "The 200 of the pending_reactivation certificate's details ends in 9 MiB of JSON white space (still one valid document, but past the 8 MiB the suite reads).",
    apply: { reply: (reply, ctx) => (ctx.kind === "success" && ctx.operation === "details" && reply.body.includes('"status":"pending_reactivation"')
      ? { ...reply, body: reply.body + OVERSIZE_PADDING } : reply) },
  }),
  fault({
    name: "response-never-sent", family: "HTTP",
    trips: ["HTTP-EXISTING-200"], expect: "errored",
    // every check that reads the answer of a read reports errored too
    incidental: [...READ_REQUIREMENTS, "ID-RESULT-ECHO", "X509-CERTIFICATE-PARSES", "HTTP-JSON-CONTENT-TYPE", "HTTP-JSON-BODY", "HTTP-BODY-BOUNDED", "HTTP-EVERY-REQUEST-ANSWERED"],
    description: "A good read never gets an answer (no status line, no headers) until the server closes: the suite errors on it, it cannot fail it.",
    apply: { reply: (reply, ctx) => (ctx.kind === "success" && ctx.operation === "details" ? { ...reply, hang: true } : reply) },
  }),
];
