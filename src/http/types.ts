/** What the HTTP layer keeps of every request it sends: the evidence a report shows. */
export interface ExchangeRequest {
  method: string;
  url: string;
  /** Header names lower-cased; credential values replaced by placeholders (never the value). */
  headers: Record<string, string>;
}

/** TLS to the target: roots to trust beside the system's, a client certificate and key (mutual TLS), or no verification at all. */
export interface TlsOptions {
  /**
   * The roots to trust (the system's and `--ca`'s) and the client certificate and key, made into
   * one context once: node:tls would otherwise parse them again for every connection (tens of
   * milliseconds each with the system's roots).
   */
  secureContext?: import("node:tls").SecureContext;
  /** Do not verify the target's certificate (`--insecure`). */
  insecure?: boolean;
}

/** What the client did with a Content-Encoding: the codings (in the order applied) and, when the body would not decode, why. */
export interface ResponseDecoding {
  codings: string[];
  error?: string;
}

/** One way the bytes of an answer break RFC 9112/9110 message syntax (src/http/wire/). */
export interface WireViolation {
  /** A short stable name: `bare-lf`, `content-length-with-transfer-encoding`, `singleton-field-repeated`... */
  rule: string;
  /** Where the rule is: `RFC 9112 §2.2`. */
  cite: string;
  message: string;
}

/** What the suite saw of an answer on the wire, besides what a client reads of it. */
export interface WireEvidence {
  /** Every violation of message syntax in the bytes received for this answer (empty: well-formed). */
  violations: WireViolation[];
  /** The HTTP version of the status line, as sent. */
  httpVersion?: string;
  /** After an answer to a request that said Connection: close, whether the server closed the connection (looked at on some requests only). */
  closedAfterAnswer?: boolean;
  /** node:http refused the bytes; status, fields and body are the suite's own lenient reading of them. */
  lenient?: true;
}

export interface ExchangeResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The body as text (truncated bodies stay truncated: that is evidence). */
  body: string;
  /**
   * True when the body is larger than the client's per-response limit (`maxBodyBytes`): reading
   * stopped there, and `body` is only its first bytes (the rest was discarded unread).
   */
  truncated?: boolean;
  /** With `truncated`: the limit the body went past, in bytes. */
  cutAtBytes?: number;
  /** True when the body bytes are not valid UTF-8 (`body` then holds U+FFFD where they were). */
  invalidUtf8?: boolean;
  /** With a Content-Encoding: the codings undone, or why the body would not decode (`body` is then what did). */
  decoding?: ResponseDecoding;
  /** The bytes as received, judged (absent where the suite saw none: a replay of a recording without them). */
  wire?: WireEvidence;
}

/** Why no usable response came: the suite could not tell, so checks on it are `errored` (or `skipped`). */
export type ExchangeErrorKind =
  | "timeout"         // no complete response within --timeout ("after N ms")
  | "refused"         // nothing answered: connection refused, DNS failure, unreachable host
  | "reset"           // the connection was reset or closed before a complete response
  | "not-http"        // the bytes that came back were not HTTP
  | "tls"             // the target's TLS certificate is not trusted (not retried: it cannot change)
  | "truncated"       // the body ended before its declared length (Content-Length)
  | "rate-limited"    // 429/5xx with a Retry-After beyond the cap: not waited for
  | "stopped"         // the run stopped (--max-time, SIGINT/SIGTERM, or the target had stopped answering) before an answer
  | "budget"          // --budget exhausted (never sent), or the run's budget for reading bodies is spent (body cut, its size unknown)
  | "not-recorded"    // replay: the cassette has no such exchange
  | "invalid-request" // the request could not be put on the wire (e.g. a header value HTTP forbids): never sent
  | "tls"             // the target's TLS could not be established (an untrusted certificate, a client certificate asked for): not retried
  | "network";        // anything else that kept a response from arriving

export interface ExchangeError {
  kind: ExchangeErrorKind;
  message: string;
}

export interface Exchange {
  /** Sequence number within the run, from 1, in the order requests were sent (not the order they were answered). */
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
  /** Sent on a kept-alive connection (GetOptions.connection): whether the socket of an earlier request carried it. */
  connection?: { reused: boolean };
}
