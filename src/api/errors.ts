/** Options the library cannot run with (no zone, no credentials, a bad target or level): the message says which and how to fix it. */
export class ConformanceOptionsError extends Error {
  override name = "ConformanceOptionsError";
}
