import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files measured longest here (tens of seconds each, whole runs and spawned commands), run first.
 * vitest orders files longest first only from the timings of an earlier run on the same machine; a
 * fresh clone (CI) has none, and ordered by size it started the 30-second self-certification among
 * the last files, where it alone set the end of `npm test` (measured: 135 s against 117 s).
 */
const SLOW_FIRST = [
  "test/matrix/self-certification.test.ts",
  "test/run/cli-run.test.ts",
  "test/documents/documents.test.ts",
  "test/matrix/generated-matrix.test.ts",
  "test/run/hostile-run.test.ts",
  "test/recorded/record-replay.test.ts",
  "test/reference/faults.test.ts",
  "test/run/honest-verdicts.test.ts",
  "test/cli/machine-output.test.ts",
  "test/http/network.test.ts",
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const at = SLOW_FIRST.indexOf(relative(f.project.config.root, f.moduleId).split("\\").join("/"));
      return at === -1 ? SLOW_FIRST.length : at;
    };
    // Array.prototype.sort is stable: the rest keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
