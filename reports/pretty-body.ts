// A response body pretty-printed for a report, with the members a failure is about marked.
// Hand-written over the text rather than JSON.parse + JSON.stringify: the body is shown as the
// target sent it (each number, string and duplicate member as written, for HTTP-JSON-INTEROPERABLE
// and friends), and an excerpt cut short still prints as far as it goes.

/** One line of the pretty-printed body; `marked` when it is part of an offending member. */
export interface BodyLine {
  text: string;
  marked: boolean;
}

export interface PrettyBody {
  lines: BodyLine[];
  /** Pointers of the failure that name no member of the body (a required member that is absent, or one past the cut). */
  unmarked: string[];
}

class Cut extends Error {}

const escapeToken = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * `text` pretty-printed with two-space indentation, the lines of each value at one of `pointers`
 * (JSON pointers into the body) marked, key line included. Undefined when `text` does not begin
 * as a JSON object or array. Where the text stops being JSON (an excerpt cut short), the rest is
 * one last line as it is.
 */
export function prettyBody(text: string, pointers: readonly string[] = []): PrettyBody | undefined {
  const start = text.search(/\S/);
  if (start < 0 || (text[start] !== "{" && text[start] !== "[")) return undefined;
  const wanted = new Set(pointers);
  const seen = new Set<string>();
  const lines: BodyLine[] = [];
  let line = "";
  let pos = start;
  /** The line being written ends an offending value: mark it when it is complete. */
  let markCurrent = false;
  const newline = (indent: number) => {
    lines.push({ text: line, marked: markCurrent });
    markCurrent = false;
    line = "  ".repeat(indent);
  };
  const ws = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const expect = (c: string) => {
    ws();
    if (text[pos] !== c) throw new Cut();
    pos++;
  };
  const scalar = (): string => {
    ws();
    if (text[pos] === '"') {
      let i = pos + 1;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      if (i >= text.length) throw new Cut();
      const lexeme = text.slice(pos, i + 1);
      pos = i + 1;
      return lexeme;
    }
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(pos, pos + 400));
    // A number or literal at the very end may be cut short: only a delimiter after it proves it whole.
    if (!m || pos + m[0].length >= text.length) throw new Cut();
    pos += m[0].length;
    return m[0];
  };
  const value = (path: string, indent: number): void => {
    ws();
    const first = lines.length;
    const c = text[pos];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      pos++;
      line += c;
      ws();
      if (text[pos] === close) {
        pos++;
        line += close;
      } else {
        for (let i = 0; ; i++) {
          newline(indent + 1);
          let key = String(i);
          if (c === "{") {
            const lexeme = scalar();
            if (!lexeme.startsWith('"')) throw new Cut();
            key = JSON.parse(lexeme) as string;
            expect(":");
            line += `${lexeme}: `;
          }
          value(`${path}/${escapeToken(key)}`, indent + 1);
          ws();
          if (text[pos] === ",") {
            pos++;
            line += ",";
            continue;
          }
          expect(close);
          newline(indent);
          line += close;
          break;
        }
      }
    } else {
      line += scalar();
    }
    if (wanted.has(path)) {
      seen.add(path);
      // The lines of the value: from the one its key is on to the one it ends on (still being written).
      for (let i = Math.max(0, first); i < lines.length; i++) lines[i]!.marked = true;
      markCurrent = true;
    }
  };
  try {
    value("", 0);
    lines.push({ text: line, marked: markCurrent });
    markCurrent = false;
    const rest = text.slice(pos).trim();
    if (rest) lines.push({ text: rest, marked: false });
  } catch (e) {
    if (!(e instanceof Cut)) throw e;
    // What is left, as it is, after what was printed on the line it breaks off in.
    lines.push({ text: `${line}${text.slice(pos).trim()}`, marked: markCurrent });
  }
  return { lines, unmarked: pointers.filter((p) => !seen.has(p)) };
}
