/**
 * Whether a parsed value is a tree the suite can walk: YAML aliases can make a node contain itself
 * (`a: &x {b: *x}` parses to a cyclic object), and JSON.parse accepts any depth, while every later
 * step (extraction, conversion, ajv, JSON.stringify, a structured clone) recurses. Walked without
 * recursion, each shared node once.
 */

export interface TreeProblem {
  kind: "cycle" | "too-deep";
  /** JSON pointer of the node where it shows. */
  pointer: string;
}

/** One RFC 6901 pointer segment (`~` as `~0`, `/` as `~1`). */
const escapeSegment = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

interface Frame {
  node: object;
  keys: string[];
  next: number;
  pointer: string;
}

/** A pointer short enough for one line: a long one keeps its start and says how deep it went. */
export function shortPointer(pointer: string, max = 120): string {
  if (pointer.length <= max) return pointer;
  return `${pointer.slice(0, max)}… (${pointer.split("/").length - 1} levels down)`;
}

/** The first cycle or nesting past `maxDepth` in `value`, or undefined when it is a tree within the depth. */
export function treeProblem(value: unknown, maxDepth: number): TreeProblem | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const onPath = new Set<object>();
  const done = new Set<object>();
  const stack: Frame[] = [{ node: value, keys: Object.keys(value), next: 0, pointer: "" }];
  onPath.add(value);
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.keys.length) {
      stack.pop();
      onPath.delete(frame.node);
      done.add(frame.node);
      continue;
    }
    const key = frame.keys[frame.next++]!;
    const child = (frame.node as Record<string, unknown>)[key];
    if (child === null || typeof child !== "object") continue;
    const pointer = `${frame.pointer}/${escapeSegment(key)}`;
    if (onPath.has(child)) return { kind: "cycle", pointer };
    if (done.has(child)) continue;
    if (stack.length >= maxDepth) return { kind: "too-deep", pointer };
    onPath.add(child);
    stack.push({ node: child, keys: Object.keys(child), next: 0, pointer });
  }
  return undefined;
}
