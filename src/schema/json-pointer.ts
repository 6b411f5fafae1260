/** RFC 6901 JSON pointers: the registry, errata and reports all speak them. */

export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => "/" + escapePointerSegment(s)).join("");
}

export function splitPointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split("/").map(unescapePointerSegment);
}

/** The value at `pointer`, or undefined when the pointer does not resolve. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  let node: unknown = doc;
  for (const segment of splitPointer(pointer)) {
    if (node === null || typeof node !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * The JSON pointer a `$ref` names within its own document (`#/components/schemas/x` →
 * `/components/schemas/x`), or why it names none: an external reference (another file or URL), a
 * fragment that is not a JSON pointer (`#foo`), or a malformed `%` escape. Thrown as an Error whose
 * message is that reason, for the caller to place.
 */
export function localRefPointer(ref: string): string {
  if (!ref.startsWith("#")) throw new Error("is an external reference; the suite follows only references within the document (#/...)");
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    throw new Error("has a malformed %-escape");
  }
  if (pointer !== "" && !pointer.startsWith("/")) throw new Error("is not a JSON pointer (#/...)");
  return pointer;
}
