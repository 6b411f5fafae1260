import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

/**
 * The tests `npm run test:mutation` runs against each mutant (StrykerJS starts vitest with this
 * config, one worker per Stryker process): those that exercise the mutated files, and none that
 * start the CLI (whose run judges in a thread of its own) or a server per fault, so that a run fits in minutes.
 *
 * - suites/: the generator-driven matrix and the Checker's unit tests
 * - src/schema/: extraction, the validator, the documents' places and levels, spec-diff
 * - src/http/redact.ts: redaction of every form of a secret
 * - src/run/build-report.ts and the report writers: the verdict, the report files
 */
export const MUTATION_TESTS = [
  "test/matrix/generated-matrix.test.ts",
  "test/run/checker.test.ts",
  "test/suites/*.test.ts",
  "test/foundation/extract.test.ts",
  "test/foundation/validator.test.ts",
  "test/foundation/registry.test.ts",
  "test/documents/security-levels.test.ts",
  "test/spec-diff/spec-diff.test.ts",
  "test/validate/spec.test.ts",
  "test/http/redact.test.ts",
  "test/http/redact-forms.test.ts",
  "test/http/redact-headers.test.ts",
  "test/run/verdict.test.ts",
  "test/run/build-report.test.ts",
  "test/reports/*.test.ts",
];

// Not mergeConfig: it would add these to the base include list rather than replace it.
// No projects (each has its own include): one process's files, with the certificate pool the matrix reads.
export default defineConfig({
  ...base,
  test: { ...base.test, projects: undefined, include: MUTATION_TESTS, globalSetup: ["test/support/certificate-pool.global.ts"] },
});
