/**
 * The body of the thread that judges a run (checks-in-thread.ts starts it). While the run sends
 * its probes it loads the checks and compiles the document's validator, then, once the plan is
 * known, runs every check once over the plan answered as a conforming server answers it (what
 * feeds.ts measures a plan with): the checks' code is then compiled by V8 and the evidence is
 * judged in a fraction of the time. It judges the evidence it is given once, and ends.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ExchangeResponse } from "../http/index.ts";
import { forgetParsedTexts, parseAhead } from "../../suites/support/certificates.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import { rememberDocuments, type LoadedDocument } from "../schema/load-document.ts";
import { loadOperationSpec, type SpecRequest } from "../schema/operation-spec.ts";
import { responseValidator } from "../schema/validator.ts";
import { evaluateChecks, loadChecks } from "./evaluate-checks.ts";
import { probeFeeds, type FeedsInput } from "./feeds.ts";

/**
 * What the run tells the thread: the document it read (`--spec`: the thread reads no file of the
 * user's); the plan to warm up on; answers as they come (their certificates are parsed ahead);
 * then the evidence (copied by the structured clone: no one string holds it all, so a target's
 * 8 MiB answers to every request do not pass a string's length limit).
 */
export type ThreadMessage =
  | { documents: LoadedDocument[] }
  | { warm: Omit<FeedsInput, "checks" | "spec"> }
  | { answer: ExchangeResponse }
  | { judge: CheckContext };
/** What the thread answers: every requirement's outcome, or why it could not judge. */
export type ThreadAnswer = { outcomes: [string, unknown][] } | { problem: string };

const port = parentPort!;
const spec = (workerData as { spec?: SpecRequest }).spec;
// Each step after the one before: loading, the warm-up, judging.
let steps: Promise<unknown> = (async () => {
  // The seed's validator now; a document of the user's once the run hands it over.
  if (!spec?.path) responseValidator(loadOperationSpec(spec)).compileAll();
  await loadChecks();
})();

/** Answers that came before the warm-up ended (it forgets what it parsed): parsed after it. */
let early: ExchangeResponse[] | undefined = [];
const ahead = (response: ExchangeResponse) => {
  try {
    parseAhead(response);
  } catch {
    // judged with the rest, in its turn
  }
};

port.on("message", (message: ThreadMessage) => {
  if ("documents" in message) {
    steps = steps.then(() => {
      rememberDocuments(message.documents);
      responseValidator(loadOperationSpec(spec)).compileAll();
    });
    steps.catch(() => undefined); // said when judging
    return;
  }
  if ("answer" in message) {
    if (early) early.push(message.answer);
    else steps = steps.then(() => ahead(message.answer));
    return;
  }
  if ("warm" in message) {
    steps = steps.then(async () => {
      try {
        probeFeeds({ ...message.warm, checks: await loadChecks(), spec: loadOperationSpec(message.warm.specRequest) });
      } catch {
        // Only a warm-up: judging says what is wrong, if anything is.
      }
      forgetParsedTexts(); // the made-up answers' certificates are not the run's
      for (const response of early ?? []) ahead(response);
      early = undefined;
    });
    steps.catch(() => undefined); // said when judging, not as an unhandled rejection before
    return;
  }
  void steps.then(
    async (): Promise<ThreadAnswer> => ({ outcomes: [...(await evaluateChecks(message.judge))] }),
  ).catch((e: unknown): ThreadAnswer => ({ problem: e instanceof Error ? e.message : String(e) })).then((answer) => {
    port.postMessage(answer);
    port.close();
  });
});
