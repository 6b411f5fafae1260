/** Sending an attempt with `node:http`/`node:https`. */
import http from "node:http";
import https from "node:https";
import { decoderFor } from "./content-decoding.ts";
import { Deadline } from "./deadline.ts";
import { classifyFailure, declaredLengthOf } from "./failure.ts";
import { needsVerbatimTarget, rawRequestTarget } from "./request-url.ts";
import { addHeader, BodyCollector, type AttemptOutcome, type AttemptRequest, type ReceivedResponse } from "./transport.ts";
import { loadProxyAgents, proxyAgent, proxyAgentsLoaded, tlsConnectOptions } from "./proxy.ts";
import type { TlsOptions, WireEvidence } from "./types.ts";
import { WireJudge } from "./wire/judge.ts";
import { lenientResponse } from "./wire/lenient.ts";
import { tappedConnection } from "./wire/tap.ts";

/** Body bytes the wire judge keeps of an answer (for the lenient reading of one node:http refused). */
const WIRE_BODY_BYTES = 1024 * 1024;
/** How long the suite reads on after node:http refuses an answer. */
const LINGER_MS = 1000;

/**
 * A connection kept open across requests (HTTP/1.1 persistence, RFC 9112 §9.3): one socket, used
 * by each request in turn. Whether a request went out on the socket an earlier one used is
 * recorded, so a server that closes without saying `Connection: close` can be told.
 */
export class KeptAliveConnection {
  /** Judges the bytes of the socket opened last (one, unless the server closed the first). */
  private judge = new WireJudge({ maxBodyBytes: WIRE_BODY_BYTES });
  /** Sockets opened so far, and requests sent on the last one. */
  private sockets = 0;
  private requestsOnSocket = 0;
  private agent: http.Agent | undefined;

  /** A socket the server closed is replaced by a new one: a new judge, fed from the start, whose first request is the one being sent. */
  private newSocket(): WireJudge {
    this.judge = new WireJudge({ maxBodyBytes: WIRE_BODY_BYTES });
    this.sockets++;
    this.requestsOnSocket = 1;
    return this.judge;
  }

  /** The agent of the connection (made for the first request's target, proxy and TLS: the group shares them). */
  agentFor(url: URL, proxy: URL | undefined, tls: TlsOptions | undefined): http.Agent {
    if (this.agent) return this.agent;
    if (proxy) return (this.agent = proxyAgent(url, proxy, { ...(tls ? { tls } : {}), keepAlive: true, judgeOf: () => this.newSocket() }));
    const secure = url.protocol === "https:";
    const agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 1, ...tlsConnectOptions(tls) }) : new http.Agent({ keepAlive: true, maxSockets: 1 });
    (agent as unknown as { createConnection: unknown }).createConnection = (options: http.ClientRequestArgs, cb?: unknown) =>
      tappedConnection(this.newSocket(), { lingerMs: LINGER_MS, tls: secure })(options, cb as never);
    return (this.agent = agent);
  }

  /** The judge of the connection and which of its answers the next request gets (call just before sending it). */
  nextAnswer(): { judge: () => WireJudge; index: () => number } {
    const socket = this.sockets;
    const index = this.requestsOnSocket;
    if (socket > 0) {
      // On the same socket, if the agent keeps it: the judge is told a request follows.
      this.judge.nextRequest();
      this.requestsOnSocket++;
    }
    // A new socket (none yet, or the server closed the last) has a new judge, and this is its first answer.
    return { judge: () => this.judge, index: () => (this.sockets === socket ? index : 0) };
  }

  /** Closes the socket (at the end of the probes that share it). */
  close(): void {
    this.agent?.destroy();
  }
}

/** `Name-Of-Header` → `NAME-OF-HEADER`, for a request that sends every field name in upper case. */
const upperCaseNames = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));

