import { fileURLToPath } from "node:url";
import type { Reporter, TestCase, TestModule } from "vitest/node";
import { startVitest } from "vitest/node";
import type { CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import type { SerializedError } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What the suites concluded: an outcome per requirement id, and what kept any from running. */
export interface SuiteRun {
  outcomes: Map<string, CheckOutcome>;
  problems: string[];
}

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** Collects each test's outcome from its meta (the suites put it there); a test that broke is errored. */
class OutcomeReporter implements Reporter {
  readonly outcomes = new Map<string, CheckOutcome>();
  readonly problems: string[] = [];

  /** @param ownListeners the signal listeners that were there before vitest started (the run's own). */
  constructor(private readonly ownListeners: Map<string, Set<(...args: unknown[]) => void>>) {}

  /**
   * vitest's logger exits the process on SIGINT/SIGTERM (after 1 ms); the run handles those
   * itself, writing the report of what was judged so far, so vitest's listeners are taken off.
   */
  onInit(): void {
    for (const signal of SIGNALS) {
      for (const listener of process.listeners(signal)) {
        if (!this.ownListeners.get(signal)!.has(listener as (...args: unknown[]) => void)) process.off(signal, listener);
      }
    }
  }

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
  const own = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal) as ((...args: unknown[]) => void)[])]));
  const reporter = new OutcomeReporter(own);
  if (opts.stop?.aborted) return { outcomes: reporter.outcomes, problems: reporter.problems };
  const running = startVitest("test", opts.filters ?? [], {
    root: ROOT, config: false, watch: false, reporters: [reporter], provide: { conformance: context },
    include: ["suites/vitest/*.suite.ts"], passWithNoTests: false,
    // The suites only read the evidence they are given: one worker that imports the validator and
    // the x509 parser once is faster than eight that each do.
    pool: "threads", isolate: false, maxWorkers: 1,
  });
  const stopped = new Promise<"stopped">((resolve) => opts.stop?.addEventListener("abort", () => resolve("stopped"), { once: true }));
  const first = await Promise.race([running, stopped]);
  if (first === "stopped") {
    void running.then((vitest) => vitest.close()).catch(() => undefined);
    return { outcomes: reporter.outcomes, problems: reporter.problems };
  }
  await first.close();
  return { outcomes: reporter.outcomes, problems: reporter.problems };
}
