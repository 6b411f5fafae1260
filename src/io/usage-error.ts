/**
 * An error that ends the command with exit 2 and one line saying what and how to fix it
 * (docs/CONTRACT.md: "the suite could not do its job"). Anything else thrown is a bug.
 */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
