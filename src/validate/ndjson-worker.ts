import { parentPort, workerData } from "node:worker_threads";
import { loadOperationSpec } from "../schema/operation-spec.ts";
import { responseValidator } from "../schema/validator.ts";
import { checkBatch, type WorkerSetup } from "./ndjson-batch.ts";

/** A validate worker: checks the batches of NDJSON lines it is sent, and answers each with its result. */
const setup = workerData as WorkerSetup;
const options = { profile: setup.profile, spec: loadOperationSpec(setup.spec) };
// Ready once the validator is compiled for the profile (checking a body compiles it): until then the command checks batches itself.
for (const cls of ["success-200", "failure-4xx"] as const) responseValidator(options.spec).validate(cls, {}, options.profile);
parentPort!.postMessage({ ready: true });
parentPort!.on("message", (message: { id: number; bytes: Uint8Array; first: boolean }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: checkBatch(message.bytes, message.first, options) });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: (e as Error)?.stack ?? String(e) });
  }
});
