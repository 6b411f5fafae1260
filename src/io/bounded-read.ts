/**
 * Reading the files a user hands the suite (a spec, a baseline, a recording, a body) within a bound,
 * so that `/dev/zero`, a named pipe or a 1 GB file costs a bounded amount of memory and time and ends
 * in one line naming the bound and how to raise it. A regular file larger than the bound is refused
 * before a byte is read; anything else (a device, a pipe, standard input) is read to the bound and
 * one byte more. The async readers yield to the event loop between chunks and stop when their
 * signal is aborted (`--max-time`, SIGINT, SIGTERM cover loading too).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Socket } from "node:net";
import { UsageError } from "./usage-error.ts";

const MiB = 1024 * 1024;
/** What is read at once: large enough to be fast, small enough that a stop is seen soon. */
const CHUNK = MiB;

/** How much of one kind of file the suite reads, and what to say when a file is larger. */
export interface ReadBound {
  maxBytes: number;
  /** What the user can do about a larger file ("raise CONFORMANCE_MAX_INPUT_MB (now 64) if it really is that large"), where something can be done. */
  raise?: string;
}

/** A file the user named could not be read, or is larger than its bound: the problem, without the file's name (the caller adds it). */
export class FileReadProblem extends Error {
  constructor(readonly problem: string, readonly code?: string) {
    super(problem);
  }
}

/** "is larger than 64 MiB, the most the suite reads of it; raise ... if it really is that large". */
export function tooLargeProblem(bound: ReadBound): string {
  return `is larger than ${formatBytes(bound.maxBytes)}, the most the suite reads of it${bound.raise ? `; ${bound.raise}` : ""}`;
}

/** `64 MiB`, `512 KiB`, `100 bytes`. */
export function formatBytes(n: number): string {
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** The plain words for a file-system error code (no errno noise). */
export function describeFsCode(e: unknown, directoryHint = "is a directory, not a file"): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT": return "no such file";
    case "EISDIR": return directoryHint;
    case "EACCES": case "EPERM": return "cannot be read (permission denied)";
    default: return `cannot be read (${code ?? (e as Error)?.message ?? String(e)})`;
  }
}

function fsProblem(e: unknown, directoryHint?: string): FileReadProblem {
  return new FileReadProblem(describeFsCode(e, directoryHint), (e as NodeJS.ErrnoException)?.code);
}

/**
 * The bytes of `path`, at most `bound.maxBytes`; a larger file, a directory or an unreadable one
 * throws a FileReadProblem saying so. Synchronous: for the readers that must stay synchronous (the
 * OpenAPI document, loaded again inside the thread that judges a run).
 */
export function readFileWithinSync(path: string, bound: ReadBound, directoryHint?: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw fsProblem(e, directoryHint);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new FileReadProblem(directoryHint ?? "is a directory, not a file", "EISDIR");
    if (stat.isFile() && stat.size > bound.maxBytes) throw new FileReadProblem(tooLargeProblem(bound));
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, bound.maxBytes + 1 - total));
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        throw fsProblem(e, directoryHint);
      }
      if (read === 0) break;
      parts.push(chunk.subarray(0, read));
      total += read;
      if (total > bound.maxBytes) throw new FileReadProblem(tooLargeProblem(bound));
    }
    return Buffer.concat(parts, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * As `readFileWithinSync`, reading in chunks with the event loop free between them; stops (throwing
 * the signal's reason) when `signal` is aborted. A regular file is read into one buffer of its size
 * (not chunks and then their concatenation: twice the memory of a large file).
 */
export async function readFileWithin(path: string, bound: ReadBound, signal?: AbortSignal, directoryHint?: string): Promise<Buffer> {
  const info = await statOrProblem(path, signal, directoryHint);
  if (info.isFile() && info.size <= bound.maxBytes) {
    const whole = await readRegularFile(path, info.size, signal, directoryHint);
    if (whole) return whole;
  }
  let chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of chunksWithin(path, bound, signal, directoryHint)) {
    chunks.push(chunk);
    total += chunk.length;
  }
  const whole = Buffer.concat(chunks, total);
  chunks = [];
  return whole;
}

/** What `path` is (after a check of `signal`), or the one problem that names why it cannot be read. */
async function statOrProblem(path: string, signal?: AbortSignal, directoryHint?: string) {
  signal?.throwIfAborted();
  try {
    return await stat(path);
  } catch (e) {
    throw fsProblem(e, directoryHint);
  }
}

/** A regular file of `size` bytes read into one buffer, chunk by chunk; undefined when it changed size meanwhile (the caller reads it in chunks). */
async function readRegularFile(path: string, size: number, signal?: AbortSignal, directoryHint?: string): Promise<Buffer | undefined> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    throw fsProblem(e, directoryHint);
  }
  try {
    const whole = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(whole, at, Math.min(CHUNK, size - at), null);
      if (bytesRead === 0) return undefined;
      at += bytesRead;
    }
    const { bytesRead } = await handle.read(Buffer.alloc(1), 0, 1, null);
    return bytesRead === 0 ? whole : undefined;
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw fsProblem(e, directoryHint);
  } finally {
    void handle.close().catch(() => undefined);
  }
}