/**
 * Sends `request` with `node:http`/`node:https`: the path exactly as written where `fetch` would
 * rewrite it (`..`, `%2E%2E`, `\`), else as `fetch` would send it. Redirects are not followed
 * (the suite judges the 3xx itself, and following one would carry `X-Auth-Key` wherever it
 * points). A body with a Content-Encoding is decoded here, bounded by its decoded size
 * (content-decoding.ts); one that does not decode, or whose coding the suite does not know, is
 * still an answer, with what went wrong in `decoding`. nock intercepts `node:http` too (recorded
 * targets), matching on the URL it parses, i.e. normalised.
 */
export function sendWithNodeHttp(request: AttemptRequest): Promise<AttemptOutcome> {
  if (request.proxy && !proxyAgentsLoaded()) return loadProxyAgents().then(() => sendWithNodeHttp(request));
  const url = new URL(request.url);
  const secure = url.protocol === "https:";
  const client = secure ? https : http;
  const deadline = new Deadline(request.timeoutMs, request.stop);
  const body = new BodyCollector(request.bodyLimits);
  let response: ReceivedResponse | undefined;
  let req: http.ClientRequest | undefined;
  let decoder: ReturnType<typeof decoderFor>;
  // The bytes as they arrive, judged (nothing arrives here when nock answers: a replay has no wire).
  const own = request.connection ? undefined : new WireJudge({ maxBodyBytes: WIRE_BODY_BYTES });
  const answer = request.connection?.nextAnswer() ?? { judge: () => own!, index: () => 0 };
  const connectionViolationsBefore = answer.judge().violations.length;

  /** What the judge saw of this attempt's answer, if anything came. */
  const wireEvidence = (): WireEvidence | undefined => {
    const judge = answer.judge();
    const message = judge.messages[answer.index()];
    const connection = judge.violations.slice(connectionViolationsBefore);
    if (!message && connection.length === 0) return undefined;
    return { violations: [...(message?.violations ?? []), ...connection], ...(message ? { httpVersion: message.httpVersion } : {}) };
  };

  /** Waits (a little, never past the deadline) until the judge has the rest of an answer node:http gave up on, or the server closed. */
  const judgeSettled = async (): Promise<void> => {
    const until = Date.now() + LINGER_MS;
    while (answer.judge().midAnswer && !answer.judge().ended && Date.now() < until && !deadline.hasExpired) await new Promise((r) => setTimeout(r, 10));
  };

  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      // Whether the request went out on the kept socket is known whatever came back (a reset on it included).
      void settle(error).then((o) => resolve(request.connection && req ? { ...o, reusedConnection: req.reusedSocket === true } : o));
    };
    const settle = async (error?: unknown): Promise<AttemptOutcome> => {
      if (decoder && "stages" in decoder) for (const stage of decoder.stages) stage.destroy();
      // A kept-alive socket stays for the next request once the answer is complete; anything else is closed.
      if (!(request.connection && error === undefined)) req?.destroy();
      const bodyBytes = body.bytes;
      if (response) body.fill(response, error === undefined);
      if (error === undefined) {
        deadline.clear();
        const wire = wireEvidence();
        return { response: response && wire ? { ...response, wire } : response };
      }
      const failure = classifyFailure(error, {
        timeoutMs: request.timeoutMs, timedOut: deadline.hasExpired, stopped: deadline.stopped,
        headersArrived: response !== undefined, bodyBytes, declaredLength: response && declaredLengthOf(response.headers),
      });
      // node:http refused the bytes, or the connection closed before the framing's end: if an answer's
      // head came, the server answered, badly, and the judge's reading of it is the evidence (the server
      // is up: never "unreachable"). A message cut short stays an error too (a network may cut one: it is
      // retried, and HTTP-EVERY-REQUEST-ANSWERED judges it); one node:http only refused to parse does not.
      if (failure.kind !== "timeout" && failure.kind !== "stopped") {
        await judgeSettled();
        const message = answer.judge().messages[answer.index()];
        if (message && message.status > 0 && (message.complete || answer.judge().ended || !answer.judge().midAnswer)) {
          deadline.clear();
          const lenient: ReceivedResponse = { ...lenientResponse(message, request.bodyLimits.maxBytes), wire: { ...wireEvidence()!, lenient: true } };
          return message.complete ? { response: lenient } : { response: lenient, error: failure };
        }
      }
      deadline.clear();
      const wire = wireEvidence();
      return { ...(response ? { response: wire ? { ...response, wire } : response } : {}), error: failure };
    };
    // The deadline settles the attempt itself: an abort is not trusted to end a pending read.
    deadline.expired.catch((error: unknown) => finish(error));

    const onResponse = (res: http.IncomingMessage): void => {
      const headers: Record<string, string> = {};
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) addHeader(headers, res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      response = { status: res.statusCode ?? 0, headers, body: "", bytes: 0, ...(request.connection ? { reusedConnection: req?.reusedSocket === true } : {}) };
      body.declare(declaredLengthOf(headers));
      const onData = (chunk: Buffer) => void (body.add(chunk) || finish());
      decoder = decoderFor(headers["content-encoding"]);
      if (decoder) response.decoding = { codings: decoder.codings };
      if (decoder && "stages" in decoder) {
        const decoding = response.decoding!;
        res.pipe(decoder.input);
        decoder.output.on("data", onData);
        decoder.output.on("end", () => finish());
        // A body that does not decode is still the server's answer: what decoded is kept, and why the rest did not.
        for (const stage of decoder.stages) {
          stage.on("error", (error: Error) => {
            decoding.error ??= `the body does not decode as ${headers["content-encoding"]}: ${error.message}`;
            finish();
          });
        }
      } else {
        if (decoder) response.decoding!.error = `the suite cannot undo the content coding ${JSON.stringify(decoder.unknown)} (it knows gzip, deflate and br): the body is kept as sent`;
        res.on("data", onData);
        res.on("end", () => finish());
      }
      res.on("error", (error) => finish(error));
      res.on("close", () => {
        if (!res.complete) finish(new Error("connection closed before the body was complete"));
      });
    };

    try {
      // A fresh connection per request says so (what node:http says for agent: false); a kept-alive one keeps its agent's keep-alive.
      const sent = request.connection ? request.headers : { ...request.headers, connection: "close" };
      const headers = request.upperCaseHeaderNames ? upperCaseNames(sent) : sent;
      req = client.request({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path: requestTargetOf(request.url, url),
        method: request.method ?? "GET",
        headers,
        signal: deadline.signal,
        // A fresh connection, unless the request asks for a kept-alive one: a hostile target cannot poison
        // the next request's socket, and no idle socket outlives the run. With no agent, node:http
        // opens the connection with createConnection (the tap); through a proxy, the proxy agent's socket is tapped.
        ...tlsConnectOptions(request.tls),
        ...(request.connection ? { agent: request.connection.agentFor(url, request.proxy, request.tls) }
          : request.proxy ? { agent: proxyAgent(url, request.proxy, { ...(request.tls ? { tls: request.tls } : {}), judgeOf: () => own }) }
          : { agent: undefined, createConnection: tappedConnection(own!, { lingerMs: LINGER_MS, tls: secure }) }),
      }, onResponse);
    } catch (error) {
      // A request Node refuses to build (a path it will not send): never on the wire, never thrown.
      settled = true;
      deadline.clear();
      return resolve({ error: { kind: "invalid-request", message: `not sent: ${(error as Error)?.message ?? error}` } });
    }
    req.on("error", (error) => finish(error));
    req.end();
  });
}

/**
 * What goes on the request line: the target exactly as written where `fetch` would rewrite it
 * (dot segments, see `needsVerbatimTarget`), else the WHATWG-encoded path and query, the bytes
 * `fetch` sends (Node refuses raw spaces and non-ASCII in a path).
 */
function requestTargetOf(href: string, url: URL): string {
  return needsVerbatimTarget(href) ? rawRequestTarget(href) : url.pathname + url.search;
}
