import { STATUS_CODES } from "node:http";
import type { Reply, RequestView } from "./types.ts";

/** How a fault writes an answer's bytes itself, where Node's serialisation would not let it deviate. */
export interface WireOptions {
  /** The line end of the status and field lines and of the empty line after them (default CRLF). */
  lineEnd?: string;
  /** Field lines added after the reply's own (a repeat of one of them, a Content-Encoding). */
  extra?: [string, string][];
  /** Fields left out (lower-case names): `date`. */
  omit?: string[];
  /** The body's bytes, when they are not the reply's text (a gzip body). */
  body?: Uint8Array;
  /**
   * `close` (default): the answer says Connection: close, and the server closes the connection;
   * `keep-open`: it says Connection: keep-alive, and the server leaves the connection open (whatever the request asked).
   */
  connection?: "close" | "keep-open";
}

/**
 * The reply as bytes on the wire, the way Node would write it (status line, the reply's fields, a
 * Date, Content-Length, Connection: close) but for what `opts` changes. The server writes them and
 * closes the connection, unless `connection` is `keep-open` (it then never reads another request
 * on it: a fault's connection answers once).
 */
export function wireReply(reply: Reply, opts: WireOptions = {}): Reply {
  const body = opts.body ?? Buffer.from(reply.body, "utf8");
  const eol = opts.lineEnd ?? "\r\n";
  const fields: [string, string][] = [...Object.entries(reply.headers), ...(opts.extra ?? [])];
  if (!fields.some(([n]) => n.toLowerCase() === "date")) fields.push(["date", new Date().toUTCString()]);
  fields.push(["content-length", String(body.length)]);
  fields.push(["connection", opts.connection === "keep-open" ? "keep-alive" : "close"]);
  const omit = new Set(opts.omit ?? []);
  const head = [`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ""}`, ...fields.filter(([n]) => !omit.has(n.toLowerCase())).map(([n, v]) => `${n}: ${v}`)].join(eol);
  return { ...reply, raw: Buffer.concat([Buffer.from(`${head}${eol}${eol}`, "latin1"), body]), ...(opts.connection === "keep-open" ? { keepOpen: true } : {}) };
}

/** A request field's value (repeats joined, as Node joins them). */
export function requestField(req: RequestView, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** The request asked the server to close the connection after its answer (an HTTP/1.0 request does unless it says keep-alive). */
export function asksToClose(req: RequestView): boolean {
  const connection = requestField(req, "connection") ?? "";
  return /(^|,)\s*close\s*(,|$)/i.test(connection) || (req.httpVersion === "1.0" && !/(^|,)\s*keep-alive\s*(,|$)/i.test(connection));
}

/** The qvalue Accept-Encoding gives a coding (or `*`); undefined when it names neither. */
export function codingWeight(req: RequestView, coding: string): number | undefined {
  let star: number | undefined;
  for (const item of (requestField(req, "accept-encoding") ?? "").split(",")) {
    const [name, ...params] = item.split(";").map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    if (name === coding) return weight;
    if (name === "*") star = weight;
  }
  return star;
}
