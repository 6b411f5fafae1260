import { COMMAND_FLAGS, COMMON_FLAGS } from "./flags.ts";

/** Commands and flags added to docs/CONTRACT.md after its first version (it only grows: nothing there is changed). */
const ADDED_TO_CONTRACT = new Set([
  "compare", "spec-diff", "run --baseline", "run --quiet", "run --max-time", "run --max-retry-after", "run --spec", "run --spec-revision",
  "record --max-time", "record --baseline", "record --quiet", "record --max-retry-after", "record --anonymize", "record --source", "record --format", "record --spec", "record --spec-revision",
  "validate --spec", "validate --spec-revision", "serve --rate", "serve --seed", "serve --print-env", "serve --background",
  "requirements --out", "requirements --check", "requirements --spec", "requirements --spec-revision", "compare --format", "--help", "--version",
  "baseline", "run --include", "run --exclude", "run --dry-run", "run --format", "validate --format",
]);

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** docs/cli.md: every command's flags, generated from the one flags table. */
export function renderCliDocs(): string {
  const lines = [
    "# Commands and flags",
    "",
    "<!-- Generated from src/cli/flags.ts by `npm run docs:cli`; do not edit. `npm test` fails when it is stale. -->",
    "",
    "The public contract is [CONTRACT.md](CONTRACT.md); entries marked *added* were added to it after its first version (nothing there is changed or dropped).",
    "Exit codes everywhere: 0 conformant / valid, 1 non-conformant / invalid / regression, 2 the suite could not do its job.",
    "",
    "## Every command",
    "",
    "`client-cert-conformance --help` lists the commands; these flags work on the bin and on every command.",
    "",
    "| flag | meaning |",
    "| --- | --- |",
  ];
  for (const [name, o] of Object.entries(COMMON_FLAGS)) {
    lines.push(`| \`${o.short ? `-${o.short}, ` : ""}--${name}\` | ${cell(o.description)}${ADDED_TO_CONTRACT.has(`--${name}`) ? " *(added)*" : ""} |`);
  }
  lines.push("");
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
