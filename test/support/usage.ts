import { UsageError } from "../../src/io/usage-error.ts";

/** The one line a UsageError puts on stderr, from a call that must throw one. */
export function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error("no UsageError");
}
