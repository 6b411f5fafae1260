import { runCompare } from "../compare/command.ts";
import { parseCommandFlags } from "./flags.ts";

/** `compare OLD/report.json NEW/report.json [--format text|json|md]` (the logic is in src/compare/). */
export default async function compare(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags("compare", argv);
  return runCompare({ ...values, files: positionals }, (text) => process.stdout.write(text));
}
