/** `npm run sources:docs`: regenerates docs/SOURCES.md from the catalogue (src/sources/) and the seed document. */
import { writeFileSync } from "node:fs";
import { seedSpec } from "../src/schema/operation-spec.ts";
import { allStatements, renderSourcesMarkdown } from "../src/sources/index.ts";

const spec = seedSpec();
writeFileSync("docs/SOURCES.md", renderSourcesMarkdown(allStatements(spec), spec.source));
console.log("wrote docs/SOURCES.md");
