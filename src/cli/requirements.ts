import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { REQUIREMENTS } from "../registry/index.ts";
import { renderRequirementsJson, renderRequirementsMarkdown } from "../registry/render.ts";
import { parseCommandFlags } from "./flags.ts";
import { loadSpecOrExplain, specRequestFrom } from "./spec-flags.ts";
import { UsageError } from "../io/usage-error.ts";

/** `requirements [--format md|json] [--spec FILE] [--out FILE [--check]]` */
export default async function requirements(argv: string[]): Promise<number> {
  const { values } = parseCommandFlags("requirements", argv);
  const format = values.format ?? "md";
  if (format !== "md" && format !== "json") throw new UsageError(`--format must be md or json (got ${JSON.stringify(format)})`);
  // A document only when asked for: the checked-in docs name places, whatever document the suite is given.
  const spec = values.spec ? await loadSpecOrExplain(specRequestFrom(values, {})) : undefined;
  const text = format === "md" ? renderRequirementsMarkdown(REQUIREMENTS, spec) : renderRequirementsJson(REQUIREMENTS, spec);
  if (!values.out) {
    process.stdout.write(text);
    return 0;
  }
  const current = existsSync(values.out) ? readFileSync(values.out, "utf8") : undefined;
  if (values.check) {
    if (current === text) return 0;
    console.error(`${values.out} is stale: run \`npm run requirements:docs\` and commit the result`);
    return 1;
  }
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, text);
  console.log(`wrote ${values.out}`);
  return 0;
}
