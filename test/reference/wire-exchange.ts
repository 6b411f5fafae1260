import { connect, type Socket } from "node:net";
import zlib from "node:zlib";
import type { TestExchange } from "./exchange.ts";

/**
 * The battery's own HTTP/1.x client: a request written byte for byte on a socket of its own, the
 * answer read from the bytes as they came. What `fetch` hides is kept: every field line as sent
 * (a repeated one too), the line ends, the body before and after its content coding, a byte order
 * mark, whether the server kept the connection. Deliberately small and separate from src/http:
 * it is the reference's check of its faults, not the suite's client.
 */
export interface WireExchange extends TestExchange {
  /** The status line's version ("1.1"). */
  httpVersion: string;
  /** Field lines in order, names as sent, values trimmed. */
  fields: [string, string][];
  /** A line of the head ended in LF alone. */
  bareLf: boolean;
  /** The body as received (before any content coding is undone). */
  raw: Buffer;
  /** The content codings undone (lower case, in the order applied). */
  codings: string[];
  /** Why the body would not decode with its Content-Encoding (the text is then empty). */
  decodeError?: string;
  /** The (decoded) body began with a UTF-8 byte order mark (the text and JSON are read past it). */
  bom: boolean;
  /** With `awaitCloseMs`: whether the server closed the connection after this answer, as its request asked. */
  closedAfterAnswer?: boolean;
}

export interface WireRequest {
  method?: string;
  /** Names as they are to be written (their case is kept). */
  headers?: Record<string, string>;
  /** The request line's version. */
  httpVersion?: "1.1" | "1.0";
  /** For the whole exchange (sendWire only; sendOnOneConnection takes one for the connection). */
  timeoutMs?: number;
  /** After the answer (to a request that says Connection: close), wait this long at most for the server to close the connection. */
  awaitCloseMs?: number;
}

/** Where every socket of the battery reads into (each read is copied out before the next one: reads do not interleave). */
const READ_BUFFER = Buffer.allocUnsafe(1024 * 1024);

/** Fields a recipient keeps once (node:http discards a repeat): the first wins, as it does there. */
const FIRST_WINS = new Set(["content-type", "content-length", "date", "retry-after", "etag", "last-modified", "location", "expires", "server", "age"]);

function requestBytes(host: string, target: string, req: WireRequest, connection: string | undefined): Buffer {
  const version = req.httpVersion ?? "1.1";
  const lines = [`${req.method ?? "GET"} ${target} HTTP/${version}`, `Host: ${host}`, ...Object.entries(req.headers ?? {}).map(([n, v]) => `${n}: ${v}`)];
  if (connection) lines.push(`Connection: ${connection}`);
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
}

interface Head {
  status: number;
  httpVersion: string;
  fields: [string, string][];
  bareLf: boolean;
  /** Where the body starts. */
  start: number;
}

interface Parsed extends Head {
  body: Buffer;
  /** Bytes of the buffer this message took. */
  end: number;
}

/** Where the head ends (the empty line), read leniently: CRLF CRLF, or LF LF with or without CRs. */
function findHeadEnd(buf: Buffer): { at: number; next: number } | undefined {
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) {
    if (buf[i + 1] === 0x0a) return { at: i + 1, next: i + 2 };
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return { at: i + 1, next: i + 3 };
  }
  return undefined;
}

/** The head at the start of `buf`, or undefined while it is incomplete. @throws Error when it is no HTTP answer */
function parseHead(buf: Buffer): Head | undefined {
  const end = findHeadEnd(buf);
  if (!end) return undefined;
  const head = buf.subarray(0, end.next).toString("latin1");
  // Every line ends in LF; a line whose LF has no CR before it is a bare LF (RFC 9112 §2.2).
  const lines = head.split("\n").slice(0, -1);
  const bareLf = lines.some((l) => !l.endsWith("\r"));
  const clean = lines.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l)).filter((l) => l !== "");
  const m = /^HTTP\/(\d\.\d) (\d{3})(?: .*)?$/.exec(clean[0] ?? "");
  if (!m) throw new Error(`not an HTTP status line: ${JSON.stringify((clean[0] ?? "").slice(0, 60))}`);
  const fields = clean.slice(1).map((l): [string, string] => {
    const colon = l.indexOf(":");
    return [l.slice(0, colon).trim(), l.slice(colon + 1).trim()];
  });
  return { status: Number(m[2]), httpVersion: m[1]!, fields, bareLf, start: end.next };
}

const fieldValue = (head: Head, name: string) => head.fields.find(([n]) => n.toLowerCase() === name)?.[1];

