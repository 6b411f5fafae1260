/**
 * The methods besides GET the client sends: the safe ones (RFC 9110 §9.2.1) but HEAD, whose
 * answers a client reads without content. A run against a URL asks the operation's path what it
 * allows with them (src/run/plan-methods.ts); a live run sends GET alone.
 */
export const OTHER_METHODS = ["OPTIONS", "TRACE"] as const;
export type OtherMethod = (typeof OTHER_METHODS)[number];
