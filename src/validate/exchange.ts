/** A recorded response, whatever file it came from (HAR, NDJSON, cassette). */

/** The body as recorded: not recorded at all, the text sent, or a JSON value stored as such. */
export type RecordedBody =
  | { kind: "absent" }
  | { kind: "text"; text: string }
  | { kind: "value"; value: unknown };

export interface RecordedResponse {
  status: number;
  /** Whether the recording has the response's headers at all (an NDJSON line may leave them out). */
  headersKnown: boolean;
  /** The Content-Type header, when the headers are known and have one. */
  contentType?: string;
  body: RecordedBody;
  /** The recorder cut the body at its size limit (a cassette says so): it cannot be judged. */
  truncated?: boolean;
  /** The recorder saw body bytes that are not UTF-8 (a cassette says so). */
  invalidUtf8?: boolean;
}

export interface RecordedRequest {
  method?: string;
  url?: string;
}

/** One entry of an input: an exchange, or a record that is not one (reported with its number). */
export type Entry =
  | { entry: number; kind: "exchange"; request?: RecordedRequest; response: RecordedResponse }
  | { entry: number; kind: "not-an-exchange"; why: string };

type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** An integer status (or a string of digits: some tools write "404"); undefined otherwise. */
export function statusOf(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\d{1,3}$/.test(v)) return Number(v);
  return undefined;
}

/**
 * The Content-Type of headers written any common way: `{name: value}`, `{name: [values]}`
 * (node, nock), `[{name, value}]` (HAR) or `[[name, value]]` (fetch). Names are case-insensitive.
 */
export function headerFacts(headers: unknown): { headersKnown: boolean; contentType?: string } {
  let pairs: [string, unknown][];
  if (Array.isArray(headers)) {
    pairs = headers.flatMap((h): [string, unknown][] =>
      Array.isArray(h) && typeof h[0] === "string" ? [[h[0], h[1]]]
        : isObject(h) && typeof h.name === "string" ? [[h.name, h.value]] : []);
  } else if (isObject(headers)) {
    pairs = Object.entries(headers);
  } else {
    return { headersKnown: false };
  }
  const found = pairs.find(([name]) => name.toLowerCase() === "content-type");
  if (!found) return { headersKnown: true };
  const value = Array.isArray(found[1]) ? found[1].join(", ") : String(found[1]);
  return { headersKnown: true, contentType: value };
}

/** A body member as NDJSON and cassettes store it: a string is the body's text, anything else the JSON value. */
export function bodyOf(holder: Json, encoding?: unknown): RecordedBody {
  if (!("body" in holder) || holder.body === undefined) return { kind: "absent" };
  const body = holder.body;
  if (typeof body !== "string") return { kind: "value", value: body };
  return { kind: "text", text: encoding === "base64" ? Buffer.from(body, "base64").toString("utf8") : body };
}

/**
 * True when a JSON value is unmistakably an exchange record rather than a response body:
 * `{status, headers?, body?}` with no `success` (every Cloudflare envelope has one), or
 * `{request?, response: {status, ...}}` as cassette lines are.
 */
export function looksLikeExchange(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (isObject(v.response) && statusOf(v.response.status) !== undefined) return true;
  return statusOf(v.status) !== undefined && ("body" in v || "headers" in v) && !("success" in v);
}

/** Whether a first NDJSON line may start an NDJSON file: an object with a `status` (or `response`) member. */
export function mayStartNdjson(v: unknown): boolean {
  return isObject(v) && ("status" in v || isObject(v.response));
}

/**
 * One NDJSON or cassette line as an exchange: `{status, headers, body}` or
 * `{seq, request: {method, url, headers}, response: {status, headers, body}}`.
 * The body may be base64 when the response says `encoding: "base64"` (or `bodyEncoding`).
 */
export function exchangeFromRecord(entry: number, value: unknown): Entry {
  if (!isObject(value)) return { entry, kind: "not-an-exchange", why: `the line is ${Array.isArray(value) ? "an array" : "not an object"}` };
  const response = isObject(value.response) ? value.response : value;
  const status = statusOf(response.status);
  if (status === undefined) {
    const why = "status" in response ? `its status ${JSON.stringify(response.status)} is not an HTTP status code` : "it has no status member";
    return { entry, kind: "not-an-exchange", why };
  }
  const request = isObject(value.request)
    ? { method: typeof value.request.method === "string" ? value.request.method : undefined, url: typeof value.request.url === "string" ? value.request.url : undefined }
    : undefined;
  return {
    entry, kind: "exchange", request,
    response: {
      status, ...headerFacts(response.headers), body: bodyOf(response, response.encoding ?? response.bodyEncoding),
      ...(response.truncated === true ? { truncated: true } : {}),
      ...(response.invalidUtf8 === true ? { invalidUtf8: true } : {}),
    },
  };
}
