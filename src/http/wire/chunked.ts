/**
 * A streaming, lenient decoder of the chunked transfer coding (RFC 9112 §7.1): it hands the chunk
 * data on, reads chunk extensions and the trailer section, and logs every syntax error as
 * "chunk-syntax". It stops ("broken") only where the body can no longer be delimited at all.
 */
import { HeadBuffer, parseFields, splitLines, type Field } from "./head.ts";
import { checkSingletons } from "./framing.ts";
import { showBytes, showText, type ViolationLog } from "./rules.ts";

const LF = 0x0a;
const CR = 0x0d;

// chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ), RFC 9112 §7.1.1;
// token and quoted-string as RFC 9110 §5.6.2 and §5.6.4 define them.
const TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
const QUOTED = '"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t \\x21-\\x7e\\x80-\\xff])*"';
const EXT = (bws: string) => new RegExp(`^(?:${bws};${bws}${TOKEN}(?:${bws}=${bws}(?:${TOKEN}|${QUOTED}))?)*$`);
const EXT_WITH_BWS = EXT("[ \\t]*");
const EXT_WITHOUT_BWS = EXT("");

/** The value of a hex digit, or -1. */
function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const lower = b | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

type State = "size" | "data" | "data-cr" | "data-lf" | "trailer" | "done" | "broken";

export class ChunkedDecoder {
  private state: State = "size";
  private lineBuffer = new Uint8Array(0);
  private lineLength = 0;
  private remaining = 0;
  private readonly trailer: HeadBuffer;
  /** The trailer fields, once the trailer section has been read. */
  trailers: Field[] = [];

  constructor(
    private readonly log: ViolationLog,
    private readonly sink: (data: Uint8Array) => void,
    private readonly maxLineBytes: number,
  ) {
    this.trailer = new HeadBuffer(maxLineBytes);
  }

  /** The last chunk and the trailer section have been read: the body is complete. */
  get done(): boolean {
    return this.state === "done";
  }

  /** The body can no longer be delimited (no chunk size, a line past the bound). */
  get broken(): boolean {
    return this.state === "broken";
  }

  /** Takes bytes of `chunk` from `from`; returns how many belong to the body (all but what follows its end). */
  take(chunk: Uint8Array, from: number): number {
    let i = from;
    while (i < chunk.length && this.state !== "done" && this.state !== "broken") {
      switch (this.state) {
        case "size": {
          const lf = chunk.indexOf(LF, i);
          const end = lf === -1 ? chunk.length : lf;
          if (this.lineLength + (end - i) > this.maxLineBytes) {
            this.fail(`a chunk-size line longer than ${this.maxLineBytes} bytes`);
            return chunk.length - from;
          }
          if (lf !== -1 && this.lineLength === 0) {
            this.sizeLine(chunk, i, lf); // the whole line in this chunk: read in place
            i = lf + 1;
            break;
          }
          this.appendLine(chunk.subarray(i, end));
          i = lf === -1 ? end : lf + 1;
          if (lf !== -1) {
            const length = this.lineLength;
            this.lineLength = 0;
            this.sizeLine(this.lineBuffer, 0, length);
          }
          break;
        }
        case "data": {
          const n = Math.min(this.remaining, chunk.length - i);
          this.sink(chunk.subarray(i, i + n));
          this.remaining -= n;
          i += n;
          if (this.remaining === 0) this.state = "data-cr";
          break;
        }
        case "data-cr":
          if (chunk[i] === CR) {
            this.state = "data-lf";
            i++;
          } else if (chunk[i] === LF) {
            this.log.add("chunk-syntax", "chunk data is followed by a bare LF instead of CRLF");
            this.state = "size";
            i++;
          } else {
            this.log.add("chunk-syntax", "no CRLF after the chunk data (a chunk size too small?); what follows is read as a chunk-size line");
            this.state = "size";
          }
          break;
        case "data-lf":
          if (chunk[i] === LF) i++;
          else this.log.add("chunk-syntax", "chunk data is followed by a CR without LF");
          this.state = "size";
          break;
        case "trailer": {
          const { used, state } = this.trailer.take(chunk, i);
          i += used;
          if (state === "too-long") {
            this.fail(`a trailer section longer than ${this.maxLineBytes} bytes`);
            return chunk.length - from;
          }
          if (state === "done") this.trailerSection();
          break;
        }
      }
    }
    return i - from;
  }

  private appendLine(bytes: Uint8Array): void {
    if (this.lineLength + bytes.length > this.lineBuffer.length) {
      const next = new Uint8Array(Math.min(this.maxLineBytes, Math.max(64, this.lineBuffer.length * 2, this.lineLength + bytes.length)));
      next.set(this.lineBuffer.subarray(0, this.lineLength));
      this.lineBuffer = next;
    }
    this.lineBuffer.set(bytes, this.lineLength);
    this.lineLength += bytes.length;
  }

  /** Reads the chunk-size line in bytes[start, lf) (lf: where its LF is). */
  private sizeLine(bytes: Uint8Array, start: number, lf: number): void {
    let end = lf;
    if (end > start && bytes[end - 1] === CR) end--;
    else this.log.add("chunk-syntax", "a chunk-size line ends with a bare LF instead of CRLF");
    let at = start;
    let size = 0;
    for (let digit = hexValue(bytes[at]); at < end && digit >= 0; digit = hexValue(bytes[++at])) {
      size = Math.min(Number.MAX_SAFE_INTEGER, size * 16 + digit);
    }
    if (at === start) {
      this.fail(`no chunk size (1*HEXDIG) at the start of ${showBytes(bytes.subarray(start, end))}`);
      return;
    }
    if (at < end) {
      const ext = Buffer.from(bytes.buffer, bytes.byteOffset + at, end - at).toString("latin1");
      if (!EXT_WITH_BWS.test(ext)) {
        this.log.add("chunk-syntax", () => `after chunk size ${showBytes(bytes.subarray(start, at))}: ${showText(ext)} is not a chunk-ext`);
      } else if (!EXT_WITHOUT_BWS.test(ext)) {
        this.log.add("chunk-syntax", () => `whitespace around ";" or "=" in the chunk-ext ${showText(ext)} (BWS, which a sender must not generate: RFC 9110 §5.6.3)`);
      }
    }
    if (size === 0) {
      this.state = "trailer";
    } else {
      this.remaining = size;
      this.state = "data";
    }
  }

  private trailerSection(): void {
    const cite = "RFC 9112 §7.1.2";
    const lines = splitLines(this.trailer.bytes, this.log, "trailer section");
    this.trailers = parseFields(lines, (rule, message) => this.log.add("chunk-syntax", `in the trailer section, ${rule}: ${message}`, cite));
    checkSingletons(this.trailers, this.log, "trailer section");
    this.trailer.reset();
    this.state = "done";
  }

  private fail(message: string): void {
    this.log.add("chunk-syntax", `${message}: the rest of the body cannot be delimited`);
    this.lineBuffer = new Uint8Array(0);
    this.lineLength = 0;
    this.state = "broken";
  }
}
