/** Sending an attempt with `node:http`/`node:https`, request target verbatim. */
import http from "node:http";
import https from "node:https";
import { Deadline } from "./deadline.ts";
import { rawRequestTarget } from "./request-url.ts";
import {
  addHeader,
  BodyCollector,
  describeNetworkError,
  type AttemptOutcome,
  type AttemptRequest,
  type ReceivedResponse,
} from "./transport.ts";

/**
 * Sends `request` with the path exactly as written in its URL (`..`, `%2E%2E`, `\` kept), which
 * `fetch` cannot do. Used only for such URLs (see `needsVerbatimTarget`). nock intercepts
 * `node:http` too, but matches on the URL it parses, i.e. normalised.
 */
export function sendWithNodeHttp(request: AttemptRequest): Promise<AttemptOutcome> {
  const url = new URL(request.url);
  const client = url.protocol === "https:" ? https : http;
  const deadline = new Deadline(request.timeoutMs);
  const body = new BodyCollector(request.maxBodyBytes);
  let response: ReceivedResponse | undefined;

  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      deadline.clear();
      if (response) {
        response.body = body.text();
        if (body.truncated) response.truncated = true;
      }
      if (error === undefined) return resolve({ response });
      const kind = deadline.hasExpired ? "timeout" : "network";
      const message = deadline.hasExpired
        ? `no complete response within ${request.timeoutMs} ms${response ? " (headers arrived, the body did not finish)" : ""}`
        : `${response ? "response body failed: " : ""}${describeNetworkError(error)}`;
      resolve({ ...(response ? { response } : {}), error: { kind, message } });
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
        response = { status: res.statusCode ?? 0, headers, body: "" };
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
