import { Worker } from "node:worker_threads";
import type { CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import type { SpecRequest } from "../schema/operation-spec.ts";
import type { ThreadAnswer, ThreadMessage } from "./checks-thread.ts";
import type { FeedsInput } from "./feeds.ts";
import type { Exchange } from "../http/index.ts";
import type { LoadedDocument } from "../schema/load-document.ts";

/** The checks, getting ready in a thread of their own while the run sends its probes. */
export interface ChecksInFlight {
  /** The documents the run has read (`--spec`): the thread judges against them, reading no file itself. */
  share(documents: LoadedDocument[]): void;
  /** The plan, as soon as it is known: the thread runs the checks over it once, answered as a conforming server would, to be quick when the evidence comes. */
  warm(plan: Omit<FeedsInput, "checks" | "spec">): void;
  /** An answer as it comes: a certificate it holds is parsed while the run goes on (each body once). */
  observe(exchange: Exchange): void;
  /** Every requirement's outcome on the run's evidence; rejects with why the checks did not run. */
  judge(context: CheckContext): Promise<Map<string, CheckOutcome>>;
  /** The run ends without judging (its target is down, it was stopped): the thread ends. */
  abandon(): void;
}

/**
 * Starts the thread that judges the run (checks-thread.ts), at once: loading the checks' modules
 * and compiling the validator take about as long as a recorded run's probes, and go on the
 * machine's other core instead of after the probes. The evidence crosses by structured clone, as
 * plain data. Compiled code only (the package, and bin/'s build in a clone): Node 20 starts no
 * thread from TypeScript, so the sources judge in-process.
 */
export function startChecksInThread(spec: SpecRequest | undefined): ChecksInFlight {
  const worker = new Worker(new URL("./checks-thread.js", import.meta.url), { workerData: { spec } });
  // An error before the evidence comes is reported by judge(); none is left unhandled meanwhile.
  const ended = new Promise<ThreadAnswer>((resolve) => {
    worker.once("message", (answer: ThreadAnswer) => resolve(answer));
    worker.once("error", (e) => resolve({ problem: e.message }));
    worker.once("exit", (code) => resolve({ problem: `the checks' thread ended (exit code ${code}) before judging` }));
  });
  const post = (message: ThreadMessage) => worker.postMessage(message);
  const bodies = new Set<string>();
  return {
    share(documents) {
      post({ documents });
    },
    warm(plan) {
      post({ warm: plan });
    },
    observe(exchange) {
      const response = exchange.response;
      if (!response || exchange.error || response.status !== 200 || bodies.has(response.body)) return;
      bodies.add(response.body);
      post({ answer: response });
    },
    async judge(context) {
      post({ judge: context });
      const answer = await ended;
      if ("problem" in answer) throw new Error(answer.problem);
      return new Map(answer.outcomes as [string, CheckOutcome][]);
    },
    abandon() {
      void worker.terminate();
    },
  };
}
