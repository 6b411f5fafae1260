import { diffSpecs, renderSpecDiffJson, renderSpecDiffText } from "../spec-diff/index.ts";
import { parseCommandFlags } from "./flags.ts";
import { loadSpecOrExplain } from "./spec-flags.ts";
import { UsageError } from "../io/usage-error.ts";

/** `spec-diff OLD NEW [--format text|json]`: exit 1 when a change touches a must requirement. */
export default async function specDiff(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags("spec-diff", argv);
  if (positionals.length !== 2) throw new UsageError("pass two OpenAPI documents: spec-diff OLD NEW (JSON or YAML; the seed is schemas/source/openapi.json)");
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json (got ${JSON.stringify(format)})`);
  const revisions = [values["old-revision"], values["new-revision"]];
  const [older, newer] = await Promise.all(positionals.map((path, i) => loadSpecOrExplain({ path, ...(revisions[i] ? { revision: revisions[i] } : {}) }, i === 0 ? "OLD" : "NEW")));
  const diff = diffSpecs(older!, newer!);
  console.log(format === "json" ? renderSpecDiffJson(diff) : renderSpecDiffText(diff));
  return diff.touchesMust ? 1 : 0;
}
