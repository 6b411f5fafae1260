import { isUtf8 } from "node:buffer";
import { tooLargeProblem, type ReadBound } from "../io/bounded-read.ts";
import { inputBound } from "../io/input-bounds.ts";
import { excessiveNestingAt, tooDeepMessage } from "../schema/json-text.ts";
import { isObject, looksLikeExchange } from "./exchange.ts";
import { ACCEPTED_INPUTS, InputError, quoteSnippet } from "./input-error.ts";

/**
 * One JSON document, by what it is: a HAR log, a single exchange record, or a bare response body.
 * A body that cannot be judged as JSON though it parses (not UTF-8, nested past MAX_JSON_DEPTH)
 * carries why: that is a finding about the body (HTTP-JSON-BODY), not an unreadable file.
 */
export type JsonDocument =
  | { kind: "har"; entries: unknown[] }
  | { kind: "exchange"; value: unknown }
  | { kind: "body"; value: unknown; notJson?: { why: string; excerpt: string } };

export const NOT_UTF8 = "is not valid UTF-8 (RFC 8259 §8.1: JSON exchanged between systems must be UTF-8)";

const HAR_FIX = "export the HAR again with the requests in it (browser devtools, Network tab: \"Save all as HAR\")";

/**
 * Reads the whole input (a JSON document cannot be validated before its end), within the input
 * bound (CONFORMANCE_MAX_INPUT_MB): a larger one is one line, read no further. Then parses it.
 */
export async function readDocument(name: string, chunks: AsyncIterable<Buffer>, bound: ReadBound = inputBound()): Promise<JsonDocument> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.length;
    if (size > bound.maxBytes) throw new InputError(name, tooLargeProblem({ maxBytes: bound.maxBytes }), bound.raise ? `${bound.raise}, or pass a smaller document` : "pass a smaller document");
    parts.push(c);
  }
  const bytes = Buffer.concat(parts, size);
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const deepAt = excessiveNestingAt(text);
  const doc = classify(name, parseDocument(name, text));
  if (deepAt !== -1) {
    if (doc.kind !== "body") throw new InputError(name, tooDeepMessage(deepAt), "pass a recording whose bodies this operation could send");
    return { kind: "body", value: undefined, notJson: { why: tooDeepMessage(deepAt), excerpt: text.slice(0, 40) } };
  }
  if (doc.kind === "body" && !isUtf8(bytes)) {
    const at = text.indexOf("\ufffd");
    return { ...doc, notJson: { why: NOT_UTF8, excerpt: text.slice(Math.max(0, at - 20), at + 20) } };
  }
  return doc;
}

/** JSON.parse, with a parse failure said as what is wrong with the file and how to fix it. */
export function parseDocument(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const reason = (e as Error).message;
    const trimmed = text.trimStart();
    if (trimmed.startsWith("<")) {
      throw new InputError(name, `looks like HTML or XML, not JSON (it starts with ${quoteSnippet(trimmed, 24)})`, ACCEPTED_INPUTS);
    }
    if (/end of JSON input|Unterminated string/i.test(reason)) {
      throw new InputError(name, `is truncated JSON: it ends after ${Buffer.byteLength(text)} bytes, before the document is complete`,
        "record or export it again, or pass the complete body");
    }
    const second = /non-whitespace character after JSON at position (\d+)/.exec(reason);
    if (second) {
      throw new InputError(name, `holds more than one JSON value (a second starts at character ${second[1]}) and its first line is not an exchange`,
        "for NDJSON, write one {\"status\", \"headers\", \"body\"} object a line; otherwise pass one JSON document");
    }
    throw new InputError(name, `is not JSON (${reason.split("\n")[0]})`, ACCEPTED_INPUTS);
  }
}

function classify(name: string, value: unknown): JsonDocument {
  if (isObject(value) && isObject(value.log)) {
    const entries = value.log.entries;
    if (!Array.isArray(entries)) throw new InputError(name, "is a HAR file without log.entries", HAR_FIX);
    if (entries.length === 0) throw new InputError(name, "is a HAR file with no entries (log.entries is empty)", HAR_FIX);
    return { kind: "har", entries };
  }
  if (looksLikeExchange(value)) return { kind: "exchange", value };
  return { kind: "body", value };
}
