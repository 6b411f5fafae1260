import { MAX_JSON_DEPTH, parseJsonText, type ParsedJson } from "../schema/json-text.ts";

/** Whether a parsed value nests deeper than `maxDepth` (arrays and objects), walked without recursion. */
function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== "object") return false;
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length) {
    const v = values.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) return true;
    if (Array.isArray(v)) {
      for (const child of v) if (child !== null && typeof child === "object") { values.push(child); depths.push(depth + 1); }
    } else {
      for (const key in v) {
        const child = (v as Record<string, unknown>)[key];
        if (child !== null && typeof child === "object") { values.push(child); depths.push(depth + 1); }
      }
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
