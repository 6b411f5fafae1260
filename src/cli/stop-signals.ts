import { RunStop } from "../run/run-conformance.ts";
import { printLine } from "./terminal-text.ts";

/**
 * How long a stopped run has to write its partial report before the process exits anyway: what
 * `--max-time` promises ("ends the run") must hold even when something keeps the process busy
 * (a named pipe that never opens, a blocked write). Writing a partial report takes well under a
 * second; the rest is margin for a busy machine.
 */
export const STOP_GRACE_MS = 4_500;

/** The stop of one command: SIGINT, SIGTERM, and (once started) the `--max-time` deadline. */
export interface RunStopper {
  /** Aborted, with a RunStop, by the first signal or the deadline. */
  signal: AbortSignal;
  /** Starts the `--max-time` deadline (0: none), counted from now: call it before the first byte is read. */
  startDeadline(maxTimeMs: number): void;
  /** Removes the listeners and timers. */
  dispose(): void;
}

/**
 * SIGINT and SIGTERM stop a run the way `--max-time` does: whatever phase it is in (loading the
 * spec, the baseline or the recording; sending; checking), nothing more is started, and the report
 * of what was judged so far is written (verdict error, exit 2). A second signal exits at once, for
 * a user who will not wait even for that; and a stopped run that has not ended STOP_GRACE_MS
 * after the stop exits on its own, saying so.
 */
export function onStopSignals(): RunStopper {
  const controller = new AbortController();
  let deadline: NodeJS.Timeout | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  const stop = (reason: RunStop) => {
    if (controller.signal.aborted) return;
    controller.abort(reason);
    // Unref'd: a run that ends on its own is not kept alive by it.
    watchdog = setTimeout(() => {
      printLine(process.stderr, `${reason.message}, and the run had not ended ${STOP_GRACE_MS / 1000} s later: exiting (exit 2)`);
      process.exit(2);
    }, STOP_GRACE_MS);
    watchdog.unref();
  };
  const handler = (signal: "SIGINT" | "SIGTERM") => {
    if (controller.signal.aborted) {
      printLine(process.stderr, `${signal} again: exiting without a report`);
      process.exit(2);
    }
    stop(new RunStop(signal, `interrupted by ${signal}`));
  };
  const onInt = () => handler("SIGINT");
  const onTerm = () => handler("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return {
    signal: controller.signal,
    startDeadline: (maxTimeMs) => {
      if (!maxTimeMs || deadline) return;
      deadline = setTimeout(() => stop(new RunStop("max-time", `stopped at the run's --max-time of ${maxTimeMs / 1000} s`)), maxTimeMs);
      deadline.unref();
    },
    dispose: () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      clearTimeout(deadline);
      clearTimeout(watchdog);
      // A stopped run has written its report; what is still pending (a read from a pipe that never
      // opened, a worker winding down) must not keep the process. Unref'd: fires only if something does.
      if (controller.signal.aborted) setTimeout(() => process.exit(process.exitCode ?? 2), 1_000).unref();
    },
  };
}
