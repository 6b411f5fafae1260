import { existsSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, inject, test } from "vitest";
import type { Family } from "../../src/registry/types.ts";
import { loadOperationSpec, type SpecRequest } from "../../src/schema/operation-spec.ts";
import { responseValidator } from "../../src/schema/validator.ts";
import { evaluateCheck, type Check, type CheckOutcome } from "./check.ts";
import type { CheckContext } from "./context.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The file the run writes its evidence to when its probes are done (see src/run/vitest-driver.ts). */
    conformanceEvidence: string;
    /** The document the run is judged against (the validator is compiled for it while the run probes). */
    conformanceSpec: SpecRequest;
  }
  interface TaskMeta {
    requirement?: string;
    outcome?: CheckOutcome;
  }
}

/** Thrown for a requirement the target failed (vitest shows it as a failed test). */
export class ConformanceFailure extends Error {
  override name = "ConformanceFailure";
}

/** Thrown when the suite could not tell (no answer, a suite bug): reported as errored, never failed. */
export class SuiteCouldNotTell extends Error {
  override name = "SuiteCouldNotTell";
}

/** Why a run has no evidence for the suites (it was stopped, or its target was down). */
interface Abandoned { abandoned: string }

let evidence: Promise<CheckContext | Abandoned> | undefined;

/** The run's evidence, once it has written it (the same promise for every family's file: one worker, not isolated). */
function runEvidence(): Promise<CheckContext | Abandoned> {
  evidence ??= (async () => {
    // While the run probes: compile the validator of its document, so checking starts at once.
    responseValidator(loadOperationSpec(inject("conformanceSpec"))).compileAll();
    const file = inject("conformanceEvidence");
    while (!existsSync(file)) await sleep(10);
    return JSON.parse(readFileSync(file, "utf8")) as CheckContext | Abandoned;
  })();
  return evidence;
}

/**
 * Registers one vitest test per requirement of a family. The test name starts with the
 * requirement id and the outcome travels in the test's meta, which the run's reporter reads.
 */
export function defineFamilySuite(family: Family, checks: Check[]): void {
  describe(family, () => {
    let context: CheckContext | Abandoned;
    beforeAll(async () => {
      context = await runEvidence();
    });
    for (const check of checks) {
      test(`${check.requirement.id}: ${check.requirement.statement}`, (ctx) => {
        // Skipped, not failed: nobody reads these outcomes, and a failure would set the exit code of
        // the process running the suites after the run has set its own.
        if ("abandoned" in context) return ctx.skip(`no evidence to check: ${context.abandoned}`);
        const outcome = evaluateCheck(check, context);
        ctx.task.meta.requirement = check.requirement.id;
        ctx.task.meta.outcome = outcome;
        if (outcome.status === "skipped") ctx.skip(outcome.reason);
        if (outcome.status === "failed") throw new ConformanceFailure(outcome.failures.map((f) => f.message).join("\n"));
        if (outcome.status === "errored") throw new SuiteCouldNotTell(outcome.reason ?? "the suite could not tell");
      });
    }
  });
}
