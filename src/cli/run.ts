import { UsageError } from "./usage-error.ts";

/** `run`: not built yet (issue "The conformance run"). Says so plainly rather than pretending. */
export default async function run(_argv: string[]): Promise<number> {
  throw new UsageError("the conformance suites are not built yet; `validate` works offline today (see README)");
}
