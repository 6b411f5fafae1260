import { readFileSync } from "node:fs";

/** docs/API.md with each `<!-- docs/examples/NAME -->` marker's code block replaced by that file, as it is. */
export function withExamples(markdown: string): string {
  return markdown.replace(/<!-- (docs\/examples\/[\w.-]+) -->\n```ts\n[\s\S]*?```/g, (_m, file: string) => `<!-- ${file} -->\n\`\`\`ts\n${readFileSync(file, "utf8")}\`\`\``);
}
