/** What the HTTP layer keeps of every request it sends: the evidence a report shows. */
export interface ExchangeRequest {
  method: string;
  url: string;
  /** Header names lower-cased; credential values replaced by placeholders (never the value). */
  headers: Record<string, string>;
}

export interface ExchangeResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The body as text (truncated bodies stay truncated: that is evidence). */
  body: string;
  /** True when the client stopped reading at its body size limit (`maxBodyBytes`): `body` is a prefix. */
  truncated?: boolean;
}

/** Why no usable response came: the suite could not tell, so checks on it are `errored` (or `skipped`). */
export type ExchangeErrorKind =
  | "timeout"        // no complete response within --timeout
  | "network"        // connection refused, reset, DNS...
  | "budget"         // --budget exhausted: the request was never sent
  | "not-recorded"   // replay: the cassette has no such exchange
  | "invalid-request"; // the request could not be put on the wire (e.g. a header value HTTP forbids): never sent

export interface ExchangeError {
  kind: ExchangeErrorKind;
  message: string;
}

export interface Exchange {
  /** Sequence number within the run, from 1. */
  seq: number;
  /** What the caller said this request is for (`get(path, { label })`), for reports and progress lines. */
  label?: string;
  request: ExchangeRequest;
  /**
   * What came back. When `error` is also set this is partial evidence only (e.g. the status and
   * headers arrived, then the body timed out): checks must look at `error` first.
   */
  response?: ExchangeResponse;
  error?: ExchangeError;
  timing: { startedAt: string; durationMs: number };
  /** How many attempts were made (retries on network errors, 5xx where allowed, 429). */
  attempts: number;
  /** A curl command reproducing the request, credentials as `$CLOUDFLARE_API_TOKEN`-style placeholders. */
  curl: string;
}
