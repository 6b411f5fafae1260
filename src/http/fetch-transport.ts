/** Sending an attempt with the global `fetch`. */
import { Deadline } from "./deadline.ts";
import { classifyFailure, declaredLengthOf } from "./failure.ts";
import { addHeader, BodyCollector, type AttemptOutcome, type AttemptRequest, type ReceivedResponse } from "./transport.ts";

/**
 * Sends `request` with `globalThis.fetch` as it is at call time (so nock, which replaces it, can
 * intercept). Redirects are not followed: the suite judges the 3xx itself, and following one would
 * carry `X-Auth-Key` to wherever it points. `fetch` decompresses gzip/deflate/br bodies as they are
 * read, so the byte limit bounds the decompressed size (a gzip bomb stops at the limit).
 */
export async function sendWithFetch(request: AttemptRequest): Promise<AttemptOutcome> {
  const deadline = new Deadline(request.timeoutMs, request.stop);
  let response: ReceivedResponse | undefined;
  const body = new BodyCollector(request.maxBodyBytes, request.keptBytesWhenCut);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    const fetchNow = globalThis.fetch;
    const res = await Promise.race([
      fetchNow(request.url, { method: "GET", headers: request.headers, redirect: "manual", signal: deadline.signal }),
      deadline.expired,
    ]);
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => addHeader(headers, name, value));
    response = { status: res.status, headers, body: "", bytes: 0 };
    reader = res.body?.getReader();
    while (reader) {
      const { done, value } = await Promise.race([reader.read(), deadline.expired]);
      if (done) break;
      if (!body.add(value)) {
        reader.cancel().catch(() => {});
        break;
      }
    }
    body.fill(response, true);
    return { response };
  } catch (error) {
    reader?.cancel().catch(() => {});
    const bodyBytes = body.bytes;
    if (response) body.fill(response, false);
    const failure = classifyFailure(error, {
      timeoutMs: request.timeoutMs, timedOut: deadline.hasExpired, stopped: deadline.stopped,
      headersArrived: response !== undefined, bodyBytes, declaredLength: response && declaredLengthOf(response.headers),
    });
    return { ...(response ? { response } : {}), error: failure };
  } finally {
    deadline.clear();
  }
}
