import { UsageError } from "./usage-error.ts";

/** `record`: not built yet (issue "Recorded mode"). Says so plainly rather than pretending. */
export default async function record(_argv: string[]): Promise<number> {
  throw new UsageError("the conformance suites are not built yet; `validate` works offline today (see README)");
}
