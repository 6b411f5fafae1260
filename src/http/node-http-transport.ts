/** Sending an attempt with `node:http`/`node:https`, request target verbatim. */
import http from "node:http";
import https from "node:https";
import { Deadline } from "./deadline.ts";
import { classifyFailure, declaredLengthOf } from "./failure.ts";
import { rawRequestTarget } from "./request-url.ts";
import { addHeader, BodyCollector, type AttemptOutcome, type AttemptRequest, type ReceivedResponse } from "./transport.ts";

/**
 * Sends `request` with the path exactly as written in its URL (`..`, `%2E%2E`, `\` kept), which
 * `fetch` cannot do. Used only for such URLs (see `needsVerbatimTarget`). nock intercepts
 * `node:http` too, but matches on the URL it parses, i.e. normalised. No `Accept-Encoding` is sent
 * here, so a body comes uncompressed unless the server ignores that (then it is kept as received).
 */
export function sendWithNodeHttp(request: AttemptRequest): Promise<AttemptOutcome> {
  const url = new URL(request.url);
  const client = url.protocol === "https:" ? https : http;
  const deadline = new Deadline(request.timeoutMs, request.stop);
  const body = new BodyCollector(request.maxBodyBytes, request.keptBytesWhenCut);
  let response: ReceivedResponse | undefined;

  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      deadline.clear();
      const bodyBytes = body.bytes;
      if (response) body.fill(response, error === undefined);
      if (error === undefined) return resolve({ response });
      const failure = classifyFailure(error, {
        timeoutMs: request.timeoutMs, timedOut: deadline.hasExpired, stopped: deadline.stopped,
        headersArrived: response !== undefined, bodyBytes, declaredLength: response && declaredLengthOf(response.headers),
      });
      resolve({ ...(response ? { response } : {}), error: failure });
    };

    const req = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path: rawRequestTarget(request.url),
        method: "GET",
        headers: request.headers,
        signal: deadline.signal,
        // A fresh connection: these requests are rare, and no idle socket outlives the run.
        agent: false,
      },
      (res) => {
        const headers: Record<string, string> = {};
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) addHeader(headers, res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        response = { status: res.statusCode ?? 0, headers, body: "", bytes: 0 };
        res.on("data", (chunk: Buffer) => {
          if (!body.add(chunk)) {
            finish();
            req.destroy();
          }
        });
        res.on("end", () => finish());
        res.on("error", (error) => finish(error));
        res.on("close", () => finish(res.complete ? undefined : new Error("connection closed before the body was complete")));
      },
    );
    req.on("error", (error) => finish(error));
    req.end();
  });
}
