/** `npm run docs:api`: refreshes the examples in docs/API.md from docs/examples/ (each block follows its `<!-- docs/examples/NAME -->` marker). */
import { readFileSync, writeFileSync } from "node:fs";
import { withExamples } from "../test/docs/api-doc.ts";

writeFileSync("docs/API.md", withExamples(readFileSync("docs/API.md", "utf8")));
console.log("wrote docs/API.md");
