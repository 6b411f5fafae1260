import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { checkBatch, MAX_NDJSON_LINE_BYTES, TOO_LONG_LINE, type BatchOptions, type BatchResult, type WorkerSetup } from "./ndjson-batch.ts";

/** How `validate` spreads a large NDJSON input over threads (injectable: tests make it small). */
export interface ParallelTuning {
  /** Bytes of whole lines a batch holds (about; a batch ends at a line end). Default 1 MiB. */
  batchBytes?: number;
  /** Workers start once an input is known to be this large (its size, or bytes read from a stream). Default 8 MiB. */
  parallelFromBytes?: number;
  /** Worker threads besides this one, which checks batches too; default one a core but this one's. 0: none. */
  workers?: number;
}

const DEFAULTS = { batchBytes: 1 << 20, parallelFromBytes: 8 << 20 };
/** Batches a worker holds at once: one it checks, one waiting, so it never waits for this thread. */
const PER_WORKER = 2;
/** Batches whose results are held until those before them are in (those checked here hold only their findings). */
const MOST_HELD = 32;
const LF = 0x0a;

/**
 * A worker on ndjson-worker: compiled, plain JavaScript; from the sources (.ts, in a clone or
 * under vitest) it registers tsx's loader first, as the command did (execArgv's --import is not
 * honoured by a worker on Node 20).
 */
function startWorker(setup: WorkerSetup): Worker {
  // Parsing makes short-lived strings and objects by the million: a young generation larger than
  // a worker's default keeps them out of the old one (measured: a quarter less time a batch).
  const options = { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 64 } };
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./ndjson-worker.js", import.meta.url), options);
  const entry = new URL("./ndjson-worker.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

interface PoolWorker {
  worker: Worker;
  /** It has loaded the document and compiled the validator (it said so). */
  ready: boolean;
  held: number;
}

/** Worker threads that check batches of lines, each answer matched to its batch. */
class BatchPool {
  private readonly workers: PoolWorker[];
  private readonly waiting = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void; by: PoolWorker }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(count: number, setup: WorkerSetup) {
    this.workers = Array.from({ length: count }, () => {
      const w: PoolWorker = { worker: startWorker(setup), ready: false, held: 0 };
      w.worker.on("message", (m: { ready?: true; id: number; result?: BatchResult; error?: string }) => {
        if (m.ready) return void (w.ready = true);
        const waiter = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        w.held--;
        if (m.error !== undefined) waiter?.reject(new Error(`a validate worker failed: ${m.error}`));
        else waiter?.resolve(m.result!);
      });
      w.worker.on("error", (e) => this.fail(e));
      w.worker.on("exit", (code) => { if (code !== 0) this.fail(new Error(`a validate worker exited with code ${code}`)); });
      return w;
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  /** Hands the batch to a worker that is ready and has room; undefined when none has (this thread checks it). */
  offer(bytes: Buffer, first: boolean): Promise<BatchResult> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    const w = this.workers.filter((x) => x.ready && x.held < PER_WORKER).sort((a, b) => a.held - b.held)[0];
    if (!w) return undefined;
    const id = this.nextId++;
    w.held++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, by: w });
      w.worker.postMessage({ id, bytes, first }, [bytes.buffer as ArrayBuffer]);
    });
  }

  get size(): number {
    return this.workers.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** `parts`' first `size` bytes, in a buffer of their own (its memory can move to a worker). */
function gather(parts: Buffer[], size: number): Buffer {
  const out = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const p of parts) {
    if (at >= size) break;
    at += p.copy(out, at, 0, Math.min(p.length, size - at));
  }
  return out;
}

/**
 * The input's bytes in batches of whole lines (the last one may end without a line end). A line
 * longer than `maxLineBytes` is not kept: its bytes are dropped up to its end, and the marker line
 * stands in its place (checkBatch says it is too long), so memory stays bounded whatever a line holds.
 */
