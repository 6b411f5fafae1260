import { headerFacts, isObject, statusOf, type Entry, type RecordedBody } from "./exchange.ts";

/**
 * The entries of a HAR 1.2 log as exchanges (ENTRY is the 1-based index in `log.entries`).
 * Headers come from `response.headers` (`[{name, value}]`), or from `content.mimeType` when a
 * tool recorded no headers; the body is `content.text`, base64-decoded when `content.encoding`
 * says so, and "absent" when the tool did not record it.
 */
export function* harEntries(entries: unknown[]): Generator<Entry> {
  for (let i = 0; i < entries.length; i++) {
    const entry = i + 1;
    const e = entries[i];
    if (!isObject(e) || !isObject(e.request) || !isObject(e.response)) {
      yield { entry, kind: "not-an-exchange", why: "the entry has no request and response objects" };
      continue;
    }
    const { request, response } = e;
    const status = statusOf(response.status);
    if (status === undefined) {
      yield { entry, kind: "not-an-exchange", why: `its response status ${JSON.stringify(response.status)} is not an HTTP status code` };
      continue;
    }
    const content = isObject(response.content) ? response.content : {};
    let headers = headerFacts(response.headers);
    if (!(Array.isArray(response.headers) && response.headers.length > 0)) {
      headers = typeof content.mimeType === "string" && content.mimeType !== "" ? { headersKnown: true, contentType: content.mimeType } : { headersKnown: false };
    }
    const body: RecordedBody = typeof content.text !== "string" ? { kind: "absent" }
      : { kind: "text", text: content.encoding === "base64" ? Buffer.from(content.text, "base64").toString("utf8") : content.text };
    yield {
      entry, kind: "exchange",
      request: { method: typeof request.method === "string" ? request.method : undefined, url: typeof request.url === "string" ? request.url : undefined },
      response: { status, ...headers, body },
    };
  }
}