/**
 * The bytes of `path` chunk by chunk, the whole at most `bound.maxBytes` (a FileReadProblem past
 * it), checking `signal` between chunks. A named pipe (`--spec <(curl ...)`, `mkfifo`) is read
 * through the event loop, never by a thread-pool thread: a pipe whose writer never comes would
 * block such a thread, and with it the process's exit.
 */
export async function* chunksWithin(path: string, bound: ReadBound, signal?: AbortSignal, directoryHint?: string): AsyncGenerator<Buffer> {
  const info = await statOrProblem(path, signal, directoryHint);
  if (info.isDirectory()) throw new FileReadProblem(directoryHint ?? "is a directory, not a file", "EISDIR");
  if (info.isFile() && info.size > bound.maxBytes) throw new FileReadProblem(tooLargeProblem(bound));
  if (info.isFIFO()) {
    yield* pipeChunksWithin(path, bound, signal, directoryHint);
    return;
  }
  let handle;
  try {
    handle = await abortable(open(path, "r"), signal);
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw fsProblem(e, directoryHint);
  }
  try {
    let total = 0;
    for (;;) {
      signal?.throwIfAborted();
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, bound.maxBytes + 1 - total));
      let bytesRead: number;
      try {
        ({ bytesRead } = await abortable(handle.read(buffer, 0, buffer.length, null), signal));
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        throw fsProblem(e, directoryHint);
      }
      if (bytesRead === 0) return;
      total += bytesRead;
      if (total > bound.maxBytes) throw new FileReadProblem(tooLargeProblem(bound));
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    void handle.close().catch(() => undefined);
  }
}

/** A named pipe, opened without waiting for its writer and read as a socket: a stop destroys it at once. */
async function* pipeChunksWithin(path: string, bound: ReadBound, signal?: AbortSignal, directoryHint?: string): AsyncGenerator<Buffer> {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fsProblem(e, directoryHint);
  }
  const pipe = new Socket({ fd, readable: true, writable: false });
  const onAbort = () => pipe.destroy();
  signal?.addEventListener("abort", onAbort, { once: true });
  let total = 0;
  try {
    for await (const chunk of pipe) {
      signal?.throwIfAborted();
      total += (chunk as Buffer).length;
      if (total > bound.maxBytes) throw new FileReadProblem(tooLargeProblem(bound));
      yield chunk as Buffer;
    }
    signal?.throwIfAborted();
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw e instanceof FileReadProblem ? e : fsProblem(e, directoryHint);
  } finally {
    signal?.removeEventListener("abort", onAbort);
    pipe.destroy();
  }
}

/** `promise`, or the signal's reason as soon as it is aborted (the operation itself goes on in the background). */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => { signal.removeEventListener("abort", onAbort); resolve(v); },
      (e) => { signal.removeEventListener("abort", onAbort); reject(e); },
    );
  });
}

/** One line of a bounded line reader: its number (from 1) and text, or that it was longer than the bound (its text dropped unread). */
export type BoundedLine = { number: number; text: string; tooLong?: undefined } | { number: number; tooLong: true; text?: undefined };

const LF = 0x0a;

/** The largest bound an environment variable may set. */
export const MAX_BOUND_MIB = 500;

/**
 * The lines of a byte stream (LF-separated, a trailing CR dropped), each at most `maxLineBytes`: a
 * longer one is yielded as `tooLong` and the rest of it is skipped without being kept, so a file
 * of one endless line costs one chunk of memory.
 */
export async function* linesWithin(chunks: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<BoundedLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let number = 0;
  const take = (): string => {
    const text = Buffer.concat(pending, pendingBytes).toString("utf8");
    pending = [];
    pendingBytes = 0;
    return text.endsWith("\r") ? text.slice(0, -1) : text;
  };
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf(LF, from); nl !== -1; nl = chunk.indexOf(LF, from)) {
      number += 1;
      if (skipping) {
        skipping = false;
      } else if (pendingBytes + (nl - from) > maxLineBytes) {
        pending = [];
        pendingBytes = 0;
        yield { number, tooLong: true };
      } else {
        pending.push(chunk.subarray(from, nl));
        pendingBytes += nl - from;
        yield { number, text: take() };
      }
      from = nl + 1;
    }
    if (from < chunk.length && !skipping) {
      pendingBytes += chunk.length - from;
      if (pendingBytes > maxLineBytes) {
        pending = [];
        pendingBytes = 0;
        skipping = true;
        yield { number: number + 1, tooLong: true };
      } else {
        // Copied: the reader may reuse its buffer for the next chunk.
        pending.push(Buffer.from(chunk.subarray(from)));
      }
    }
  }
  if (skipping) return;
  if (pendingBytes > 0) yield { number: number + 1, text: take() };
}

/**
 * A bound in MiB from an environment variable (`CONFORMANCE_MAX_INPUT_MB=256`), else the default;
 * anything but a whole number from 1 is a UsageError naming the variable.
 */
export function boundFromEnv(name: string, defaultMiB: number, env: NodeJS.ProcessEnv = process.env): number {
  const value = env[name];
  if (value === undefined || value === "") return defaultMiB * MiB;
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  // A JavaScript string holds at most 512 MiB of one-byte text: a file read whole must fit one.
  if (!(n >= 1 && n <= MAX_BOUND_MIB)) throw new UsageError(`${name} must be a whole number of MiB from 1 to ${MAX_BOUND_MIB} (got ${JSON.stringify(value)})`);
  return n * MiB;
}
