import { STATUS_CODES } from "node:http";
import type { WireEvidence } from "../src/http/types.ts";
import { WireJudge } from "../src/http/wire/judge.ts";
import type { RawResponse } from "./responses.ts";

/**
 * An answer's bytes as an HTTP/1.1 server writes them, with one defect put in, judged by the
 * suite's own wire judge (src/http/wire): the wire evidence a run would have recorded for it, the
 * violations as the judge names and cites them.
 */

/** The parts of an answer on the wire: its status line, its field lines (`Name: value`), its body. */
export interface WireParts {
  statusLine: string;
  fields: string[];
  body: string;
}

/** `content-type` → `Content-Type`. */
const fieldName = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

/** The answer as a server writes it: every field of it (Content-Length computed), its body as is. */
export function partsOf(response: RawResponse): WireParts {
  const fields = Object.entries(response.headers).filter(([name]) => name !== "content-length").map(([name, value]) => `${fieldName(name)}: ${value}`);
  return {
    statusLine: `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? "Unknown"}`,
    fields: [...fields, `Content-Length: ${Buffer.byteLength(response.body)}`],
    body: response.body,
  };
}

/** The parts written as bytes, every line ended with CRLF. */
export const written = (parts: WireParts): string => `${parts.statusLine}\r\n${parts.fields.map((f) => `${f}\r\n`).join("")}\r\n${parts.body}`;

/** What the suite's wire judge makes of `bytes`, received for one answer on a connection then closed. */
export function judgedWire(bytes: string): WireEvidence {
  const judge = new WireJudge();
  judge.push(Buffer.from(bytes, "utf8"));
  judge.end();
  const message = judge.messages[0];
  return { violations: [...(message?.violations ?? []), ...judge.violations], ...(message ? { httpVersion: message.httpVersion } : {}) };
}

/** `response` with the wire evidence of its bytes as `write` writes its parts (`written` after one edit). */
export function onTheWire<R extends RawResponse & { wire?: WireEvidence }>(response: R, write: (parts: WireParts) => string): R {
  return { ...response, wire: judgedWire(write(partsOf(response))) };
}
