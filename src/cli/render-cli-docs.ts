import { COMMAND_FLAGS } from "./flags.ts";

/** Commands and flags this suite adds to the design's CONTRACT.md (it only adds, never changes). */
const ADDED_TO_CONTRACT = new Set(["compare", "run --baseline", "run --quiet", "run --max-time", "run --max-retry-after", "record --max-time", "record --max-retry-after", "record --anonymize", "record --source", "serve --rate", "serve --seed", "requirements --out", "requirements --check", "compare --format"]);

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** docs/cli.md: every command's flags, generated from the one flags table. */
export function renderCliDocs(): string {
  const lines = [
    "# Commands and flags",
    "",
    "<!-- Generated from src/cli/flags.ts by `npm run docs:cli`; do not edit. `npm test` fails when it is stale. -->",
    "",
    "The public contract is the design's CONTRACT.md; entries marked *added* extend it (nothing there is changed).",
    "Exit codes everywhere: 0 conformant / valid, 1 non-conformant / invalid / regression, 2 the suite could not do its job.",
    "",
  ];
  for (const [command, spec] of Object.entries(COMMAND_FLAGS)) {
    lines.push(`## \`client-cert-conformance ${command}\`${ADDED_TO_CONTRACT.has(command) ? " *(added)*" : ""}`, "", spec.summary, "");
    const options = Object.entries(spec.options as Record<string, { description: string; valueName?: string }>);
    if (options.length) {
      lines.push("| flag | meaning |", "| --- | --- |");
      for (const [name, o] of options) {
        const added = ADDED_TO_CONTRACT.has(`${command} --${name}`) ? " *(added)*" : "";
        const flag = `--${name}${o.valueName ? ` ${o.valueName}` : ""}`;
        lines.push(`| \`${cell(flag)}\` | ${cell(o.description)}${added} |`);
      }
      lines.push("");
    }
  }
  return lines.join("\n");
}
