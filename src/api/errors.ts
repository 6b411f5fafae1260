/**
 * Options the library cannot run with (no zone, no credentials, a bad target, level, document,
 * baseline or recording): the message says which and how to fix it. Every error the library
 * throws for its options is one (docs/API.md, Errors).
 */
export class ConformanceOptionsError extends Error {
  override name = "ConformanceOptionsError";
}

/** `startReferenceServer({ faults })` named a fault the catalogue does not have; `faults` are those names. */
export class UnknownFaultError extends ConformanceOptionsError {
  override name = "UnknownFaultError";
  constructor(readonly faults: readonly string[], message: string) {
    super(message);
  }
}
