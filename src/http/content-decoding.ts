/**
 * Undoing a Content-Encoding ourselves, for the `node:http` path, so that a compressed body is
 * bounded by its decompressed size without inflating far past the limit: zlib inflates each input
 * chunk whole before it looks at backpressure, and one 64 KiB chunk of a gzip bomb is 64 MiB
 * inflated (what `fetch` was measured to do). Fed 1 KiB slices, it never runs more than about
 * 1 MiB (deflate's largest ratio is about 1032:1) ahead of the reader, who stops at the limit.
 */
import { Transform, type TransformCallback } from "node:stream";
import zlib from "node:zlib";

const SLICE = 1024;

/** Cuts each chunk into SLICE-byte pieces (so the next stream sees small writes and can push back). */
class Slicer extends Transform {
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    for (let at = 0; at < chunk.length; at += SLICE) this.push(chunk.subarray(at, at + SLICE));
    done();
  }
}

/** The content codings of a Content-Encoding value, in the order they were applied (`identity` dropped; names lower-cased). */
export function contentCodings(encoding: string | undefined): string[] {
  return (encoding ?? "").split(",").map((c) => c.trim().toLowerCase()).filter((c) => c !== "" && c !== "identity");
}

function inflaterFor(coding: string): Transform | undefined {
  // The default finish (Z_FINISH): a gzip or deflate stream that ends before its trailer (CRC32 and length) is an error.
  const options = { chunkSize: 16 * 1024 };
  if (coding === "gzip" || coding === "x-gzip") return zlib.createGunzip(options);
  if (coding === "deflate") return zlib.createInflate(options);
  if (coding === "br") return zlib.createBrotliDecompress({ chunkSize: 16 * 1024 });
  return undefined;
}

/** How a Content-Encoding is undone: a chain of streams, or the coding the suite cannot undo. */
export type Decoding = { input: Transform; output: Transform; stages: Transform[]; codings: string[] } | { unknown: string; codings: string[] };

/**
 * The streams that undo `encoding` (gzip, x-gzip, deflate, br, in any list: the last applied is
 * undone first), undefined for none or identity, or the first coding the suite does not know.
 */
export function decoderFor(encoding: string | undefined): Decoding | undefined {
  const codings = contentCodings(encoding);
  if (codings.length === 0) return undefined;
  const stages: Transform[] = [];
  for (const coding of [...codings].reverse()) {
    const inflater = inflaterFor(coding);
    if (!inflater) {
      for (const s of stages) s.destroy();
      return { unknown: coding, codings };
    }
    const slicer = new Slicer({ highWaterMark: SLICE });
    if (stages.length) stages[stages.length - 1]!.pipe(slicer);
    slicer.pipe(inflater);
    stages.push(slicer, inflater);
  }
  return { input: stages[0]!, output: stages[stages.length - 1]!, stages, codings };
}
