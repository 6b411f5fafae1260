/**
 * A judge of the bytes a client receives on one HTTP/1.x connection, for requests sent one after
 * another (no pipelining). It reads every answer as a lenient recipient would (bare LF, obs-fold,
 * whitespace before a colon, duplicate Content-Length... are all read through) and logs each
 * deviation from RFC 9112/9110 with its citation, so that an answer llhttp refuses is still read
 * and judged "answered badly". Memory stays bounded whatever arrives: a head is kept up to
 * `maxHeadBytes`, a body up to `maxBodyBytes` (the rest is counted), garbage only counted.
 */
import { ChunkedDecoder } from "./chunked.ts";
import { framingOf, type FramingKind, type RequestContext } from "./framing.ts";
import { HeadBuffer, parseHead, startsLikeHttp, type Field } from "./head.ts";
import { ByteRun, showBytes, ViolationLog, type WireViolation } from "./rules.ts";

export type { WireViolation } from "./rules.ts";

export interface WireMessage {
  /** As sent, e.g. "1.1". */
  httpVersion: string;
  status: number;
  reason: string;
  /** 1xx answers before it (the first 16). */
  informational: { status: number; fields: Field[] }[];
  /** Names as sent, values trimmed of OWS, in order. */
  fields: Field[];
  /** The trailer section of a chunked body. */
  trailers: Field[];
  /** "none": a 1xx/204/304 answer, an answer to HEAD, or one after which the connection is a tunnel (101, 2xx to CONNECT). */
  framing: "content-length" | "chunked" | "close" | "none";
  /** The message body without the chunked coding (not content-decoded), at most `maxBodyBytes` of it. */
  body: Uint8Array;
  /** Body bytes received in all (may exceed what is kept). */
  bodyBytes: number;
  /** The message ended as its framing says. */
  complete: boolean;
  violations: WireViolation[];
}

export interface WireJudgeOptions {
  /** The method of the first request (default GET): a HEAD answer has no body, a 2xx to CONNECT opens a tunnel. */
  requestMethod?: string;
  /** The version of the requests sent (default 1.1). */
  requestVersion?: "1.1" | "1.0";
  /** Bound on a header (or trailer) section, and on a chunk-size line; default 64 KiB. */
  maxHeadBytes?: number;
  /** Body bytes kept per message; default 1 MiB. */
  maxBodyBytes?: number;
}

type State = "start" | "head" | "body" | "after" | "garbage" | "tunnel" | "ended";

interface Current {
  message: WireMessage;
  log: ViolationLog;
  kind: FramingKind;
  /** Content-Length: the length declared, and what is still to come. */
  declared: number;
  remaining: number;
  chunked?: ChunkedDecoder;
  buffer: Uint8Array;
}

const CR = 0x0d;
const LF = 0x0a;
const MAX_INFORMATIONAL = 16;

export class WireJudge {
  /** Final answers so far (the last may be incomplete). */
  readonly messages: WireMessage[] = [];
  private readonly log = new ViolationLog();
  private readonly maxHeadBytes: number;
  private readonly maxBodyBytes: number;
  private readonly head: HeadBuffer;
  private request: RequestContext;
  private state: State = "start";
  private emptyLineBytes = 0;
  private headIsHttp = false;
  /** Violations of the answer being read, until its final head makes a message of it. */
  private answerLog = new ViolationLog();
  private informational: WireMessage["informational"] = [];
  private current: Current | undefined;
  /** Bytes after a message, or garbage: one violation, counted. */
  private run: ByteRun | undefined;

  constructor(opts: WireJudgeOptions = {}) {
    this.request = { method: (opts.requestMethod ?? "GET").toUpperCase(), version: opts.requestVersion ?? "1.1" };
    this.maxHeadBytes = Math.max(64, opts.maxHeadBytes ?? 64 * 1024);
    this.maxBodyBytes = Math.max(0, opts.maxBodyBytes ?? 1024 * 1024);
    this.head = new HeadBuffer(this.maxHeadBytes);
  }

  /** Violations not tied to a message: garbage where a status line should be, bytes after a message, a cut head. */
  get violations(): WireViolation[] {
    return this.log.list;
  }

