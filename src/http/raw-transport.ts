/**
 * Sending an attempt on a socket of the suite's own, for the requests node:http cannot make as
 * asked: an HTTP/1.0 request line, and a request that says Connection: close after which the
 * server, not the client, must close the connection (node:http half-closes it first). The
 * answer is read by the wire judge alone, the way a lenient client reads it.
 */
import net from "node:net";
import tls from "node:tls";
import { Deadline } from "./deadline.ts";
import { classifyFailure } from "./failure.ts";
import { tlsConnectOptions } from "./proxy.ts";
import { needsVerbatimTarget, rawRequestTarget } from "./request-url.ts";
import type { AttemptOutcome, AttemptRequest } from "./transport.ts";
import { WireJudge } from "./wire/judge.ts";
import { lenientResponse } from "./wire/lenient.ts";

/** How long a server has, after its answer, to close a connection the request asked it to close. */
const CLOSE_WAIT_MS = 1000;
/** Body bytes the judge keeps (the same as the suite's per-response limit, at most this). */
const MAX_KEPT = 8 * 1024 * 1024;

export interface RawAttemptRequest extends AttemptRequest {
  /** The request line's version (default 1.1). */
  httpVersion?: "1.1" | "1.0";
}

/** The request's bytes: the request line, Host, the headers as given, and Connection: close on HTTP/1.1. */
function requestBytes(request: RawAttemptRequest, url: URL): Buffer {
  const version = request.httpVersion ?? "1.1";
  const target = needsVerbatimTarget(request.url) ? rawRequestTarget(request.url) : url.pathname + url.search;
  const headers: [string, string][] = [["host", url.host], ...Object.entries(request.headers), ...(version === "1.1" ? [["connection", "close"] as [string, string]] : [])];
  const name = (n: string) => (request.upperCaseHeaderNames ? n.toUpperCase() : n);
  const lines = [`${request.method ?? "GET"} ${target} HTTP/${version}`, ...headers.map(([n, v]) => `${name(n)}: ${v}`)];
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
}

/** Sends `request` on a new socket and reads the answer with the wire judge. Never throws. */
export function sendRaw(request: RawAttemptRequest): Promise<AttemptOutcome> {
  const url = new URL(request.url);
  // Through a proxy, the connection is the proxy's: an HTTP/1.0 request line and the closing of the
  // connection would be its, not the target's. Such a request is not sent.
  if (request.proxy) return Promise.resolve({ error: { kind: "invalid-request", message: `not sent through the proxy ${request.proxy.host}: this request is about the target's own connection (its HTTP version, its closing it), which a proxy owns` } });
  const secure = url.protocol === "https:";
  const deadline = new Deadline(request.timeoutMs, request.stop);
  const judge = new WireJudge({ requestVersion: request.httpVersion ?? "1.1", maxBodyBytes: Math.min(request.bodyLimits.maxBytes, MAX_KEPT) });
  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    let answeredAt: number | undefined;
    let closeTimer: NodeJS.Timeout | undefined;
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const port = Number(url.port || (secure ? 443 : 80));
    const socket: net.Socket = secure ? tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...tlsConnectOptions(request.tls) }) : net.connect({ host, port });

    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      deadline.clear();
      if (closeTimer) clearTimeout(closeTimer);
      socket.destroy();
      const message = judge.messages[0];
      if (message && message.status > 0 && (message.complete || judge.ended)) {
        const response = lenientResponse(message, request.bodyLimits.maxBytes);
        const closedAfterAnswer = request.awaitClose ? judge.ended : undefined;
        return resolve({ response: { ...response, wire: { violations: [...message.violations, ...judge.violations], httpVersion: message.httpVersion, ...(closedAfterAnswer !== undefined ? { closedAfterAnswer } : {}) } } });
      }
      resolve({ error: classifyFailure(error ?? new Error("connection closed before a complete answer"), { timeoutMs: request.timeoutMs, timedOut: deadline.hasExpired, stopped: deadline.stopped, headersArrived: message !== undefined, bodyBytes: message?.bodyBytes ?? 0 }) });
    };
    deadline.expired.catch((error: unknown) => finish(answeredAt !== undefined ? undefined : error));

    socket.on(secure ? "secureConnect" : "connect", () => socket.write(requestBytes(request, url)));
    socket.on("data", (chunk: Buffer) => {
      judge.push(chunk);
      if (answeredAt === undefined && judge.messages[0]?.complete) {
        answeredAt = Date.now();
        // The answer is complete: done, unless the server is to close the connection now (and has not yet).
        if (!request.awaitClose) finish();
        else closeTimer = setTimeout(() => finish(), CLOSE_WAIT_MS).unref();
      }
    });
    socket.on("end", () => {
      judge.end();
      finish();
    });
    socket.on("error", (error) => {
      judge.end();
      finish(error);
    });
  });
}
