/**
 * One attempt on the wire, and the two ways of making it: global `fetch` (the normal path, which
 * nock intercepts for recorded targets) and `node:http` for request targets `fetch` would rewrite.
 */
import type { ExchangeError } from "./types.ts";

/** What one attempt sends. Header values are already normalised and checked. */
export interface AttemptRequest {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Reading stops after this many body bytes (the response is marked `truncated`). */
  maxBodyBytes: number;
}

/** A response as received, before redaction. */
export interface ReceivedResponse {
  status: number;
  /** Names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
  truncated?: boolean;
}

/** How one attempt ended: a response, an error, or both (a response whose body failed part way). */
export interface AttemptOutcome {
  response?: ReceivedResponse;
  error?: ExchangeError;
}

/** Sends one attempt. Never throws: trouble becomes `error`. */
export type Transport = (request: AttemptRequest) => Promise<AttemptOutcome>;

/** Collects body chunks up to a byte limit and decodes them as UTF-8 (a partial body stays partial). */
export class BodyCollector {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  /** True once the limit was hit. */
  truncated = false;

  constructor(private readonly maxBytes: number) {}

  /** Adds a chunk; returns false when the limit is reached and reading should stop. */
  add(chunk: Uint8Array): boolean {
    const room = this.maxBytes - this.size;
    if (chunk.byteLength > room) {
      this.chunks.push(chunk.subarray(0, room));
      this.size = this.maxBytes;
      this.truncated = true;
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    return true;
  }

  /** The body so far as text. */
  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

/** Adds a header to a record, joining repeats with `, ` (names lower-cased). */
export function addHeader(headers: Record<string, string>, name: string, value: string): void {
  const key = name.toLowerCase();
  headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
}

/** A one-line description of a network error, with the OS/undici code where there is one. */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [error.message];
  let cause: unknown = (error as { cause?: unknown }).cause;
  for (let depth = 0; cause instanceof Error && depth < 3; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    parts.push(typeof code === "string" ? `${code}: ${cause.message}` : cause.message);
    cause = (cause as { cause?: unknown }).cause;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && !error.message.includes(code)) parts.push(code);
  return parts.join(" / ");
}
