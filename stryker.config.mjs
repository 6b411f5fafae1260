// @ts-check
/**
 * `npm run test:mutation`: StrykerJS mutates the suites' checks and what they stand on, and runs
 * the tests that cover each mutant (vitest.mutation.config.ts). The score per folder, and the
 * survivors that are equivalent, are in docs/MUTATION.md.
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export default {
  packageManager: "npm",
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: [
    "suites/**/*.ts",
    "src/schema/**/*.ts",
    "src/http/redact.ts",
    "src/run/build-report.ts",
    "reports/write-*.ts",
  ],
  ignorePatterns: ["reports/out", "reports/mutation", "dist", "fixtures/upstream", ".tmp"],
  // Reruns test only the mutants whose code or tests changed (the file is kept in reports/mutation/, not committed).
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  thresholds: { high: 90, low: 80, break: null },
  concurrency: 2,
  timeoutMS: 10_000,
  // Stryker rewrites tsconfig.json's extends and references in its sandbox with TypeScript's compiler API, which
  // TypeScript 7 no longer has; ours has neither, so it is pointed at a file that does not exist and left as it is.
  tsconfigFile: "no-tsconfig-to-rewrite.json",
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
