import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/support/slow-first-sequencer.ts";

/**
 * What `npm test` leaves to `npm run test:long` (CI runs it after `npm test`): the end-to-end files
 * that record from a server and replay through the command for every case (20 s of a worker between
 * them), while what they drive is proven in process in `npm test` (test/recorded).
 */
const LONG_ONLY = process.env.CONFORMANCE_MATRIX === "full" ? [] : ["test/recorded/record-replay.test.ts", "test/recorded/anonymize.test.ts"];

/** Test files that change process-wide state, each run in a fresh process. */
const ISOLATED = ["test/cli/**/*.test.ts"];

// The certificate pool of the generator laws and the matrix, issued once for the files that use it;
// the sources compiled once for the tests that start bin/.
const CERTIFICATE_POOL = "test/support/certificate-pool.global.ts";
const FRESH_BUILD = "test/support/fresh-build.global.ts";

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
    // Two projects. Most test files share their worker's loaded modules (isolate: false): loading the
    // sources again for each of ~90 files cost the run ~20 s of CPU on a 2-core machine. The files
    // that change process-wide state (nock's interception, proxy and TLS agents, the environment,
    // console spies around main) keep a process of their own each.
    projects: [
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], exclude: [...ISOLATED, ...LONG_ONLY], isolate: false, globalSetup: [CERTIFICATE_POOL, FRESH_BUILD] } },
      { extends: true, test: { name: "isolated", include: ISOLATED, globalSetup: [FRESH_BUILD] } },
    ],
    // The longest files first, also in a fresh clone with no timings of an earlier run.
    sequence: { sequencer: SlowFirstSequencer },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // vitest's default leaves a core idle (cores - 1): on the 2-core machines CI runs on that is one
    // worker. Many tests wait on servers, child processes and rate limits: three workers on two
    // cores kept both busy (measured: 150 s against 165 s with two).
    maxWorkers: Math.max(3, availableParallelism()),
  },
});
