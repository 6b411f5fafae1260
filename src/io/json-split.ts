/**
 * Splitting JSON text into the members of an object or the elements of an array without parsing
 * what is inside them, so that a large document (a HAR of 100,000 entries) is parsed one part at a
 * time: `JSON.parse` of the whole would hold every part's objects at once, several times the size
 * of the text. Only the structure at the level asked for is read here; each part is checked when it
 * is parsed (a part never parsed is never judged). A hand-written scanner rather than a streaming
 * JSON library: the text is in memory already (it was read within its bound), and slicing it for
 * `JSON.parse` is several times faster than an event-per-token parser.
 */

/** Where a part of the text is: `text.slice(from, to)` is its JSON. */
export interface JsonSpan {
  from: number;
  to: number;
}

export class JsonSplitError extends SyntaxError {
  constructor(message: string, readonly at: number) {
    super(`${message} at character ${at}`);
  }
}

const isBlank = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipBlank(text: string, i: number, to: number): number {
  while (i < to && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** The index just past the string that opens at `i` (a `"`). */
function stringEnd(text: string, i: number, to: number): number {
  for (let j = text.indexOf('"', i + 1); j !== -1 && j < to; j = text.indexOf('"', j + 1)) {
    let slashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === 0x5c; k--) slashes++;
    if (slashes % 2 === 0) return j + 1;
  }
  throw new JsonSplitError("unterminated string", i);
}

/** The index just past the value that starts at `i` (an object, array, string, number or literal), its insides unchecked. */
function valueEnd(text: string, i: number, to: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return stringEnd(text, i, to);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let j = i; j < to; j++) {
      const d = text.charCodeAt(j);
      if (d === 0x22) j = stringEnd(text, j, to) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw new JsonSplitError("unterminated object or array", i);
  }
  let j = i;
  while (j < to) {
    const d = text.charCodeAt(j);
    if (d === 0x2c || d === 0x7d || d === 0x5d || isBlank(d)) break;
    j++;
  }
  if (j === i) throw new JsonSplitError("a value was expected", i);
  return j;
}

/** The members of the object spanning `span` (its first non-blank character a `{`), keys decoded, values as spans. */
export function objectMembers(text: string, span: JsonSpan = { from: 0, to: text.length }): { key: string; value: JsonSpan }[] {
  let i = skipBlank(text, span.from, span.to);
  if (text.charCodeAt(i) !== 0x7b) throw new JsonSplitError("an object was expected", i);
  const members: { key: string; value: JsonSpan }[] = [];
  i = skipBlank(text, i + 1, span.to);
  if (text.charCodeAt(i) === 0x7d) return members;
  for (;;) {
    if (text.charCodeAt(i) !== 0x22) throw new JsonSplitError("a member name was expected", i);
    const keyEnd = stringEnd(text, i, span.to);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipBlank(text, keyEnd, span.to);
    if (text.charCodeAt(i) !== 0x3a) throw new JsonSplitError("':' was expected", i);
    const from = skipBlank(text, i + 1, span.to);
    const to = valueEnd(text, from, span.to);
    members.push({ key, value: { from, to } });
    i = skipBlank(text, to, span.to);
    const c = text.charCodeAt(i);
    if (c === 0x7d) return members;
    if (c !== 0x2c) throw new JsonSplitError("',' or '}' was expected", i);
    i = skipBlank(text, i + 1, span.to);
  }
}

/** The elements of the array spanning `span` (its first non-blank character a `[`), as spans. */
export function arrayElements(text: string, span: JsonSpan): JsonSpan[] {
  let i = skipBlank(text, span.from, span.to);
  if (text.charCodeAt(i) !== 0x5b) throw new JsonSplitError("an array was expected", i);
  const elements: JsonSpan[] = [];
  i = skipBlank(text, i + 1, span.to);
  if (text.charCodeAt(i) === 0x5d) return elements;
  for (;;) {
    const to = valueEnd(text, i, span.to);
    elements.push({ from: i, to });
    i = skipBlank(text, to, span.to);
    const c = text.charCodeAt(i);
    if (c === 0x5d) return elements;
    if (c !== 0x2c) throw new JsonSplitError("',' or ']' was expected", i);
    i = skipBlank(text, i + 1, span.to);
  }
}

/** Whether the text of `span` starts as an array. */
export const isArraySpan = (text: string, span: JsonSpan) => text.charCodeAt(skipBlank(text, span.from, span.to)) === 0x5b;
/** Whether the text of `span` starts as an object. */
export const isObjectSpan = (text: string, span: JsonSpan) => text.charCodeAt(skipBlank(text, span.from, span.to)) === 0x7b;
