import { runCompare } from "../compare/command.ts";

/** `compare OLD/report.json NEW/report.json [--format text|json|md]` (the logic is in src/compare/). */
export default async function compare(argv: string[]): Promise<number> {
  return runCompare(argv, (text) => process.stdout.write(text));
}
