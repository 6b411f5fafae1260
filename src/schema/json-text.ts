/**
 * Parsing JSON text from a target or a file without letting it take the stack: `JSON.parse` copes
 * with any depth, but what comes after it (ajv's error data, `JSON.stringify`, the structured clone
 * into the thread that judges a run) recurses and overflows on a body nested 100,000 deep. So the depth is
 * measured first, with a cheap iterative scan, and a body past the limit is a finding, not a crash.
 */

/**
 * Deepest nesting of arrays and objects the suite parses. RFC 8259 §9 lets a parser set such a
 * limit; a Cloudflare envelope nests about five deep, and every later step is safe far beyond 256.
 */
export const MAX_JSON_DEPTH = 256;

export type ParsedJson =
  | { ok: true; value: unknown }
  | { ok: false; why: string; tooDeep?: boolean };

/** The character offset at which `text` first nests deeper than `maxDepth` (outside strings), or -1. */
export function excessiveNestingAt(text: string, maxDepth = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    }
  }
  return -1;
}

/** Why `text` nests too deep, said for a report or a one-line message. */
export function tooDeepMessage(at: number, maxDepth = MAX_JSON_DEPTH): string {
  return `nests deeper than ${maxDepth} levels (at character ${at}), more than the suite parses (RFC 8259 §9 lets a parser limit nesting; an envelope nests about five deep)`;
}

/** `JSON.parse(text)`, unless it nests deeper than `maxDepth` or is not JSON: then why. */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): ParsedJson {
  const at = excessiveNestingAt(text, maxDepth);
  if (at !== -1) return { ok: false, why: tooDeepMessage(at, maxDepth), tooDeep: true };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, why: (e as Error).message };
  }
}
