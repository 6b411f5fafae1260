/**
 * One attempt on the wire, and the two ways of making it: global `fetch` (the normal path, which
 * nock intercepts for recorded targets) and `node:http` for request targets `fetch` would rewrite.
 */
import { isUtf8 } from "node:buffer";
import type { ExchangeError } from "./types.ts";

/** What one attempt sends. Header values are already normalised and checked. */
export interface AttemptRequest {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Reading stops after this many body bytes (decoded, for a compressed body); the response is marked `truncated`. */
  maxBodyBytes: number;
  /** Of a body cut at `maxBodyBytes`, this many leading bytes are kept as evidence; the rest is dropped. */
  keptBytesWhenCut: number;
  /** The run's stop signal (`--max-time`, a signal): the attempt ends as `stopped`. */
  stop?: AbortSignal;
}

/** A response as received, before redaction. */
export interface ReceivedResponse {
  status: number;
  /** Names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
  /** Body bytes received (decoded), up to the limit. */
  bytes: number;
  /** Reading stopped at `maxBodyBytes`: the body is larger; `body` is a prefix. */
  truncated?: boolean;
  /** The body bytes are not valid UTF-8 (an incomplete sequence where the suite cut the body does not count). */
  invalidUtf8?: boolean;
}

/** How one attempt ended: a response, an error, or both (a response whose body failed part way). */
export interface AttemptOutcome {
  response?: ReceivedResponse;
  error?: ExchangeError;
}

/** Sends one attempt. Never throws: trouble becomes `error`. */
export type Transport = (request: AttemptRequest) => Promise<AttemptOutcome>;

/** `bytes` without an incomplete UTF-8 sequence at its end (where a body was cut). */
function withoutIncompleteTail(bytes: Buffer): Buffer {
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (bytes[i]! & 0xc0) === 0x80) {
    i -= 1;
    continuation += 1;
  }
  if (i < 0) return bytes;
  const lead = bytes[i]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return length > bytes.length - i ? bytes.subarray(0, i) : bytes;
}

/**
 * Collects body chunks up to a byte limit and decodes them as UTF-8 (a partial body stays partial).
 * Memory is bounded by the limit whatever the server sends: reading stops there.
 */
export class BodyCollector {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  /** True once the limit was hit. */
  truncated = false;

  constructor(private readonly maxBytes: number, private readonly keptBytesWhenCut = maxBytes) {}

  /** Bytes collected so far. */
  get bytes(): number {
    return this.size;
  }

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

  /** Fills `response` with the body so far: its text, byte count, and whether it was cut or is not UTF-8. */
  fill(response: ReceivedResponse, complete: boolean): void {
    let bytes: Buffer = Buffer.concat(this.chunks);
    this.chunks.length = 0;
    response.bytes = bytes.length;
    if (this.truncated) bytes = withoutIncompleteTail(bytes.subarray(0, this.keptBytesWhenCut));
    else if (!complete) bytes = withoutIncompleteTail(bytes);
    response.body = bytes.toString("utf8");
    if (this.truncated) response.truncated = true;
    if (!isUtf8(bytes)) response.invalidUtf8 = true;
  }
}

/** Adds a header to a record, joining repeats with `, ` (names lower-cased). */
export function addHeader(headers: Record<string, string>, name: string, value: string): void {
  const key = name.toLowerCase();
  headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
}