  /** True once the peer closed the connection (`end`). */
  get ended(): boolean {
    return this.state === "ended";
  }

  /** True while an answer has begun and not ended (more bytes would be read into it). */
  get midAnswer(): boolean {
    return this.state === "head" || this.state === "body" || (this.state === "start" && (this.informational.length > 0 || this.emptyLineBytes > 0));
  }

  /** Bytes as received, split anywhere. */
  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      switch (this.state) {
        case "start":
          while (i < chunk.length && (chunk[i] === CR || chunk[i] === LF)) {
            this.emptyLineBytes++;
            i++;
          }
          if (i < chunk.length) this.state = "head";
          break;
        case "head":
          i += this.takeHead(chunk, i);
          break;
        case "body":
          i += this.takeBody(chunk, i);
          break;
        case "after":
          this.run ??= this.strayRun();
          this.run.add(chunk.subarray(i));
          i = chunk.length;
          break;
        case "garbage":
          this.run?.add(chunk.subarray(i));
          i = chunk.length;
          break;
        default: // tunnel, ended
          i = chunk.length;
      }
    }
  }

  /** The peer closed the connection. */
  end(): void {
    if (this.state === "ended") return;
    this.settle("the connection closed");
    this.state = "ended";
  }

  /** Call before sending the next request on this connection: what came before it and is not a complete answer is judged now. */
  nextRequest(opts: { requestMethod?: string } = {}): void {
    if (this.state === "ended") return;
    this.settle("the next request was sent");
    this.request = { ...this.request, method: (opts.requestMethod ?? "GET").toUpperCase() };
    this.state = "start";
    this.emptyLineBytes = 0;
    this.headIsHttp = false;
    this.head.reset();
    this.answerLog = new ViolationLog();
    this.informational = [];
    this.current = undefined;
    this.run = undefined;
  }

  private takeHead(chunk: Uint8Array, from: number): number {
    const { used, state } = this.head.take(chunk, from);
    if (!this.headIsHttp) {
      const verdict = startsLikeHttp(this.head.bytes);
      if (verdict === "maybe" && state === "more") return used;
      if (verdict !== "yes") {
        const bytes = this.head.bytes.slice();
        this.head.reset();
        this.toGarbage(new ByteRun(this.log, "not-http", (n, preview) => `${n} bytes that are not an HTTP answer where a status line should be: ${preview}`));
        this.run!.add(bytes);
        return used;
      }
      this.headIsHttp = true;
    }
    if (state === "too-long") {
      const preview = showBytes(this.head.bytes);
      this.head.reset();
      this.toGarbage(new ByteRun(this.log, "head-too-long", (n) => `the header section ${preview} runs past ${this.maxHeadBytes} bytes; reading stopped (${n} more bytes ignored)`));
    } else if (state === "done") {
      this.onHead();
    }
    return used;
  }

  private onHead(): void {
    const log = this.answerLog;
    if (this.emptyLineBytes > 0) log.add("empty-line-before-status-line", `${this.emptyLineBytes} CR/LF bytes before the status line`);
    this.emptyLineBytes = 0;
    const head = parseHead(this.head.bytes, log);
    this.head.reset();
    this.headIsHttp = false;
    const framing = framingOf(head, this.request, log);
    if (head.status >= 100 && head.status < 200 && this.request.version === "1.0") {
      log.add("informational-to-http10", `a ${head.status} answer to an HTTP/1.0 request`);
    }
    if (head.status >= 100 && head.status < 200 && head.status !== 101) {
      if (this.informational.length < MAX_INFORMATIONAL) this.informational.push({ status: head.status, fields: head.fields });
      this.state = "start";
      return;
    }
    const { httpVersion, status, reason, fields } = head;
    const message: WireMessage = {
      httpVersion, status, reason, informational: this.informational, fields, trailers: [],
      framing: framing.kind === "tunnel" ? "none" : framing.kind, body: new Uint8Array(0), bodyBytes: 0, complete: false, violations: log.list,
    };
    this.messages.push(message);
    const length = framing.length ?? 0;
    this.current = { message, log, kind: framing.kind, declared: length, remaining: length, buffer: message.body };
    if (framing.kind === "chunked") this.current.chunked = new ChunkedDecoder(log, (data) => this.keep(data), this.maxHeadBytes);
    this.informational = [];
    this.answerLog = new ViolationLog();
    if (framing.kind === "tunnel") {
      message.complete = true;
      this.state = "tunnel";
    } else if (framing.kind === "none" || (framing.kind === "content-length" && length === 0)) {
      this.finish();
    } else {
      this.state = "body";
    }
  }

  private takeBody(chunk: Uint8Array, from: number): number {
    const current = this.current!;
    if (current.kind === "content-length") {
      const n = Math.min(current.remaining, chunk.length - from);
      this.keep(chunk.subarray(from, from + n));
      current.remaining -= n;
      if (current.remaining === 0) this.finish();
      return n;
    }
    if (current.chunked) {
      const used = current.chunked.take(chunk, from);
      if (current.chunked.done) {
        current.message.trailers = current.chunked.trailers;
        this.finish();
      } else if (current.chunked.broken) {
        this.toGarbage(undefined);
      }
      return used;
    }
    this.keep(chunk.subarray(from)); // close-delimited
    return chunk.length - from;
  }

  /** Counts body bytes and keeps the first maxBodyBytes of them. */
  private keep(data: Uint8Array): void {
    const current = this.current!;
    const message = current.message;
    const kept = message.body.length;
    message.bodyBytes += data.length;
    const part = data.subarray(0, Math.max(0, this.maxBodyBytes - kept));
    if (part.length === 0) return;
    if (kept + part.length > current.buffer.length) {
      const next = new Uint8Array(Math.min(this.maxBodyBytes, Math.max(4096, current.buffer.length * 2, kept + part.length)));
      next.set(message.body);
      current.buffer = next;
    }
    current.buffer.set(part, kept);
    message.body = current.buffer.subarray(0, kept + part.length);
  }

  private finish(): void {
    this.current!.message.complete = true;
    this.state = "after";
    this.run = undefined;
  }

  private toGarbage(run: ByteRun | undefined): void {
    this.state = "garbage";
    this.run = run;
  }

  /** The violation bytes after a complete answer are: a body where none is allowed, else bytes after the message. */
  private strayRun(): ByteRun {
    const { message, log, kind } = this.current!;
    if (kind === "none") {
      const [what, cite] = this.request.method === "HEAD" ? ["an answer to HEAD", "RFC 9110 §9.3.2"]
        : message.status === 204 ? ["a 204 answer", "RFC 9110 §15.3.5"] : [`a ${message.status} answer`, "RFC 9110 §15.4.5"];
      return new ByteRun(log, "body-not-allowed", (n, preview) => `${n} bytes of content after ${what}, which has none: ${preview}`, cite);
    }
    return new ByteRun(this.log, "bytes-after-message", (n, preview) => `${n} bytes after the end of the ${message.status} answer, before any request asked for more: ${preview}`);
  }

  /** Judges what is left of the answer being read when the connection closes or the next request is sent. */
  private settle(when: string): void {
    if (this.state === "start" || this.state === "head") {
      this.log.takeAll(this.answerLog);
      if (this.emptyLineBytes > 0) this.log.add("empty-line-before-status-line", `${this.emptyLineBytes} CR/LF bytes before the status line`);
      if (this.state === "head") this.log.add("message-incomplete", `the header section is cut after ${this.head.bytes.length} bytes: ${when}`);
      else if (this.informational.length > 0) this.log.add("message-incomplete", `${this.informational.length} informational (1xx) answer(s), then no final answer: ${when}`);
      return;
    }
    if (this.state !== "body") return;
    const { message, log, kind, declared } = this.current!;
    if (kind === "content-length") {
      log.add("body-shorter-than-content-length", `${message.bodyBytes} of the ${declared} bytes of Content-Length came: ${when}`);
    } else if (kind === "chunked") {
      log.add("chunked-incomplete", `the chunked body has not ended (no last chunk, or a cut trailer section): ${when}`);
    } else if (when === "the connection closed") {
      message.complete = true; // close-delimited: the close is its end
    } else {
      log.add("message-incomplete", "the body is delimited by the close, but the connection stayed open until the next request", "RFC 9112 §9.3");
    }
  }
}
