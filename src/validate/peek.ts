/** Reading the start of a byte stream without losing it: standard input can be read only once. */

export interface Peeked {
  /** Every byte read so far. */
  head: Buffer;
  /** The stream ended within `head`. */
  ended: boolean;
  /** `head`, then the rest of the stream, chunk by chunk (iterate it once). */
  chunks: AsyncIterable<Buffer>;
  /** Stops reading (closes the file) when `chunks` will not be read to its end. */
  close(): Promise<void>;
}

const asBuffer = (c: Buffer | string): Buffer => (typeof c === "string" ? Buffer.from(c) : c);

/** Reads chunks until `enough(chunk, offsetOfChunk, total)` says so, or the stream ends. */
export async function peek(
  stream: AsyncIterable<Buffer | string>,
  enough: (chunk: Buffer, offset: number, total: number) => boolean,
): Promise<Peeked> {
  const it = stream[Symbol.asyncIterator]();
  const got: Buffer[] = [];
  let size = 0;
  let ended = false;
  let closed = false;
  const close = async () => {
    if (closed || ended) return;
    closed = true;
    await it.return?.();
  };
  try {
    for (;;) {
      const r = await it.next();
      if (r.done) { ended = true; break; }
      const chunk = asBuffer(r.value);
      got.push(chunk);
      const offset = size;
      size += chunk.length;
      if (enough(chunk, offset, size)) break;
    }
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
  const head = Buffer.concat(got);
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      while (!ended) {
        const r = await it.next();
        if (r.done) { ended = true; return; }
        yield asBuffer(r.value);
      }
    } finally {
      await close();
    }
  }
  return { head, ended, chunks: chunks(), close };
}
