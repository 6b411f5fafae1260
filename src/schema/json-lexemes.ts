import { isDeepStrictEqual } from "node:util";
/**
 * What `JSON.parse` does not tell about a JSON text: how its numbers are spelled, whether a
 * member name repeats within an object, and whether a string holds an unpaired surrogate.
 * RFC 8259 and OpenAPI 3.0 judge these on the text itself (an `integer` is "a JSON number
 * without a fraction or exponent part"; "the names within an object SHOULD be unique"), and
 * `JSON.parse` hides all three (the last duplicate wins; 3650.0 becomes 3650).
 *
 * Hand-written rather than a library: it runs only on text `JSON.parse` has already accepted,
 * so it is a plain walk over valid tokens, and no maintained parser reports all three facts.
 */

/** The facts, each at a JSON pointer into the parsed value. */
export interface JsonLexicalFacts {
  /** Numbers written with a fraction or an exponent part (`3650.0`, `1e3`): pointer → the number as written. */
  readonly fractionOrExponent: ReadonlyMap<string, string>;
  /** Integers written past ±(2^53 − 1), or numbers too large to be represented: pointer → as written (RFC 8259 §6). */
  readonly beyondDoublePrecision: ReadonlyMap<string, string>;
  /** Objects in which a member name appears twice: the pointer of the repeated member. */
  readonly duplicateNames: readonly string[];
  /**
   * Of those, the members given two different values (a first-wins reader and JSON.parse, which
   * keeps the last, read different data): pointer → the first value as written (shortened).
   */
  readonly conflictingNames: ReadonlyMap<string, string>;
  /** Strings (values or member names) with an unpaired surrogate (RFC 8259 §8.2): their pointers. */
  readonly unpairedSurrogates: readonly string[];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** RFC 6901: `~` and `/` escaped in a reference token. */
const token = (name: string) => name.replace(/~/g, "~0").replace(/\//g, "~1");

/** Where a member's value is in the text. */
type Span = { start: number; end: number };
type Frame =
  | { kind: "object"; path: string; names: Map<string, Span>; key: string | undefined; valueStart: number; firstOfRepeated: Span | undefined }
  | { kind: "array"; path: string; index: number };

/** The JSON string token starting at `text[at]` (a `"`): its decoded value and where it ends. */
function stringToken(text: string, at: number): { value: string; end: number } {
  let end = at + 1;
  while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
  return { value: JSON.parse(text.slice(at, end + 1)) as string, end: end + 1 };
}

/**
 * The lexical facts of `text`, which must be a JSON text `JSON.parse` accepts (a byte order
 * mark before it is skipped). Linear in the text's length, iterative (no recursion).
 */
export function jsonLexicalFacts(text: string): JsonLexicalFacts {
  const fractionOrExponent = new Map<string, string>();
  const beyondDoublePrecision = new Map<string, string>();
  const duplicateNames: string[] = [];
  const conflictingNames = new Map<string, string>();
  const unpairedSurrogates: string[] = [];
  const stack: Frame[] = [];

  /** The pointer of the value starting at `at` (and, in an array, counts it). */
  const valuePath = (at: number): string => {
    const top = stack[stack.length - 1];
    if (!top) return "";
    if (top.kind === "array") return `${top.path}/${top.index++}`;
    top.valueStart = at;
    return `${top.path}/${token(top.key ?? "")}`;
  };
  /** A value ended at `end`: a member's span is kept, and a repeated member's compared with its first. */
  const valueEnded = (end: number): void => {
    const top = stack[stack.length - 1];
    if (top?.kind !== "object") return;
    const span = { start: top.valueStart, end };
    const first = top.firstOfRepeated;
    if (!first) return void top.names.set(top.key ?? "", span);
    top.firstOfRepeated = undefined;
    const firstText = text.slice(first.start, first.end);
    if (!isDeepStrictEqual(JSON.parse(firstText), JSON.parse(text.slice(span.start, span.end)))) {
      conflictingNames.set(`${top.path}/${token(top.key ?? "")}`, firstText.length > 40 ? `${firstText.slice(0, 37)}...` : firstText);
    }
  };

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "," || c === ":") {
      i += 1;
    } else if (c === "{" || c === "[") {
      const path = valuePath(i);
      stack.push(c === "{" ? { kind: "object", path, names: new Map(), key: undefined, valueStart: 0, firstOfRepeated: undefined } : { kind: "array", path, index: 0 });
      i += 1;
    } else if (c === "}" || c === "]") {
      stack.pop();
      i += 1;
      valueEnded(i);
    } else if (c === '"') {
      const { value, end } = stringToken(text, i);
      const top = stack[stack.length - 1];
      // In an object, a string not followed by ':' is a value; one followed by ':' is a member name.
      let next = end;
      while (text[next] === " " || text[next] === "\t" || text[next] === "\n" || text[next] === "\r") next += 1;
      if (top?.kind === "object" && text[next] === ":") {
        const path = `${top.path}/${token(value)}`;
        const first = top.names.get(value);
        if (first) duplicateNames.push(path);
        top.firstOfRepeated = first;
        top.key = value;
        if (LONE_SURROGATE.test(value)) unpairedSurrogates.push(path);
        i = end;
      } else {
        const path = valuePath(i);
        if (LONE_SURROGATE.test(value)) unpairedSurrogates.push(path);
        i = end;
        valueEnded(end);
      }
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      let end = i + 1;
      while (end < text.length && /[0-9eE+\-.]/.test(text[end]!)) end += 1;
      const lexeme = text.slice(i, end);
      const path = valuePath(i);
      const value = Number(lexeme);
      if (/[.eE]/.test(lexeme)) fractionOrExponent.set(path, lexeme);
      if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) beyondDoublePrecision.set(path, lexeme);
      i = end;
      valueEnded(end);
    } else {
      // true, false, null
      valuePath(i);
      i += c === "f" ? 5 : 4;
      valueEnded(i);
    }
  }
  return { fractionOrExponent, beyondDoublePrecision, duplicateNames, conflictingNames, unpairedSurrogates };
}
