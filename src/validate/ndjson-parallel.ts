import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { checkBatch, type BatchOptions, type BatchResult, type WorkerSetup } from "./ndjson-batch.ts";

/** How `validate` spreads a large NDJSON input over threads (injectable: tests make it small). */
export interface ParallelTuning {
  /** Bytes of whole lines a batch holds (about; a batch ends at a line end). Default 1 MiB. */
  batchBytes?: number;
  /** Inputs are checked in this thread until this many bytes are read, then by workers. Default 8 MiB. */
  parallelFromBytes?: number;
  /** Worker threads; default one a core. 0: none (all in this thread). */
  workers?: number;
}

const DEFAULTS = { batchBytes: 1 << 20, parallelFromBytes: 8 << 20 };
/** Batches handed out and not yet taken back, per worker: enough to keep each busy, few enough for flat memory. */
const PENDING_PER_WORKER = 3;
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

/** Worker threads that check batches of lines, each answer matched to its batch. */
class BatchPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private turn = 0;
  private failure: Error | undefined;

  constructor(count: number, setup: WorkerSetup) {
    this.workers = Array.from({ length: count }, () => {
      const worker = startWorker(setup);
      worker.on("message", (m: { id: number; result?: BatchResult; error?: string }) => {
        const waiter = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.error !== undefined) waiter?.reject(new Error(`a validate worker failed: ${m.error}`));
        else waiter?.resolve(m.result!);
      });
      worker.on("error", (e) => this.fail(e));
      worker.on("exit", (code) => { if (code !== 0) this.fail(new Error(`a validate worker exited with code ${code}`)); });
      return worker;
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  check(bytes: Buffer, first: boolean): Promise<BatchResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const worker = this.workers[this.turn++ % this.workers.length]!;
    // The batch's own memory moves to the worker (no copy) when it is a whole ArrayBuffer of its own.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Buffer.from(bytes);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, bytes: own, first }, [own.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
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

/** The input's bytes in batches of whole lines (the last one may end without a line end). */
async function* batches(chunks: AsyncIterable<Buffer>, batchBytes: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size < batchBytes) continue;
    const end = chunk.lastIndexOf(LF);
    if (end < 0) continue; // no line ends in this chunk: a long line, read on
    const cut = size - chunk.length + end + 1;
    yield gather(parts, cut);
    parts = cut < size ? [chunk.subarray(end + 1)] : [];
    size -= cut;
  }
  if (size > 0) yield gather(parts, size);
}

/**
 * Checks an NDJSON input's lines on every core, results in input order: the bytes are cut into
 * batches of whole lines in this thread (no decoding), and once the input proves large, each
 * batch goes to a worker, which decodes, parses and checks it. At most a few batches per worker
 * are out at once, and results are taken back in order: memory stays flat whatever the size.
 * A small input is checked here, without starting a worker.
 */
export async function checkNdjsonInBatches(
  chunks: AsyncIterable<Buffer>, options: BatchOptions, setup: WorkerSetup,
  onResult: (result: BatchResult, firstLine: number) => void, tuning: ParallelTuning = {},
): Promise<void> {
  const batchBytes = tuning.batchBytes ?? DEFAULTS.batchBytes;
  const parallelFrom = tuning.parallelFromBytes ?? DEFAULTS.parallelFromBytes;
  const workerCount = tuning.workers ?? availableParallelism();
  let pool: BatchPool | undefined;
  const pending: Promise<BatchResult>[] = [];
  let line = 1;
  let read = 0;
  let first = true;
  const takeOldest = async () => {
    const result = await pending.shift()!;
    onResult(result, line);
    line += result.lines;
  };
  try {
    for await (const batch of batches(chunks, batchBytes)) {
      read += batch.length;
      if (!pool && workerCount > 0 && read > parallelFrom) pool = new BatchPool(workerCount, setup);
      pending.push(pool ? pool.check(batch, first) : Promise.resolve(checkBatch(batch, first, options)));
      first = false;
      while (pending.length > (pool ? workerCount * PENDING_PER_WORKER : 0)) await takeOldest();
    }
    while (pending.length) await takeOldest();
  } finally {
    pending.forEach((p) => p.catch(() => undefined)); // a failure already thrown: the rest are not waited for
    await pool?.close();
  }
}
