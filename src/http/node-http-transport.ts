/** Sending an attempt with `node:http`/`node:https`. */
import http from "node:http";
import https from "node:https";
import { decoderFor } from "./content-decoding.ts";
import { Deadline } from "./deadline.ts";
import { classifyFailure, declaredLengthOf } from "./failure.ts";
import { needsVerbatimTarget, rawRequestTarget } from "./request-url.ts";
import { addHeader, BodyCollector, type AttemptOutcome, type AttemptRequest, type ReceivedResponse } from "./transport.ts";

/**
 * A connection kept open across requests (HTTP/1.1 persistence, RFC 9112 §9.3): one socket, used
 * by each request in turn. Whether a request went out on the socket an earlier one used is
 * recorded, so a server that closes without saying `Connection: close` can be told.
 */
export class KeptAliveConnection {
  readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 1 }), https: new https.Agent({ keepAlive: true, maxSockets: 1 }) };

  /** Closes the socket (at the end of the probes that share it). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
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
  const url = new URL(request.url);
  const secure = url.protocol === "https:";
  const client = secure ? https : http;
  const deadline = new Deadline(request.timeoutMs, request.stop);
  const body = new BodyCollector(request.bodyLimits);
  let response: ReceivedResponse | undefined;
  let req: http.ClientRequest | undefined;
  let decoder: ReturnType<typeof decoderFor>;

  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      deadline.clear();
      if (decoder && "stages" in decoder) for (const stage of decoder.stages) stage.destroy();
      // A kept-alive socket stays for the next request once the answer is complete; anything else is closed.
      if (!(request.connection && error === undefined)) req?.destroy();
      const bodyBytes = body.bytes;
      if (response) body.fill(response, error === undefined);
      if (error === undefined) return resolve({ response });
      const failure = classifyFailure(error, {
        timeoutMs: request.timeoutMs, timedOut: deadline.hasExpired, stopped: deadline.stopped,
        headersArrived: response !== undefined, bodyBytes, declaredLength: response && declaredLengthOf(response.headers),
      });
      resolve({ ...(response ? { response } : {}), error: failure });
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
      const headers = request.upperCaseHeaderNames ? upperCaseNames(request.headers) : request.headers;
      req = client.request({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path: requestTargetOf(request.url, url),
        method: "GET",
        headers,
        signal: deadline.signal,
        // A fresh connection, unless the request asks for a kept-alive one: a hostile target cannot poison
        // the next request's socket, and no idle socket outlives the run.
        agent: request.connection ? request.connection.agents[secure ? "https" : "http"] : false,
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
