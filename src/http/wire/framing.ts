/**
 * How the body of an answer is delimited (RFC 9112 §6.3), from its status, its fields and the
 * request it answers, with every framing field that breaks RFC 9112 §6 or RFC 9110 §8.6 logged.
 */
import type { Field, ParsedHead } from "./head.ts";
import { showText, type ViolationLog } from "./rules.ts";

/** How the body ends: "tunnel" once the connection stops carrying HTTP (101, 2xx to CONNECT). */
export type FramingKind = "content-length" | "chunked" | "close" | "none" | "tunnel";

export interface Framing {
  kind: FramingKind;
  /** For "content-length": the length used (the first value when they conflict). */
  length?: number;
}

/** What the judge knows of the request being answered. */
export interface RequestContext {
  method: string;
  version: "1.1" | "1.0";
}

/** Fields a sender must not repeat (RFC 9110 §5.3: not list-based). Content-Length has rules of its own. */
const SINGLETONS = ["content-type", "date", "retry-after", "etag", "last-modified", "location", "expires", "age", "server"];

function named(fields: Field[], name: string): Field[] {
  return fields.filter(([n]) => n.toLowerCase() === name);
}

/** Logs singleton fields sent on more than one field line. */
export function checkSingletons(fields: Field[], log: ViolationLog, where = "header section"): void {
  for (const name of SINGLETONS) {
    const lines = named(fields, name);
    if (lines.length > 1) log.add("singleton-field-repeated", `${lines[0]![0]} is sent on ${lines.length} field lines of the ${where}; it is not a list-based field`);
  }
}

/** The Content-Length to frame with, if one can be had, after logging what is wrong with the field. */
function contentLength(lines: Field[], log: ViolationLog): number | undefined {
  if (lines.length === 0) return undefined;
  const members = lines.flatMap(([, value]) => value.split(",").map((member) => member.trim()));
  const shown = lines.map(([name, value]) => `${name}: ${value}`).join(" / ");
  if (!members.every((member) => /^[0-9]+$/.test(member))) {
    log.add("content-length-syntax", `${showText(shown, 64)} is not a decimal number of octets (1*DIGIT); the body is read to the close`);
    return undefined;
  }
  const values = [...new Set(members.map((member) => BigInt(member)))];
  if (values.length > 1) {
    log.add("content-length-conflict", `Content-Length gives different lengths (${shown}); framing is invalid, the first (${values[0]}) is used`);
  } else if (members.length > 1) {
    log.add("content-length-repeated", `Content-Length is repeated (${shown}); the same value, still invalid`);
  }
  const first = values[0]!;
  return first > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(first);
}

/** The transfer codings listed, lower-cased, parameters dropped. */
function codingsOf(lines: Field[]): string[] {
  return lines
    .flatMap(([, value]) => value.split(","))
    .map((member) => member.split(";")[0]!.trim().toLowerCase())
    .filter((name) => name !== "");
}

/**
 * The framing of an answer with this head to `request` (RFC 9112 §6.3, in its order of precedence).
 * Logs Content-Length and Transfer-Encoding where RFC 9110 §8.6 and RFC 9112 §6.1-§6.2 forbid them.
 */
export function framingOf(head: ParsedHead, request: RequestContext, log: ViolationLog): Framing {
  const { status, fields } = head;
  checkSingletons(fields, log);
  const cl = named(fields, "content-length");
  const te = named(fields, "transfer-encoding");
  const length = contentLength(cl, log);
  if (te.length > 0 && cl.length > 0) {
    log.add("content-length-with-transfer-encoding", "Content-Length is sent with Transfer-Encoding; Transfer-Encoding wins");
  }
  if (te.length > 0 && request.version === "1.0") {
    log.add("transfer-encoding-to-http10", "Transfer-Encoding in an answer to an HTTP/1.0 request");
  }

  const connect2xx = request.method === "CONNECT" && status >= 200 && status < 300;
  if ((status >= 100 && status < 200) || status === 204 || connect2xx) {
    const what = connect2xx ? "a 2xx answer to CONNECT" : `a ${status} answer`;
    if (cl.length > 0) log.add("body-not-allowed", `Content-Length in ${what}`, "RFC 9110 §8.6");
    if (te.length > 0) log.add("body-not-allowed", `Transfer-Encoding in ${what}`, "RFC 9112 §6.1");
  }
  if (status === 101 || connect2xx) return { kind: "tunnel" };
  if ((status >= 100 && status < 200) || status === 204 || status === 304 || request.method === "HEAD") return { kind: "none" };

  if (te.length > 0) {
    const codings = codingsOf(te);
    if (codings.filter((name) => name === "chunked").length > 1) {
      log.add("chunked-applied-twice", `Transfer-Encoding applies chunked more than once: ${showText(te.map(([, v]) => v).join(", "), 64)}`);
    }
    if (codings.at(-1) === "chunked") return { kind: "chunked" };
    log.add(
      "transfer-coding-not-final-chunked",
      `Transfer-Encoding ${showText(te.map(([, v]) => v).join(", "), 64)} does not end with chunked: a coding the request did not accept (without TE only chunked is), and the body runs to the close (RFC 9112 §6.3)`,
    );
    return { kind: "close" };
  }
  if (length !== undefined) return { kind: "content-length", length };
  return { kind: "close" };
}
