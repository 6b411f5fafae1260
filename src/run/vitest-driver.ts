import { mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Reporter, TestCase, TestModule } from "vitest/node";
import { startVitest } from "vitest/node";
import type { CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import type { SerializedError } from "vitest";

// The folder that holds suites/: the repository from the sources, dist/ in the compiled package.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Running compiled JavaScript (the package's dist/, or bin/'s build of a clone), not the TypeScript sources. */
const COMPILED = import.meta.url.endsWith(".js");

/** What the suites concluded: an outcome per requirement id, and what kept any from running. */
export interface SuiteRun {
  outcomes: Map<string, CheckOutcome>;
  problems: string[];
}

const SIGNALS: ReadonlySet<string | symbol> = new Set(["SIGINT", "SIGTERM"]);
/** How long the suites wait for a run's evidence: a day (the run's --max-time ends it sooner). */
const EVIDENCE_WAIT_MS = 24 * 3600 * 1000;

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

/** The suites started before their evidence exists: hand it over when the probes are done, or give up. */
export interface SuitesInFlight {
  /** The run's evidence: the suites, waiting for it, check it now. */
  deliver(context: CheckContext): void;
  /** The run ends without checks (the target is down, the run was stopped): the suites stop waiting. */
  abandon(why: string): void;
  /** What the suites concluded (after `deliver`), or nothing useful (after `abandon`). */
  finished: Promise<SuiteRun>;
}

/** The temporary folders the evidence goes through: `client-cert-conformance-evidence-<pid>-XXXXXX`. */
export const EVIDENCE_PREFIX = "client-cert-conformance-evidence-";
/** A folder of the old name (no pid) is a killed run's once it is this old. */
const STALE_UNNAMED_MS = 24 * 3600 * 1000;

/** Whether a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the evidence folders of runs that were killed before they could (their pid is gone). */
export function removeStaleEvidenceFolders(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(EVIDENCE_PREFIX)) continue;
    const pid = /^(\d+)-/.exec(name.slice(EVIDENCE_PREFIX.length))?.[1];
    const path = join(tmpdir(), name);
    try {
      const stale = pid !== undefined ? Number(pid) !== process.pid && !alive(Number(pid)) : Date.now() - statSync(path).mtimeMs > STALE_UNNAMED_MS;
      if (stale) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone already, or another user's: not ours to clean
    }
  }
}

/**
 * Starts vitest on the suites (suites/vitest/*.suite.ts) at once, while the run is still sending
 * its probes: vitest's start, its worker and the checks' modules (the validator compiled, the
 * X.509 parser loaded) are ready by the time the evidence is, instead of after it. The evidence
 * goes through a file the suites wait for (`provide` is fixed when vitest starts). When `stop`
 * is aborted, vitest is closed and what it concluded so far is returned (the caller sees the stop).
 */
export function startSuites(opts: { spec?: CheckContext["spec"]; filters?: string[]; stop?: AbortSignal } = {}): SuitesInFlight {
  const reporter = new OutcomeReporter();
  removeStaleEvidenceFolders();
  const dir = mkdtempSync(join(tmpdir(), `${EVIDENCE_PREFIX}${process.pid}-`));
  // Removed however the process ends (a second signal exits at once): only SIGKILL leaves it, and the next run removes that.
  const onExit = () => rmSync(dir, { recursive: true, force: true });
  process.on("exit", onExit);
  const evidenceFile = join(dir, "evidence.json");
  let handed = false;
  const hand = (value: unknown) => {
    if (handed) return; // the first word stands: evidence, or why there is none
    handed = true;
    writeFileSync(`${evidenceFile}.part`, JSON.stringify(value));
    renameSync(`${evidenceFile}.part`, evidenceFile); // whole, or not there yet
  };
  const running = withoutItsSignalListeners(() => startVitest("test", opts.filters ?? [], {
    root: ROOT, config: false, watch: false, reporters: [reporter], provide: { conformanceEvidence: evidenceFile, conformanceSpec: opts.spec ?? {} },
    include: ["suites/vitest/*.suite.{ts,js}"], passWithNoTests: false,
    // Compiled (the package, and bin/ in a clone), the checks and what they import are loaded by
    // Node as they are, not transformed module by module: only the suite files and the one
    // that registers the tests go through vitest's transform (most of the suites' start-up).
    ...(COMPILED ? { server: { deps: { external: [/\/(src|reports|generators)\/.*\.js$/, /\/suites\/(?!vitest\/|support\/vitest-suite\.js$).*\.js$/] } } } : {}),
    // The suites only read the evidence they are given: one worker that imports the validator and
    // the x509 parser once is faster than eight that each do.
    pool: "threads", isolate: false, maxWorkers: 1,
    // The suites wait for the evidence as long as the run sends probes; the run's own deadline bounds that.
    hookTimeout: EVIDENCE_WAIT_MS,
  }));
  // The evidence folder goes when vitest has ended, not before: suites still waiting must find the word to stop.
  const cleanUp = () => {
    process.off("exit", onExit);
    rmSync(dir, { recursive: true, force: true });
  };
  const ended = running.then((vitest) => vitest.close()).catch(() => undefined).finally(cleanUp);
  const finished = (async (): Promise<SuiteRun> => {
    if (opts.stop?.aborted) return { outcomes: reporter.outcomes, problems: reporter.problems };
    const stopped = new Promise<"stopped">((resolve) => opts.stop?.addEventListener("abort", () => resolve("stopped"), { once: true }));
    // Stopped: what was concluded so far, at once; vitest ends on its own once the suites read "abandoned".
    if ((await Promise.race([ended, stopped])) !== "stopped") await ended;
    return { outcomes: reporter.outcomes, problems: reporter.problems };
  })();
  if (opts.stop?.aborted) hand({ abandoned: "the run was stopped" });
  else opts.stop?.addEventListener("abort", () => hand({ abandoned: "the run was stopped" }), { once: true });
  return {
    deliver: (context) => hand(context),
    abandon: (why) => hand({ abandoned: why }),
    finished,
  };
}

/** Runs the suites on evidence already collected (start, then deliver at once). */
export async function runSuites(context: CheckContext, opts: { filters?: string[]; stop?: AbortSignal } = {}): Promise<SuiteRun> {
  const suites = startSuites({ ...opts, spec: context.spec });
  suites.deliver(context);
  return suites.finished;
}
