export { applyBaseline } from "./apply.ts";
export { expiryProblem, isExpired } from "./expiry.ts";
export { loadBaseline, loadBaselineAsync, parseBaseline } from "./load.ts";
export { compileMatch, type MessageMatcher } from "./matcher.ts";
export type { Baseline, BaselineEntry, BaselineEntryState } from "./types.ts";
