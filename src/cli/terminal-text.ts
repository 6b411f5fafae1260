/**
 * Text from a target (a body quoted in a failure message, a parser's error naming the bytes it
 * saw) is printed to a terminal: escape sequences in it must be shown, not obeyed.
 */

// C0 controls (tab kept), DEL, C1 controls, the bidirectional overrides and isolates (which reorder
// what a reader sees), and lone surrogates.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` as one printable line: every unsafe character written as `\u001b`-style text (newline as `\n`). */
export function terminalLine(text: string): string {
  return text.replace(UNSAFE, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

/** Writes `line` and a newline to `stream`, made safe first. */
export function printLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(`${terminalLine(line)}\n`);
}

/**
 * `value` as indented JSON fit for a terminal and for a parser alike: the characters `terminalLine`
 * escapes, written as JSON `\u` escapes (they can only be inside strings, so the document is the same).
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE, (c) => (c === "\n" ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}
