/**
 * One attempt on the wire (made with `node:http`, which nock intercepts for recorded targets), and
 * the body collection every attempt shares.
 */
import { isUtf8 } from "node:buffer";
import type { KeptAliveConnection } from "./node-http-transport.ts";
import type { ExchangeError, ResponseDecoding, TlsOptions, WireEvidence } from "./types.ts";

/** What one attempt sends. Header values are already normalised and checked. */
export interface AttemptRequest {
  url: string;
  /** GET unless said (a safe method: OPTIONS, TRACE). */
  method?: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** How much of the body to read (decoded, for a compressed body) and keep. */
  bodyLimits: BodyLimits;
  /** The run's stop signal (`--max-time`, a signal): the attempt ends as `stopped`. */
  stop?: AbortSignal;
  /** Send every header name in upper case. */
  upperCaseHeaderNames?: boolean;
  /** Send on this kept-alive connection (a fresh one per attempt otherwise). */
  connection?: KeptAliveConnection;
  /** The forward proxy this request goes through (resolved per target URL: --proxy, HTTPS_PROXY, NO_PROXY). */
  proxy?: URL;
  /** TLS to the target (https). */
  tls?: TlsOptions;
  /** After the answer, wait (briefly) to see whether the server closes the connection, as a request saying close asks (raw transport only). */
  awaitClose?: boolean;
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
  /** Reading stopped where the run's budget for body bytes ran out: `body` is a prefix, its size unknown. */
  overBudget?: boolean;
  /** The body bytes are not valid UTF-8 (an incomplete sequence where the suite cut the body does not count). */
  invalidUtf8?: boolean;
  /** The Content-Encoding undone (or not). */
  decoding?: ResponseDecoding;
  /** Sent on a kept-alive connection: whether it went out on the socket an earlier request used. */
  reusedConnection?: boolean;
  /** What the suite saw of the answer on the wire. */
  wire?: WireEvidence;
}

/** How one attempt ended: a response, an error, or both (a response whose body failed part way). */
export interface AttemptOutcome {
  response?: ReceivedResponse;
  error?: ExchangeError;
  /** Sent on a kept-alive connection: whether it went out on the socket an earlier request used (known with or without an answer). */
  reusedConnection?: boolean;
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

// One full-size buffer is kept for the next body: a hostile target sending a huge body to every
// probe would otherwise make the run allocate (and wait on the collector to free) 8 MiB per probe.
let spare: Buffer | undefined;

/** How much of a body to read: the per-response limit, what is kept of a cut body, and what the run has left. */
export interface BodyLimits {
  /** A body past this is too large (`truncated`). */
  maxBytes: number;
  /** Of a body cut short (too large, or the run's budget spent), this many leading bytes are kept. */
  keptBytesWhenCut: number;
  /** Bytes the run may still read; below `maxBytes`, a body longer than `keptBytesWhenCut` is cut `overBudget`. */
  budgetBytes: number;
}

/**
 * Collects body chunks into one buffer (each chunk is copied and let go at once) and decodes them
 * as UTF-8 at the end. Memory is bounded by the limit whatever the server sends: reading stops at
 * `maxBytes` (the body is too large), at the declared length when that is already past it, or at
 * what the run's budget leaves.
 */
export class BodyCollector {
  private buffer: Buffer | undefined;
  private size = 0;
  private readLimit: number;
  /** True once the body went past `maxBytes` (or declared it would): it is too large. */
  truncated = false;
  /** True once reading stopped at the run's budget, short of knowing whether the body is too large. */
  overBudget = false;

  constructor(private readonly limits: BodyLimits) {
    this.readLimit = Math.min(limits.maxBytes, Math.max(limits.keptBytesWhenCut, limits.budgetBytes));
  }

  /** Bytes collected so far. */
  get bytes(): number {
    return this.size;
  }

  /** The length the response declares (Content-Length of an unencoded body): past the limit, the body is too large already. */
  declare(length: number | undefined): void {
    if (length !== undefined && length > this.limits.maxBytes) {
      this.truncated = true;
      this.readLimit = this.limits.keptBytesWhenCut;
    }
  }

  private room(needed: number): Buffer {
    if (this.buffer && this.buffer.length >= needed) return this.buffer;
    let next: Buffer;
    if (spare && spare.length >= needed) {
      next = spare;
      spare = undefined;
    } else {
      next = Buffer.allocUnsafe(Math.min(this.limits.maxBytes, Math.max(needed, 64 * 1024, (this.buffer?.length ?? 0) * 2)));
    }
    if (this.buffer) this.buffer.copy(next, 0, 0, this.size);
    this.buffer = next;
    return next;
  }

  /** Adds a chunk; returns false when reading should stop (the limit is reached). */
  add(chunk: Uint8Array): boolean {
    const room = this.readLimit - this.size;
    const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
    if (part.byteLength > 0) {
      this.room(this.size + part.byteLength).set(part, this.size);
      this.size += part.byteLength;
    }
    if (chunk.byteLength <= room) return true;
    if (this.readLimit === this.limits.maxBytes) this.truncated = true;
    else if (!this.truncated) this.overBudget = true;
    return false;
  }

  /** Fills `response` with the body so far: its text, byte count, and whether it was cut or is not UTF-8. */
  fill(response: ReceivedResponse, complete: boolean): void {
    response.bytes = this.size;
    let bytes: Buffer = this.buffer ? this.buffer.subarray(0, this.size) : Buffer.alloc(0);
    const cut = this.truncated || this.overBudget;
    if (cut) bytes = withoutIncompleteTail(bytes.subarray(0, this.limits.keptBytesWhenCut));
    else if (!complete) bytes = withoutIncompleteTail(bytes);
    response.body = bytes.toString("utf8");
    if (this.truncated) response.truncated = true;
    if (this.overBudget) response.overBudget = true;
    if (!isUtf8(bytes)) response.invalidUtf8 = true;
    // Kept for the next body only while the run can still read a full one.
    if (this.buffer && this.buffer.length === this.limits.maxBytes && this.limits.budgetBytes - this.size >= this.limits.maxBytes) spare = this.buffer;
    else if (this.limits.budgetBytes - this.size < this.limits.maxBytes) spare = undefined;
    this.buffer = undefined;
    this.size = 0;
  }
}

/** Adds a header to a record, joining repeats with `, ` (names lower-cased). */
export function addHeader(headers: Record<string, string>, name: string, value: string): void {
  const key = name.toLowerCase();
  headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
}
