import { children, readElement, TAG, type DerElement } from "../src/x509/der.ts";
import { decodeSinglePem, encodePem } from "../src/x509/pem.ts";

/**
 * Small edits of a certificate's or a CSR's DER, for the mutations that break how they are
 * encoded (RFC 5280's profile, RFC 2986's structure) while every member the result reports still
 * agrees with them: an element replaced, and the lengths of everything around it written again.
 */

/** A DER length: short form below 128, else the fewest octets. */
function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const octets: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n % 256);
  return [0x80 | octets.length, ...octets];
}

/** One element: tag, DER length, content. */
export function element(tag: number, content: Uint8Array): Uint8Array {
  return Uint8Array.from([tag, ...lengthOctets(content.length), ...content]);
}

/** `parent` (constructed) with its child at `index` replaced by `child` (whole elements). */
export function withChild(parent: DerElement, index: number, child: Uint8Array): Uint8Array {
  const parts = children(parent).map((c, i) => (i === index ? child : c.raw));
  return element(parent.tag, Buffer.concat(parts));
}

/** The element at `path` (child indexes from the top), and every element on the way. */
export function pathTo(der: Uint8Array, path: readonly number[]): DerElement[] {
  const way = [readElement(der).element];
  for (const i of path) way.push(children(way[way.length - 1]!)[i]!);
  return way;
}

/** `der` with the element at `path` replaced by `replacement` (a whole element), every enclosing length written again. */
export function replaceAt(der: Uint8Array, path: readonly number[], replacement: Uint8Array): Uint8Array {
  const way = pathTo(der, path);
  let inner = replacement;
  for (let depth = path.length - 1; depth >= 0; depth--) inner = withChild(way[depth]!, path[depth]!, inner);
  return inner;
}

/** The DER of a PEM text however its line breaks are written (LF, CRLF, the document's `\n` escapes). */
export const derOf = (pem: string, label: string) => decodeSinglePem(pem, [label], label).der;
/** DER as PEM, wrapped at 64 as RFC 7468 requires. */
export const pemOf = (der: Uint8Array, label: string) => encodePem(der, label);

/** Where a TBSCertificate's fields are: the certificate's first child, [version] first when present. */
export function tbsFieldIndex(der: Uint8Array, field: "serialNumber" | "validity" | "subject"): number[] {
  const tbs = children(readElement(der).element)[0]!;
  const offset = children(tbs)[0]!.tag === TAG.CONTEXT_0 ? 1 : 0;
  return [0, offset + { serialNumber: 0, validity: 3, subject: 4 }[field]];
}
