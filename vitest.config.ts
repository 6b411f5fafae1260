import { defineConfig } from "vitest/config";

// The project's own tests live in test/. The conformance suites (suites/) are
// run by `client-cert-conformance run`, which starts vitest with its own config.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
