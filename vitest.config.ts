import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The project's own tests live in test/. The conformance suites (suites/) are
// run by `client-cert-conformance run`, which starts vitest with its own config.
export default defineConfig({
  // The package's own name resolves to its sources here (docs/examples import it as a user would).
  resolve: {
    alias: [
      { find: /^client-cert-conformance\/generators$/, replacement: here("./generators/index.ts") },
      { find: /^client-cert-conformance\/vitest$/, replacement: here("./src/vitest/index.ts") },
      { find: /^client-cert-conformance$/, replacement: here("./src/api/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // The certificate pool of the generator laws and the matrix, issued once for all test files;
    // the sources compiled once for the tests that start bin/.
    globalSetup: ["test/support/certificate-pool.global.ts", "test/support/fresh-build.global.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // vitest's default leaves a core idle (cores - 1): on the 2-core machines CI runs on that is one
    // worker. Many tests wait on servers and child processes, so two workers use both cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
