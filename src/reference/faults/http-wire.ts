import { gzipSync } from "node:zlib";
import { fault } from "./helpers.ts";
import type { Fault, Reply, ReplyContext } from "./types.ts";
import { asksToClose, codingWeight, wireReply } from "./wire.ts";

const isRead = (ctx: ReplyContext) => ctx.kind === "success" && ctx.operation === "details";
const isRefusal = (reply: Reply, ctx: ReplyContext) => ctx.kind === "failure" && reply.status >= 400 && reply.status < 500;

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** RFC 850's date, obsolete since RFC 1123 (`Sunday, 06-Nov-94 08:49:37 GMT`): recipients must read it, senders must not write it. */
function rfc850Date(d: Date): string {
  const [, dd, mon, yyyy, time] = d.toUTCString().split(" ");
  return `${DAY_NAMES[d.getUTCDay()]}, ${dd}-${mon}-${yyyy!.slice(2)} ${time} GMT`;
}

const DAY_MS = 86_400_000;

/** HTTP on the wire: message syntax, fields that may appear once, dates, content codings, connections, caching. */
export const HTTP_WIRE_FAULTS: Fault[] = [
  fault({
    name: "refusals-bare-lf", family: "HTTP",
    trips: ["HTTP-MESSAGE-FRAMING"],
    description: "Every 4xx is written with bare LF line ends (no CR) after its status line and field lines; status, fields and body are otherwise right.",
    apply: { reply: (reply, ctx) => (isRefusal(reply, ctx) ? wireReply(reply, { lineEnd: "\n" }) : reply) },
  }),
  fault({
    // Server, not Content-Type: a client that joins the repeats (RFC 9110 §5.3) reads "application/json, application/json", no media type.
    name: "server-field-repeated", family: "HTTP",
    trips: ["HTTP-SINGLETON-FIELDS"],
    description: "A 200 read of a certificate carries Server twice (the origin's and a proxy's, on two field lines).",
    apply: { reply: (reply, ctx) => (isRead(ctx) ? wireReply({ ...reply, headers: { ...reply.headers, server: "cert-api/1.4" } }, { extra: [["server", "cloudflare"]] }) : reply) },
  }),
  fault({
    name: "close-request-ignored", family: "HTTP",
    trips: ["HTTP-CONNECTION-PERSISTENCE"],
    description: "A request that says Connection: close is answered Connection: keep-alive, and the server leaves the connection open (until the client closes it).",
    apply: { reply: (reply, ctx) => (reply.raw === undefined && !reply.hang && !reply.reset && asksToClose(ctx.request) && ctx.request.httpVersion === "1.1" ? wireReply(reply, { connection: "keep-open" }) : reply) },
  }),
  fault({
    name: "date-missing-on-refusals", family: "HTTP",
    trips: ["HTTP-DATE-PRESENT"],
    description: "No 4xx carries a Date field (the 200s do).",
    apply: { reply: (reply, ctx) => (isRefusal(reply, ctx) ? wireReply(reply, { omit: ["date"] }) : reply) },
  }),
  fault({
    name: "date-rfc850", family: "HTTP",
    trips: ["HTTP-DATE-FORMAT"],
    description: "Date is written in the obsolete RFC 850 format (Sunday, 06-Nov-94 08:49:37 GMT), the right instant.",
    apply: { reply: (reply) => ({ ...reply, headers: { ...reply.headers, date: rfc850Date(new Date()) } }) },
  }),
  fault({
    name: "last-modified-after-date", family: "HTTP",
    trips: ["HTTP-DATE-FORMAT"],
    description: "A 200 read carries a Last-Modified a day later than its Date (both IMF-fixdates).",
    apply: { reply: (reply, ctx) => (isRead(ctx) ? { ...reply, headers: { ...reply.headers, "last-modified": new Date(Date.now() + DAY_MS).toUTCString() } } : reply) },
  }),
  fault({
    name: "gzip-label-on-plain-body", family: "HTTP",
    trips: ["HTTP-CONTENT-CODING"],
    // A body that does not decode is no JSON to the client that decodes it.
    incidental: ["HTTP-JSON-BODY", "ENV-REQUIRED-MEMBERS"],
    description: "To a request that accepts gzip, the answer says Content-Encoding: gzip, but its body is the plain JSON text.",
    apply: { reply: (reply, ctx) => ((codingWeight(ctx.request, "gzip") ?? 0) > 0 && reply.raw === undefined ? { ...reply, headers: { ...reply.headers, "content-encoding": "gzip" } } : reply) },
  }),
  fault({
    name: "gzip-despite-q0", family: "HTTP",
    trips: ["HTTP-CODING-ACCEPTED"],
    description: "Any request whose Accept-Encoding names gzip, also with q=0 (gzip;q=0, identity: not acceptable), gets a gzip body (one that decodes to the right JSON).",
    apply: { reply: (reply, ctx) => (codingWeight(ctx.request, "gzip") !== undefined && reply.raw === undefined && !reply.hang && !reply.reset
      ? wireReply(reply, { extra: [["content-encoding", "gzip"]], body: gzipSync(Buffer.from(reply.body, "utf8")) })
      : reply) },
  }),
  fault({
    name: "retry-after-fractional", family: "HTTP",
    trips: ["HTTP-RETRY-AFTER-VALID"],
    description: "Every 4xx carries Retry-After: 1.5 (fractional seconds: delay-seconds is whole digits).",
    apply: { reply: (reply, ctx) => (isRefusal(reply, ctx) ? { ...reply, headers: { ...reply.headers, "retry-after": "1.5" } } : reply) },
  }),
  fault({
    name: "reads-cached-publicly", family: "HTTP",
    trips: ["HTTP-CACHE-PRIVATE"],
    description: "A 200 read says Cache-Control: public, max-age=3600: any shared cache may keep one client's certificate for the next.",
    apply: { reply: (reply, ctx) => (isRead(ctx) ? { ...reply, headers: { ...reply.headers, "cache-control": "public, max-age=3600" } } : reply) },
  }),
];
