import { describe, inject, test } from "vitest";
import type { Family } from "../../src/registry/types.ts";
import { evaluateCheck, type Check, type CheckOutcome } from "./check.ts";
import type { CheckContext } from "./context.ts";

declare module "vitest" {
  export interface ProvidedContext {
    conformance: CheckContext;
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

/**
 * Registers one vitest test per requirement of a family. The test name starts with the
 * requirement id and the outcome travels in the test's meta, which the run's reporter reads.
 */
export function defineFamilySuite(family: Family, checks: Check[]): void {
  describe(family, () => {
    for (const check of checks) {
      test(`${check.requirement.id}: ${check.requirement.statement}`, (ctx) => {
        const outcome = evaluateCheck(check, inject("conformance"));
        ctx.task.meta.requirement = check.requirement.id;
        ctx.task.meta.outcome = outcome;
        if (outcome.status === "skipped") ctx.skip(outcome.reason);
        if (outcome.status === "failed") throw new ConformanceFailure(outcome.failures.map((f) => f.message).join("\n"));
        if (outcome.status === "errored") throw new SuiteCouldNotTell(outcome.reason ?? "the suite could not tell");
      });
    }
  });
}
