/** `npm run docs:cli`: regenerates docs/cli.md from the flags table. */
import { writeFileSync } from "node:fs";
import { renderCliDocs } from "../src/cli/render-cli-docs.ts";

writeFileSync("docs/cli.md", renderCliDocs());
console.log("wrote docs/cli.md");