/** The whole answer at the start of `buf` (its head already read), or undefined while its body is incomplete. */
function parseBody(head: Head, buf: Buffer, ended: boolean): Parsed | undefined {
  const { start } = head;
  if (/chunked/i.test(fieldValue(head, "transfer-encoding") ?? "")) {
    const chunks: Buffer[] = [];
    let at = start;
    for (;;) {
      const lineEnd = buf.indexOf(0x0a, at);
      if (lineEnd === -1) return undefined;
      const size = parseInt(buf.subarray(at, lineEnd).toString("latin1").trim(), 16);
      at = lineEnd + 1;
      if (!(size > 0)) {
        const trailerEnd = buf.indexOf(0x0a, at);
        if (trailerEnd === -1) return undefined;
        return { ...head, body: Buffer.concat(chunks), end: trailerEnd + 1 };
      }
      if (buf.length < at + size + 2) return undefined;
      chunks.push(buf.subarray(at, at + size));
      at += size + (buf[at + size] === 0x0d ? 2 : 1);
    }
  }
  const length = fieldValue(head, "content-length");
  if (length !== undefined && buf.length >= start + Number(length)) return { ...head, body: buf.subarray(start, start + Number(length)), end: start + Number(length) };
  return ended ? { ...head, body: buf.subarray(start), end: buf.length } : undefined;
}

function decode(body: Buffer, encoding: string | undefined): { bytes: Buffer; codings: string[]; error?: string } {
  const codings = (encoding ?? "").split(",").map((c) => c.trim().toLowerCase()).filter((c) => c && c !== "identity");
  let bytes = body;
  try {
    for (const coding of [...codings].reverse()) {
      if (coding === "gzip" || coding === "x-gzip") bytes = zlib.gunzipSync(bytes);
      else if (coding === "deflate") bytes = zlib.inflateSync(bytes);
      else if (coding === "br") bytes = zlib.brotliDecompressSync(bytes);
      else throw new Error(`unknown coding ${coding}`);
    }
  } catch (e) {
    return { bytes: Buffer.alloc(0), codings, error: (e as Error).message };
  }
  return { bytes, codings };
}

/**
 * The exchange of a parsed answer. The body is decoded and parsed on first use, not as it arrives:
 * a 9 MiB body parsed at once would hold up the other answers of a battery past their timeout.
 */
function exchangeOf(p: Parsed): WireExchange {
  const headers: Record<string, string> = {};
  for (const [name, value] of p.fields) {
    const n = name.trim().toLowerCase();
    if (headers[n] === undefined) headers[n] = value;
    else if (!FIRST_WINS.has(n)) headers[n] = `${headers[n]}, ${value}`;
  }
  // The buffer it is cut from is never written again (the next answer is read into a new one).
  const raw = p.body;
  let body: { decoded: ReturnType<typeof decode>; bom: boolean; text: string; json: unknown; jsonOk: boolean } | undefined;
  const read = () => {
    if (body) return body;
    const decoded = decode(raw, headers["content-encoding"]);
    const bom = decoded.bytes[0] === 0xef && decoded.bytes[1] === 0xbb && decoded.bytes[2] === 0xbf;
    const text = decoded.bytes.subarray(bom ? 3 : 0).toString("utf8");
    try {
      return (body = { decoded, bom, text, json: JSON.parse(text) as unknown, jsonOk: true });
    } catch {
      return (body = { decoded, bom, text, json: undefined, jsonOk: false });
    }
  };
  return {
    status: p.status, headers, httpVersion: p.httpVersion, fields: p.fields, bareLf: p.bareLf, raw,
    get text() { return read().text; },
    get json() { return read().json; },
    get jsonOk() { return read().jsonOk; },
    get bom() { return read().bom; },
    get codings() { return read().decoded.codings; },
    get decodeError() { return read().decoded.error; },
  };
}

const failed = (error: unknown): WireExchange => ({
  status: 0, headers: {}, text: "", json: undefined, jsonOk: false, error: String((error as Error)?.message ?? error),
  httpVersion: "", fields: [], bareLf: false, raw: Buffer.alloc(0), codings: [], bom: false,
});

/**
 * Sends requests one after another on one connection and reads an answer to each: every request but
 * the last asks to keep the connection (HTTP/1.1), the last says Connection: close (an HTTP/1.0 one
 * says nothing). An answer that says Connection: close ends the connection: the answers so far are
 * returned. An answer that does not come (the server closed, reset or went quiet until the timeout)
 * is an exchange with `error`, and so is every one after it.
 */
