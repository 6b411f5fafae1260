/**
 * The framing rules the wire judge applies to the bytes of HTTP/1.x answers, each with the
 * section of RFC 9112 (HTTP/1.1) or RFC 9110 (HTTP Semantics) it comes from, and the bounded
 * log a message's violations are kept in.
 */

/** One deviation from RFC 9112/9110 seen in the bytes of an answer. */
export interface WireViolation {
  /** A short, stable slug, e.g. "bare-lf". */
  rule: string;
  /** Where the rule is written, e.g. "RFC 9112 §2.2". */
  cite: string;
  message: string;
}

/** Every rule, with the section it is cited from (a violation may cite a more precise one). */
export const WIRE_RULES = {
  "not-http": "RFC 9112 §2.1",
  "empty-line-before-status-line": "RFC 9112 §2.1",
  "bare-lf": "RFC 9112 §2.2",
  "whitespace-before-first-field": "RFC 9112 §2.2",
  "head-too-long": "RFC 9110 §5.4",
  "message-incomplete": "RFC 9112 §8",
  "http-version-syntax": "RFC 9112 §2.3",
  "status-line-syntax": "RFC 9112 §4",
  "status-code-syntax": "RFC 9112 §4",
  "reason-phrase-syntax": "RFC 9112 §4",
  "field-line-syntax": "RFC 9112 §5",
  "space-before-colon": "RFC 9112 §5.1",
  "obs-fold": "RFC 9112 §5.2",
  "field-name-syntax": "RFC 9110 §5.1",
  "field-value-syntax": "RFC 9110 §5.5",
  "singleton-field-repeated": "RFC 9110 §5.3",
  "content-length-syntax": "RFC 9110 §8.6",
  "content-length-repeated": "RFC 9110 §8.6",
  "content-length-conflict": "RFC 9112 §6.3",
  "content-length-with-transfer-encoding": "RFC 9112 §6.2",
  "body-not-allowed": "RFC 9112 §6.3",
  "body-shorter-than-content-length": "RFC 9112 §8",
  "transfer-encoding-to-http10": "RFC 9112 §6.1",
  "transfer-coding-not-final-chunked": "RFC 9112 §7.4",
  "chunked-applied-twice": "RFC 9112 §6.1",
  "chunk-syntax": "RFC 9112 §7.1",
  "chunked-incomplete": "RFC 9112 §8",
  "informational-to-http10": "RFC 9110 §15.2",
  "bytes-after-message": "RFC 9112 §9.2",
} as const;

export type WireRule = keyof typeof WIRE_RULES;

/** Rules reported once per message however often they occur (later occurrences are counted). */
const ONCE: ReadonlySet<WireRule> = new Set<WireRule>(["bare-lf"]);

/** Occurrences of one rule kept in full per log; later ones are only counted, so memory stays bounded. */
const KEPT_PER_RULE = 8;

/**
 * The violations of one message (or of the connection), bounded: at most KEPT_PER_RULE of each rule
 * (one for ONCE rules) are kept, the last kept one says how many more there were.
 */
export class ViolationLog {
  /** The violations, in the order seen (a WireMessage shares this array). */
  readonly list: WireViolation[] = [];
  private readonly seen = new Map<WireRule, { count: number; last: WireViolation; text: string }>();

  /**
   * Logs a violation; `message` may be a function, called only if the violation is kept.
   * Returns the violation, or undefined when the rule's quota is spent and it was only counted.
   */
  add(rule: WireRule, message: string | (() => string), cite: string = WIRE_RULES[rule]): WireViolation | undefined {
    const entry = this.seen.get(rule);
    const kept = ONCE.has(rule) ? 1 : KEPT_PER_RULE;
    if (entry && entry.count >= kept) {
      entry.count += 1;
      entry.last.message = `${entry.text} (and ${entry.count - kept} more like it)`;
      return undefined;
    }
    const violation: WireViolation = { rule, cite, message: typeof message === "string" ? message : message() };
    this.list.push(violation);
    this.seen.set(rule, { count: (entry?.count ?? 0) + 1, last: violation, text: violation.message });
    return violation;
  }

  /** Moves every violation of `other` here (kept ones only), in order. */
  takeAll(other: ViolationLog): void {
    for (const v of other.list) this.add(v.rule as WireRule, v.message, v.cite);
  }
}

/** A few bytes shown safely in a message: printable ASCII as is, the rest escaped, cut at `max`. */
export function showBytes(bytes: Uint8Array, max = 32): string {
  let text = "";
  for (let i = 0; i < bytes.length && i < max; i++) {
    const b = bytes[i]!;
    if (b === 0x0d) text += "\\r";
    else if (b === 0x0a) text += "\\n";
    else if (b === 0x09) text += "\\t";
    else if (b === 0x5c) text += "\\\\";
    else if (b >= 0x20 && b < 0x7f) text += String.fromCharCode(b);
    else text += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return `"${text}${bytes.length > max ? "…" : ""}"`;
}

/** A string of single bytes (latin1) shown the same way. */
export function showText(text: string, max = 32): string {
  return showBytes(Buffer.from(text, "latin1"), max);
}

/**
 * A run of bytes that is one violation as a whole (garbage, bytes after a message): counted as they
 * come, with the first PREVIEW bytes kept for the message, which is rewritten as the run grows.
 */
export class ByteRun {
  private count = 0;
  private preview = new Uint8Array(0);
  private readonly violation: WireViolation | undefined;

  constructor(
    log: ViolationLog,
    rule: WireRule,
    private readonly describe: (count: number, preview: string) => string,
    cite?: string,
  ) {
    this.violation = log.add(rule, describe(0, '""'), cite);
  }

  add(bytes: Uint8Array): void {
    if (bytes.length === 0 || !this.violation) return;
    this.count += bytes.length;
    if (this.preview.length <= PREVIEW) {
      const next = new Uint8Array(Math.min(PREVIEW + 1, this.preview.length + bytes.length));
      next.set(this.preview);
      next.set(bytes.subarray(0, next.length - this.preview.length), this.preview.length);
      this.preview = next;
    }
    this.violation.message = this.describe(this.count, showBytes(this.preview, PREVIEW));
  }
}

const PREVIEW = 32;
