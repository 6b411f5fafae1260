import { fileURLToPath } from "node:url";
import type { Reporter, TestCase, TestModule } from "vitest/node";
import { startVitest } from "vitest/node";
import type { CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import type { SerializedError } from "vitest";

// The folder that holds suites/: the repository from the sources, dist/ in the compiled package.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What the suites concluded: an outcome per requirement id, and what kept any from running. */
export interface SuiteRun {
  outcomes: Map<string, CheckOutcome>;
  problems: string[];
}

const SIGNALS: ReadonlySet<string | symbol> = new Set(["SIGINT", "SIGTERM"]);

/**
 * Runs `start` with SIGINT/SIGTERM listeners it adds ignored: vitest's logger exits the process on
 * them (1 ms after), and the run handles them itself, writing the report of what was judged so far.
 */
function withoutItsSignalListeners<T>(start: () => Promise<T>): Promise<T> {
  const original = { on: process.on, once: process.once, addListener: process.addListener, prependListener: process.prependListener };
  const skipping = (add: typeof process.on) =>
    function (this: NodeJS.Process, event: string | symbol, listener: (...args: unknown[]) => void) {
      return SIGNALS.has(event) ? this : add.call(this, event as "SIGINT", listener);
    } as typeof process.on;
  process.on = skipping(original.on);
  process.once = skipping(original.once);
  process.addListener = skipping(original.addListener);
  process.prependListener = skipping(original.prependListener);
  return start().finally(() => Object.assign(process, original));
}

/** Collects each test's outcome from its meta (the suites put it there); a test that broke is errored. */
class OutcomeReporter implements Reporter {
  readonly outcomes = new Map<string, CheckOutcome>();
  readonly problems: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const meta = testCase.meta();
    const id = meta.requirement ?? /^([A-Z0-9]+(?:-[A-Z0-9]+)+):/.exec(testCase.name)?.[1];
    if (!id) return;
    const result = testCase.result();
    if (meta.outcome) {
      this.outcomes.set(id, meta.outcome);
    } else {
      const message = result.errors?.[0]?.message ?? `the test ended ${result.state} before checking`;
      this.outcomes.set(id, { status: "errored", checks: 0, failures: [], reason: `the suite broke: ${message}` });
    }
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    for (const m of modules) for (const e of m.errors()) this.problems.push(`${m.moduleId}: ${e.message}`);
    for (const e of unhandledErrors) this.problems.push(e.message);
  }
}

/**
 * Runs the suites (suites/vitest/*.suite.ts) with vitest on the run's evidence. When `stop` is
 * aborted, vitest is closed and what it concluded so far is returned (the caller sees the stop).
 */
export async function runSuites(context: CheckContext, opts: { filters?: string[]; stop?: AbortSignal } = {}): Promise<SuiteRun> {
  const reporter = new OutcomeReporter();
  if (opts.stop?.aborted) return { outcomes: reporter.outcomes, problems: reporter.problems };
  const running = withoutItsSignalListeners(() => startVitest("test", opts.filters ?? [], {
    root: ROOT, config: false, watch: false, reporters: [reporter], provide: { conformance: context },
    include: ["suites/vitest/*.suite.{ts,js}"], passWithNoTests: false,
    // The suites only read the evidence they are given: one worker that imports the validator and
    // the x509 parser once is faster than eight that each do.
    pool: "threads", isolate: false, maxWorkers: 1,
  }));
  const stopped = new Promise<"stopped">((resolve) => opts.stop?.addEventListener("abort", () => resolve("stopped"), { once: true }));
  const first = await Promise.race([running, stopped]);
  if (first === "stopped") {
    void running.then((vitest) => vitest.close()).catch(() => undefined);
    return { outcomes: reporter.outcomes, problems: reporter.problems };
  }
  await first.close();
  return { outcomes: reporter.outcomes, problems: reporter.problems };
}
