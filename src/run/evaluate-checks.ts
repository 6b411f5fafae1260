import { evaluateCheck, type Check, type CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";

/**
 * Every requirement's check. Loaded when asked for, not imported: they bring the X.509 parser and
 * the validator, which a CLI run loads in the thread that judges it (checks-in-thread.ts).
 */
export async function loadChecks(): Promise<readonly Check[]> {
  return (await import("../../suites/index.ts")).ALL_CHECKS;
}

/** Every requirement's check on the run's evidence, by requirement id. */
export async function evaluateChecks(ctx: CheckContext): Promise<Map<string, CheckOutcome>> {
  return new Map((await loadChecks()).map((check) => [check.requirement.id, evaluateCheck(check, ctx)]));
}
