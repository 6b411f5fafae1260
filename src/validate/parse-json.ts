import { MAX_JSON_DEPTH, parseJsonText, type ParsedJson } from "../schema/json-text.ts";

/** Whether a parsed value nests deeper than `maxDepth` (arrays and objects), walked without recursion. */
function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== "object") return false;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * parseJsonText's answer, at the speed of JSON.parse: the text is parsed first, and its nesting
 * measured on the value (a few dozen nodes for an envelope) instead of scanning every character;
 * only a text that fails or nests too deep goes through parseJsonText, for its exact message.
 * (JSON.parse copes with any depth; what must not see a deep value is what comes after.)
 */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseJsonText(text, maxDepth);
  }
  return nestsDeeperThan(value, maxDepth) ? parseJsonText(text, maxDepth) : { ok: true, value };
}
