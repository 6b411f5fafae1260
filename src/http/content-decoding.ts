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

/** The streams that undo `encoding` (gzip, x-gzip, deflate, br), or undefined for identity or one the suite does not know. */
export function decoderFor(encoding: string | undefined): { input: Transform; output: Transform } | undefined {
  const name = encoding?.trim().toLowerCase();
  const options = { chunkSize: 16 * 1024, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const inflater = name === "gzip" || name === "x-gzip" ? zlib.createGunzip(options)
    : name === "deflate" ? zlib.createInflate(options)
    : name === "br" ? zlib.createBrotliDecompress({ chunkSize: 16 * 1024 })
    : undefined;
  if (!inflater) return undefined;
  const slicer = new Slicer({ highWaterMark: SLICE });
  slicer.pipe(inflater);
  return { input: slicer, output: inflater };
}
