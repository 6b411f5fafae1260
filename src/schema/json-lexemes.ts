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
  /** Strings (values or member names) with an unpaired surrogate (RFC 8259 §8.2): their pointers. */
  readonly unpairedSurrogates: readonly string[];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** RFC 6901: `~` and `/` escaped in a reference token. */
const token = (name: string) => name.replace(/~/g, "~0").replace(/\//g, "~1");

type Frame = { kind: "object"; path: string; names: Set<string>; key: string | undefined } | { kind: "array"; path: string; index: number };

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
  const unpairedSurrogates: string[] = [];
  const stack: Frame[] = [];

  /** The pointer of the value starting now (and, in an array, counts it). */
  const valuePath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return "";
    if (top.kind === "array") return `${top.path}/${top.index++}`;
    return `${top.path}/${token(top.key ?? "")}`;
  };

  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "," || c === ":") {
      i += 1;
    } else if (c === "{" || c === "[") {
      const path = valuePath();
      stack.push(c === "{" ? { kind: "object", path, names: new Set(), key: undefined } : { kind: "array", path, index: 0 });
      i += 1;
    } else if (c === "}" || c === "]") {
      stack.pop();
      i += 1;
    } else if (c === '"') {
      const { value, end } = stringToken(text, i);
      const top = stack[stack.length - 1];
      // In an object, a string not followed by ':' is a value; one followed by ':' is a member name.
      let next = end;
      while (text[next] === " " || text[next] === "\t" || text[next] === "\n" || text[next] === "\r") next += 1;
      if (top?.kind === "object" && text[next] === ":") {
        const path = `${top.path}/${token(value)}`;
        if (top.names.has(value)) duplicateNames.push(path);
        top.names.add(value);
        top.key = value;
        if (LONE_SURROGATE.test(value)) unpairedSurrogates.push(path);
      } else {
        const path = valuePath();
        if (LONE_SURROGATE.test(value)) unpairedSurrogates.push(path);
      }
      i = end;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      let end = i + 1;
      while (end < text.length && /[0-9eE+\-.]/.test(text[end]!)) end += 1;
      const lexeme = text.slice(i, end);
      const path = valuePath();
      const value = Number(lexeme);
      if (/[.eE]/.test(lexeme)) fractionOrExponent.set(path, lexeme);
      if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) beyondDoublePrecision.set(path, lexeme);
      i = end;
    } else {
      // true, false, null
      valuePath();
      i += c === "f" ? 5 : 4;
    }
  }
  return { fractionOrExponent, beyondDoublePrecision, duplicateNames, unpairedSurrogates };
}
