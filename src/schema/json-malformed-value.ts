/**
 * Where a text that is not JSON goes wrong, when it goes wrong inside one value: a number,
 * literal or string whose token is complete but not what RFC 8259 allows (`0730`, `NaN`,
 * `True`, `'x'`, a raw control character or a bad escape in a string). Such a value is the
 * member's own defect (its documented type is not met by anything a JSON reader can take), so
 * the requirement of the place it sits in speaks for it beside HTTP-JSON-BODY.
 *
 * A structural error (a missing comma or brace, a trailing comma, a text that stops) is the
 * text's, not a member's: it is not located. Hand-written rather than a library: the lenient
 * parsers that report where an error is (jsonc-parser, json5) accept what RFC 8259 refuses, and
 * `JSON.parse` names an offset only for some errors, never the member.
 */

export interface MalformedValue {
  /** JSON pointer of the value (RFC 6901). */
  readonly pointer: string;
  /** The token as written (shortened). */
  readonly lexeme: string;
  /** Why RFC 8259 refuses it. */
  readonly why: string;
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const LITERALS = new Set(["true", "false", "null"]);
/** What ends a bare token: whitespace, a structural character or a quote. */
const DELIMITER = /[\s,:[\]{}"]/;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

const token = (name: string) => name.replace(/~/g, "~0").replace(/\//g, "~1");
const shorten = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}...` : s);

/** A container being read: `at`, the reference token it sits under in its parent (pointers are built only for the value reported: a deep text stays linear). */
type Frame = { kind: "object"; at: string; key: string | undefined } | { kind: "array"; at: string; index: number };

/** The string token starting at `at` (a `"`): its end, or why it is no JSON string, or undefined when the text stops inside it. */
function scanString(text: string, at: number): { end: number; value: string } | { bad: string; end: number } | undefined {
  let i = at + 1;
  let bad: string | undefined;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      const end = i + 1;
      return bad ? { bad, end } : { end, value: JSON.parse(text.slice(at, end)) as string };
    }
    if (code < 0x20) bad ??= `a control character (U+${code.toString(16).padStart(4, "0").toUpperCase()}) unescaped in a string (RFC 8259 §7)`;
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) bad ??= `a \\u escape without four hexadecimal digits (RFC 8259 §7)`;
        i += 2;
        continue;
      }
      if (next === undefined) return undefined;
      if (!ESCAPES.has(next)) bad ??= `the escape \\${next}, which JSON does not have (RFC 8259 §7)`;
      i += 2;
      continue;
    }
    i += 1;
  }
  return undefined;
}

/** The first value of `text` whose own token RFC 8259 refuses, if the text's first error is one. */
export function firstMalformedValue(text: string): MalformedValue | undefined {
  const stack: Frame[] = [];
  /** What the walk expects next: a value, a member name (or `}`), or what follows a value. */
  let expecting: "value" | "name-or-close" | "name" | "after" | "value-or-close" = "value";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  /** The reference token of the value starting now (and, in an array, counts it); undefined for the text's one value. */
  const valueToken = (): string | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return undefined;
    return top.kind === "array" ? String(top.index++) : token(top.key ?? "");
  };
  const pointerOf = (at: string | undefined): string => [...stack.slice(1).map((f) => f.at), ...(at === undefined ? [] : [at])].map((t) => `/${t}`).join("");

  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") { i += 1; continue; }
    const top = stack[stack.length - 1];

    if (expecting === "after") {
      if (!top) return undefined; // text after the one value: structural
      if (c === ",") { expecting = top.kind === "object" ? "name" : "value"; i += 1; continue; }
      if ((c === "}" && top.kind === "object") || (c === "]" && top.kind === "array")) { stack.pop(); i += 1; continue; }
      return undefined;
    }

    if (expecting === "name" || expecting === "name-or-close") {
      if (c === "}" && expecting === "name-or-close") { stack.pop(); expecting = "after"; i += 1; continue; }
      if (c !== '"' || top?.kind !== "object") return undefined;
      const s = scanString(text, i);
      if (!s || "bad" in s) return undefined; // a member name is structure, not a value
      let j = s.end;
      while (/\s/.test(text[j] ?? "")) j += 1;
      if (text[j] !== ":") return undefined;
      top.key = s.value;
      expecting = "value";
      i = j + 1;
      continue;
    }

    // A value (or, just inside an array, its end).
    if (c === "]" && expecting === "value-or-close") { stack.pop(); expecting = "after"; i += 1; continue; }
    if (c === "{" || c === "[") {
      const at = valueToken() ?? "";
      stack.push(c === "{" ? { kind: "object", at, key: undefined } : { kind: "array", at, index: 0 });
      expecting = c === "{" ? "name-or-close" : "value-or-close";
      i += 1;
      continue;
    }
    if (c === "}" || c === "]" || c === "," || c === ":") return undefined;
    const at = valueToken();
    if (c === '"') {
      const s = scanString(text, i);
      if (!s) return undefined;
      if ("bad" in s) return { pointer: pointerOf(at), lexeme: shorten(text.slice(i, s.end)), why: s.bad };
      i = s.end;
      expecting = "after";
      continue;
    }
    let end = i;
    while (end < text.length && !DELIMITER.test(text[end]!)) end += 1;
    // A token that runs to the end of the text may be a cut one: not located.
    if (end === text.length && stack.length > 0) return undefined;
    const lexeme = text.slice(i, end);
    if (!NUMBER.test(lexeme) && !LITERALS.has(lexeme)) {
      const why = /^[-+.\d]/.test(lexeme)
        ? "not a JSON number (RFC 8259 §6: no leading zeros, no plus sign, digits on both sides of a decimal point)"
        : "not a JSON value (RFC 8259 §3: the literal names are true, false and null, in lower case; strings are in double quotes)";
      return { pointer: pointerOf(at), lexeme: shorten(lexeme), why };
    }
    i = end;
    expecting = "after";
  }
  return undefined;
}