function sendOnOneConnection(origin: string, requests: { target: string; request?: WireRequest }[], timeoutMs = 5000): Promise<WireExchange[]> {
  const { hostname, port, host } = new URL(origin);
  return new Promise((resolve) => {
    const out: WireExchange[] = [];
    // The bytes of the answer being read (grown by doubling: a 9 MiB body arrives in many chunks).
    let buf = Buffer.allocUnsafe(64 * 1024);
    let length = 0;
    let head: Head | undefined;
    let ended = false;
    let settled = false;
    // Reads go into one shared buffer, copied out at once (a 9 MiB body in a few large reads, not 144 small chunks).
    const socket: Socket = connect({ host: hostname, port: Number(port), onread: { buffer: READ_BUFFER, callback: (n, chunk) => { received(chunk.subarray(0, n)); return true; } } });
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      // An answer that said close ends the connection early; otherwise what did not come is an error.
      const saidClose = out.length > 0 && /(^|,)\s*close\s*(,|$)/i.test(out[out.length - 1]!.headers.connection ?? "") && error === undefined;
      if (!saidClose) while (out.length < requests.length) out.push(failed(error ?? "the connection closed before an answer"));
      resolve(out);
    };
    let timer = setTimeout(() => finish("timeout"), timeoutMs);
    let closeWait: ((closed: boolean) => void) | undefined;
    /** Waits (at most `ms`) for the server to close the connection after the last answer. */
    const awaitingClose = (answer: WireExchange, ms: number) => {
      clearTimeout(timer);
      closeWait = (closed) => {
        closeWait = undefined;
        answer.closedAfterAnswer = closed;
        finish();
      };
      if (ended) return closeWait(true);
      timer = setTimeout(() => closeWait?.(false), ms);
    };
    const sendNext = () => {
      const i = out.length;
      const { target, request = {} } = requests[i]!;
      const last = i === requests.length - 1;
      const connection = (request.httpVersion ?? "1.1") === "1.0" ? undefined : last ? "close" : "keep-alive";
      if (!socket.writable) return finish("the connection was closed before this request could be sent");
      socket.write(requestBytes(host, target, request, connection));
    };
    const read = () => {
      for (;;) {
        const bytes = buf.subarray(0, length);
        let parsed: Parsed | undefined;
        try {
          head ??= parseHead(bytes);
          parsed = head && parseBody(head, bytes, ended);
        } catch (e) {
          return finish((e as Error).message);
        }
        if (!parsed) {
          if (ended) finish();
          return;
        }
        const answer = exchangeOf(parsed);
        out.push(answer);
        const rest = Buffer.from(bytes.subarray(parsed.end));
        buf = Buffer.allocUnsafe(Math.max(64 * 1024, rest.length));
        rest.copy(buf);
        length = rest.length;
        head = undefined;
        const awaitClose = requests[out.length - 1]!.request?.awaitCloseMs;
        if (out.length === requests.length && awaitClose !== undefined) return awaitingClose(answer, awaitClose);
        if (out.length === requests.length || /(^|,)\s*close\s*(,|$)/i.test(answer.headers.connection ?? "")) return finish();
        sendNext();
      }
    };
    socket.on("connect", sendNext);
    function received(chunk: Uint8Array): void {
      if (settled) return;
      if (length + chunk.length > buf.length) {
        const grown = Buffer.allocUnsafe(Math.max(buf.length * 2, length + chunk.length));
        buf.copy(grown, 0, 0, length);
        buf = grown;
      }
      buf.set(chunk, length);
      length += chunk.length;
      read();
    }
    socket.on("end", () => {
      ended = true;
      if (closeWait) return closeWait(true);
      read();
      finish();
    });
    socket.on("error", (e) => (closeWait ? closeWait(true) : finish(e.message)));
  });
}

/**
 * Sends requests in turn, as a client does: on one connection while the server keeps it, on a new
 * one after an answer that said Connection: close.
 */
export async function sendInTurn(origin: string, requests: { target: string; request?: WireRequest }[], timeoutMs = 5000): Promise<WireExchange[]> {
  const out: WireExchange[] = [];
  while (out.length < requests.length) out.push(...(await sendOnOneConnection(origin, requests.slice(out.length), timeoutMs)));
  return out;
}

/** One request on a connection of its own (Connection: close), the answer read from its bytes. */
export async function sendWire(origin: string, target: string, request: WireRequest = {}): Promise<WireExchange> {
  const [exchange] = await sendOnOneConnection(origin, [{ target, request }], request.timeoutMs);
  return exchange!;
}
