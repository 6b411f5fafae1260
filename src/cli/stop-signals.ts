import { RunStop } from "../run/run-conformance.ts";
import { printLine } from "./terminal-text.ts";

/**
 * SIGINT and SIGTERM stop a run the way `--max-time` does: the request in flight ends, and the
 * report of what was judged so far is written (verdict error, exit 2). A second signal exits at
 * once, for a user who will not wait even for that.
 */
export function onStopSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = (signal: "SIGINT" | "SIGTERM") => {
    if (controller.signal.aborted) {
      printLine(process.stderr, `${signal} again: exiting without a report`);
      process.exit(2);
    }
    controller.abort(new RunStop(signal, `interrupted by ${signal}`));
  };
  const onInt = () => handler("SIGINT");
  const onTerm = () => handler("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    },
  };
}
