/**
 * YAML parsed in a worker thread. The `yaml` package parses a few MB a second at best (measured
 * here: seconds a MB on a busy machine), synchronously: on the main thread it would hold off
 * `--max-time`, SIGINT and SIGTERM for as long. In a worker the event loop stays free and a stop
 * terminates the parse at once.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const requireHere = createRequire(import.meta.url);

/** Why a YAML text did not parse: the parser's first line, and whether it was nesting too deep for it. */
export class YamlParseError extends Error {
  constructor(message: string, readonly tooDeep: boolean) {
    super(message);
  }
}

// Parses the text it is given and posts the value back (a structured clone keeps what aliases share,
// cycles included: the caller refuses those).
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
try {
  parentPort.postMessage({ value: require(workerData.yaml).parse(workerData.text) });
} catch (e) {
  const message = String((e && e.message) || e).split("\\n")[0].replace(/:$/, "");
  parentPort.postMessage({ error: message, deep: e instanceof RangeError || /Maximum call stack/.test(message) });
}`;

/** The value of a YAML (or JSON) text; a YamlParseError when it does not parse; the signal's reason when stopped. */
export async function parseYamlOffThread(text: string, signal?: AbortSignal): Promise<unknown> {
  signal?.throwIfAborted();
  const worker = new Worker(WORKER, { eval: true, workerData: { yaml: requireHere.resolve("yaml"), text } });
  try {
    return await new Promise<unknown>((resolve, reject) => {
      const onAbort = () => reject(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      const settle = (fn: () => void) => {
        signal?.removeEventListener("abort", onAbort);
        fn();
      };
      worker.once("message", (m: { value?: unknown; error?: string; deep?: boolean }) =>
        settle(() => (m.error !== undefined ? reject(new YamlParseError(m.error, m.deep === true)) : resolve(m.value))));
      worker.once("error", (e) => settle(() => reject(new YamlParseError(String(e?.message ?? e).split("\n")[0]!, e instanceof RangeError))));
      worker.once("exit", (code) => settle(() => reject(new YamlParseError(`the parser stopped (exit ${code})`, false))));
    });
  } finally {
    void worker.terminate();
  }
}
