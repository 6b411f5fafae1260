/**
 * An answer node:http refused, read the way a lenient client would from what the wire judge kept:
 * the server did answer, badly framed, and every other requirement is still judged on it.
 */
import { isUtf8 } from "node:buffer";
import zlib from "node:zlib";
import { addHeader, type ReceivedResponse } from "../transport.ts";
import { contentCodings } from "../content-decoding.ts";
import type { WireMessage } from "./judge.ts";

/** Undoes the codings in reverse order, each bounded by `maxBytes` of output (what a gzip bomb could make of it). */
function decode(body: Buffer, codings: string[], maxBytes: number): { body: Buffer; error?: string } {
  let out = body;
  for (const coding of [...codings].reverse()) {
    try {
      const options = { maxOutputLength: maxBytes };
      if (coding === "gzip" || coding === "x-gzip") out = zlib.gunzipSync(out, options);
      else if (coding === "deflate") out = zlib.inflateSync(out, options);
      else if (coding === "br") out = zlib.brotliDecompressSync(out, { maxOutputLength: maxBytes });
      else return { body: out, error: `the suite cannot undo the content coding ${JSON.stringify(coding)} (it knows gzip, deflate and br): the body is kept as sent` };
    } catch (e) {
      return { body: out, error: `the body does not decode as ${codings.join(", ")}: ${(e as Error).message}` };
    }
  }
  return { body: out };
}

/** The answer in `message` as the client's evidence: fields joined as node:http joins them, the body decoded. */
export function lenientResponse(message: WireMessage, maxBodyBytes: number): ReceivedResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of message.fields) addHeader(headers, name, value);
  const codings = contentCodings(headers["content-encoding"]);
  const decoded = codings.length ? decode(Buffer.from(message.body), codings, maxBodyBytes) : { body: Buffer.from(message.body) };
  const truncated = message.bodyBytes > message.body.length || decoded.body.length >= maxBodyBytes;
  const bytes = decoded.body.subarray(0, maxBodyBytes);
  return {
    status: message.status, headers, body: bytes.toString("utf8"), bytes: bytes.length,
    ...(truncated ? { truncated: true } : {}),
    ...(isUtf8(bytes) ? {} : { invalidUtf8: true }),
    ...(codings.length ? { decoding: { codings, ...(decoded.error ? { error: decoded.error } : {}) } } : {}),
  };
}
