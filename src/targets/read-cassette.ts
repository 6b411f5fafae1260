/**
 * Reading a cassette directory (manifest.json + exchanges.ndjson) for a replay: bounded (the
 * manifest to 1 MiB, the exchanges to the input bound, each line to MAX_CASSETTE_LINE_CHARS, the
 * bodies kept to MAX_CASSETTE_BODY_CHARS), streamed line by line, linear in the lines, each line
 * checked (recording-shape.ts) and redacted of the environment's credentials as it is read, and
 * stopped by `signal` between chunks. Every problem is a CassetteError naming the file, the line
 * and what is wrong.
 */
import { join } from "node:path";
import { chunksWithin, FileReadProblem, linesWithin, readFileWithin, type ReadBound } from "../io/bounded-read.ts";
import { inputBound } from "../io/input-bounds.ts";
import { excessiveNestingAt, MAX_JSON_DEPTH } from "../schema/json-text.ts";
import type { Credentials } from "../http/index.ts";
import { CassetteError, MAX_CASSETTE_BODY_CHARS, MAX_CASSETTE_LINE_CHARS, type CassetteEntry, type CassetteManifest } from "./cassette.ts";
import { entryProblem, manifestProblem } from "./recording-shape.ts";
import { redactRecordedEntry, redactReplaySource } from "./redact-recording.ts";

/** A manifest is a page of JSON; more is not a manifest this suite wrote. */
const MANIFEST_BOUND: ReadBound = { maxBytes: 1024 * 1024 };

export interface ReadOptions {
  /** Stops the reading (its reason is thrown). */
  signal?: AbortSignal;
  /** The environment's credentials: replaced in everything read, in every form. */
  secrets?: Credentials;
  /** The bound of the exchanges file (default: the input bound, CONFORMANCE_MAX_INPUT_MB). */
  bound?: ReadBound;
}

/** Lets the event loop run (timers, signals) during a long synchronous stretch. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function readProblem(e: unknown, signal: AbortSignal | undefined, say: (problem: string) => string): unknown {
  if (signal?.aborted) return signal.reason;
  if (e instanceof FileReadProblem) return new CassetteError(say(e.problem));
  return e;
}

/** The cassette's manifest, checked (and its strings redacted). */
export async function readCassetteManifest(dir: string, opts: ReadOptions = {}): Promise<CassetteManifest> {
  const path = join(dir, "manifest.json");
  let bytes: Buffer;
  try {
    bytes = await readFileWithin(path, MANIFEST_BOUND, opts.signal);
  } catch (e) {
    if (e instanceof FileReadProblem && e.code === "ENOENT") throw new CassetteError(`cassette ${dir} has no manifest.json; record one with \`client-cert-conformance record --cassette ${dir}\``);
    throw readProblem(e, opts.signal, (p) => `cassette ${dir}: manifest.json ${p}`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw new CassetteError(`cassette ${dir}: manifest.json is not JSON (${(e as Error).message.split("\n")[0]})`);
  }
  const problem = manifestProblem(manifest);
  if (problem) throw new CassetteError(`cassette ${dir}: manifest.json: ${problem}`);
  return redactReplaySource(manifest as CassetteManifest, opts.secrets ?? {});
}

/** Every entry of exchanges.ndjson, checked and redacted, in order. */
export async function readCassetteEntries(dir: string, opts: ReadOptions = {}): Promise<CassetteEntry[]> {
  const path = join(dir, "exchanges.ndjson");
  const where = `cassette ${dir}: exchanges.ndjson`;
  const entries: CassetteEntry[] = [];
  let bodyChars = 0;
  try {
    for await (const line of linesWithin(chunksWithin(path, opts.bound ?? inputBound(), opts.signal), MAX_CASSETTE_LINE_CHARS)) {
      if (line.tooLong) throw new CassetteError(`${where} line ${line.number} is longer than ${MAX_CASSETTE_LINE_CHARS / 2 ** 20} MiB, more than any exchange this suite records; record the cassette again`);
      const text = line.number === 1 ? line.text.replace(/^\uFEFF/, "") : line.text;
      if (!text.trim()) continue;
      if (excessiveNestingAt(text) !== -1) throw new CassetteError(`${where} line ${line.number} nests deeper than ${MAX_JSON_DEPTH} levels, more than any exchange this suite records`);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new CassetteError(`${where} line ${line.number} is not JSON`);
      }
      const problem = entryProblem(value);
      if (problem) throw new CassetteError(`${where} line ${line.number}: ${problem}`);
      const entry = value as CassetteEntry;
      bodyChars += entry.response?.body.length ?? 0;
      if (bodyChars > MAX_CASSETTE_BODY_CHARS) {
        throw new CassetteError(`${where}: its bodies pass ${MAX_CASSETTE_BODY_CHARS / 2 ** 20} MiB by line ${line.number}, more than a run of this suite keeps; record the cassette again`);
      }
      entries.push(redactRecordedEntry(entry, opts.secrets ?? {}));
      if (entries.length % 1_000 === 0) {
        await yieldToLoop();
        opts.signal?.throwIfAborted();
      }
    }
  } catch (e) {
    if (e instanceof FileReadProblem && e.code === "ENOENT") throw new CassetteError(`cassette ${dir} has no exchanges.ndjson`);
    throw readProblem(e, opts.signal, (p) => `${where} ${p}`);
  }
  return entries;
}
