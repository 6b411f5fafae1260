/** Sending an attempt with the global `fetch`. */
import { Deadline } from "./deadline.ts";
import {
  addHeader,
  BodyCollector,
  describeNetworkError,
  type AttemptOutcome,
  type AttemptRequest,
  type ReceivedResponse,
} from "./transport.ts";

/**
 * Sends `request` with `globalThis.fetch` as it is at call time (so nock, which replaces it, can
 * intercept). Redirects are not followed: the suite judges the 3xx itself, and following one would
 * carry `X-Auth-Key` to wherever it points.
 */
export async function sendWithFetch(request: AttemptRequest): Promise<AttemptOutcome> {
  const deadline = new Deadline(request.timeoutMs);
  let response: ReceivedResponse | undefined;
  const body = new BodyCollector(request.maxBodyBytes);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    const fetchNow = globalThis.fetch;
    const res = await Promise.race([
      fetchNow(request.url, { method: "GET", headers: request.headers, redirect: "manual", signal: deadline.signal }),
      deadline.expired,
    ]);
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => addHeader(headers, name, value));
    response = { status: res.status, headers, body: "" };
    reader = res.body?.getReader();
    while (reader) {
      const { done, value } = await Promise.race([reader.read(), deadline.expired]);
      if (done) break;
      if (!body.add(value)) {
        reader.cancel().catch(() => {});
        break;
      }
    }
    response.body = body.text();
    if (body.truncated) response.truncated = true;
    return { response };
  } catch (error) {
    reader?.cancel().catch(() => {});
    if (response) {
      response.body = body.text();
      if (body.truncated) response.truncated = true;
    }
    const kind = deadline.hasExpired ? "timeout" : "network";
    const message = deadline.hasExpired
      ? `no complete response within ${request.timeoutMs} ms${response ? " (headers arrived, the body did not finish)" : ""}`
      : `${response ? "response body failed: " : ""}${describeNetworkError(error)}`;
    return { ...(response ? { response } : {}), error: { kind, message } };
  } finally {
    deadline.clear();
  }
}
