/**
 * A minimal reader of DER's tag-length-value structure, for the checks that judge how a
 * certificate or CSR is encoded (RFC 5280's profile, RFC 2986's structure) rather than what it
 * means. Hand-written: the ASN.1 libraries parse BER leniently and hand back values, which is
 * exactly what hides a non-minimal length, a negative serial or a UTCTime where GeneralizedTime
 * belongs.
 */

/** One element: its tag byte, where its content is, and the whole element's bytes. */
export interface DerElement {
  tag: number;
  /** The content octets. */
  content: Uint8Array;
  /** The whole element (tag, length, content): what a signature covers. */
  raw: Uint8Array;
  /** How the length was written, when DER forbids that form ("indefinite", "not minimal"). */
  lengthProblem?: string;
}

export class DerError extends Error {
  override name = "DerError";
}

/** The element at `offset` of `bytes` and where the next one starts. @throws DerError on bytes that are no TLV */
export function readElement(bytes: Uint8Array, offset = 0): { element: DerElement; next: number } {
  if (offset + 2 > bytes.length) throw new DerError(`truncated element at byte ${offset}`);
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`a multi-byte tag at byte ${offset}, which none of these structures uses`);
  let at = offset + 1;
  const first = bytes[at++]!;
  let length: number;
  let lengthProblem: string | undefined;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    throw new DerError(`an indefinite length at byte ${offset} (BER, not DER)`);
  } else {
    const count = first & 0x7f;
    if (count > 4 || at + count > bytes.length) throw new DerError(`a length of ${count} octets at byte ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[at++]!;
    if (length < 0x80 || bytes[offset + 2] === 0) lengthProblem = `a length written in more octets than needed at byte ${offset} (DER requires the shortest form)`;
  }
  if (at + length > bytes.length) throw new DerError(`an element at byte ${offset} runs past the end (${length} content octets declared)`);
  const element: DerElement = { tag, content: bytes.subarray(at, at + length), raw: bytes.subarray(offset, at + length), ...(lengthProblem ? { lengthProblem } : {}) };
  return { element, next: at + length };
}

/** The elements inside a constructed element's content. */
export function children(element: DerElement): DerElement[] {
  const out: DerElement[] = [];
  for (let at = 0; at < element.content.length;) {
    const { element: child, next } = readElement(element.content, at);
    out.push(child);
    at = next;
  }
  return out;
}

/** Every length-form problem in the element and everything inside constructed ones (depth-first). */
export function lengthProblems(element: DerElement, depth = 0): string[] {
  const own = element.lengthProblem ? [element.lengthProblem] : [];
  // Constructed (bit 6), and BIT STRING / OCTET STRING holding DER (extensions) are not descended into.
  if (!(element.tag & 0x20) || depth > 32) return own;
  return [...own, ...children(element).flatMap((c) => lengthProblems(c, depth + 1))];
}

/** An OBJECT IDENTIFIER's content as dotted text. */
export function oidText(content: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  const [first = 0, ...rest] = parts;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...rest].join(".");
}

export const TAG = {
  INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, OID: 0x06, UTF8_STRING: 0x0c, PRINTABLE_STRING: 0x13,
  UTC_TIME: 0x17, GENERALIZED_TIME: 0x18, SEQUENCE: 0x30, SET: 0x31, CONTEXT_0: 0xa0, CONTEXT_3: 0xa3,
} as const;