async function* batches(chunks: AsyncIterable<Buffer>, batchBytes: number, maxLineBytes = MAX_NDJSON_LINE_BYTES): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  /** Where the line not yet ended starts, in the bytes held. */
  let lineStart = 0;
  /** Inside a line past the bound: dropped up to its end. */
  let skipping = false;
  for await (let chunk of chunks) {
    if (skipping) {
      const end = chunk.indexOf(LF);
      if (end < 0) continue;
      skipping = false;
      parts.push(TOO_LONG_LINE);
      size += TOO_LONG_LINE.length;
      lineStart = size;
      chunk = chunk.subarray(end + 1);
    }
    parts.push(chunk);
    size += chunk.length;
    const end = chunk.lastIndexOf(LF);
    if (end >= 0) lineStart = size - chunk.length + end + 1;
    if (size - lineStart > maxLineBytes) {
      const whole = gather(parts, lineStart);
      parts = whole.length ? [whole] : [];
      size = lineStart;
      skipping = true;
      continue;
    }
    if (size < batchBytes || end < 0) continue; // no line ends in this chunk: a long line, read on
    const cut = lineStart;
    yield gather(parts, cut);
    parts = cut < size ? [chunk.subarray(end + 1)] : [];
    size -= cut;
    lineStart = 0;
  }
  if (skipping) {
    parts.push(TOO_LONG_LINE.subarray(0, TOO_LONG_LINE.length - 1));
    size += TOO_LONG_LINE.length - 1;
  }
  if (size > 0) yield gather(parts, size);
}

/**
 * Checks an NDJSON input's lines on every core, results in input order. This thread cuts the
 * bytes into batches of whole lines (no decoding) and, once the input is known to be large
 * (`sizeHint`, or what was read of a stream), starts workers: each batch goes to a worker that
 * is ready and has room, else this thread checks it itself. So nothing waits for a worker to
 * start, and this thread, mostly idle while reading, is one of the checkers. At most two
 * batches a worker are out at once, and results are taken back in order: memory stays flat
 * whatever the input's size. A small input starts no worker.
 */
export async function checkNdjsonInBatches(
  chunks: AsyncIterable<Buffer>, options: BatchOptions, setup: WorkerSetup,
  onResult: (result: BatchResult, firstLine: number) => void, tuning: ParallelTuning = {}, sizeHint?: number,
): Promise<void> {
  const batchBytes = tuning.batchBytes ?? DEFAULTS.batchBytes;
  const parallelFrom = tuning.parallelFromBytes ?? DEFAULTS.parallelFromBytes;
  const workerCount = tuning.workers ?? Math.max(1, availableParallelism() - 1);
  let pool: BatchPool | undefined;
  const startPool = () => {
    if (!pool && workerCount > 0) pool = new BatchPool(workerCount, setup);
  };
  if (sizeHint !== undefined && sizeHint > parallelFrom) startPool();
  /** Batches in input order: checked here (settled at once) or out at a worker. */
  const pending: { result?: BatchResult; promise: Promise<BatchResult> }[] = [];
  let line = 1;
  let read = 0;
  let first = true;
  const deliver = (result: BatchResult) => {
    onResult(result, line);
    line += result.lines;
  };
  const track = (promise: Promise<BatchResult>) => {
    const entry: { result?: BatchResult; promise: Promise<BatchResult> } = { promise };
    promise.then((r) => (entry.result = r), () => undefined);
    pending.push(entry);
  };
  try {
    for await (const batch of batches(chunks, batchBytes)) {
      read += batch.length;
      if (read > parallelFrom) startPool();
      const offered = pool?.offer(batch, first);
      if (offered) track(offered);
      else pending.push({ result: checkBatch(batch, first, options), promise: Promise.resolve(undefined as never) });
      first = false;
      // Results in order as far as they are in; the oldest waited for only when many are held.
      while (pending[0]?.result) deliver(pending.shift()!.result!);
      if (pending.length > MOST_HELD) deliver(await pending.shift()!.promise);
    }
    while (pending.length) {
      const next = pending.shift()!;
      deliver(next.result ?? (await next.promise));
    }
  } finally {
    pending.forEach((p) => p.promise.catch(() => undefined)); // a failure already thrown: the rest are not waited for
    await pool?.close();
  }
}
