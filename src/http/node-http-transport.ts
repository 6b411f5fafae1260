/** Sending an attempt with `node:http`/`node:https`. */
import http from "node:http";
import https from "node:https";
import { decoderFor } from "./content-decoding.ts";
import { Deadline } from "./deadline.ts";
import { classifyFailure, declaredLengthOf } from "./failure.ts";
import { needsVerbatimTarget, rawRequestTarget } from "./request-url.ts";
import { addHeader, BodyCollector, type AttemptOutcome, type AttemptRequest, type ReceivedResponse } from "./transport.ts";

/**
 * Sends `request` with `node:http`/`node:https`: the path exactly as written where `fetch` would
 * rewrite it (`..`, `%2E%2E`, `\`), else as `fetch` would send it. Redirects are not followed
 * (the suite judges the 3xx itself, and following one would carry `X-Auth-Key` wherever it
 * points). No `Accept-Encoding` is sent; a body compressed anyway is decompressed here, bounded
 * by its decompressed size (content-decoding.ts). nock intercepts `node:http` too (recorded
 * targets), matching on the URL it parses, i.e. normalised.
 */
export function sendWithNodeHttp(request: AttemptRequest): Promise<AttemptOutcome> {
  const url = new URL(request.url);
  const client = url.protocol === "https:" ? https : http;
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
      decoder?.input.destroy();
      decoder?.output.destroy();
      req?.destroy();
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
      response = { status: res.statusCode ?? 0, headers, body: "", bytes: 0 };
      body.declare(declaredLengthOf(headers));
      const onData = (chunk: Buffer) => void (body.add(chunk) || finish());
      decoder = decoderFor(headers["content-encoding"]);
      if (decoder) {
        res.pipe(decoder.input);
        decoder.output.on("data", onData);
        decoder.output.on("end", () => finish());
        decoder.output.on("error", (error) => finish(new Error(`the ${headers["content-encoding"]} body does not decode: ${error.message}`)));
      } else {
        res.on("data", onData);
        res.on("end", () => finish());
      }
      res.on("error", (error) => finish(error));
      res.on("close", () => {
        if (!res.complete) finish(new Error("connection closed before the body was complete"));
      });
    };

    try {
      req = client.request({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path: requestTargetOf(request.url, url),
        method: "GET",
        headers: request.headers,
        signal: deadline.signal,
        // A fresh connection: a hostile target cannot poison the next request's socket, and no idle socket outlives the run.
        agent: false,
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
