import { closest } from "../io/did-you-mean.ts";
import { COMMAND_FLAGS, COMMON_FLAGS, commandHelp, type CommandName } from "./flags.ts";
import { terminalLine } from "./terminal-text.ts";
import { UsageError } from "../io/usage-error.ts";

// Each command is a thin module loaded on demand, so `requirements` does not pay for vitest or x509 start-up.
const COMMANDS: Record<CommandName, () => Promise<{ default: (argv: string[]) => Promise<number> }>> = {
  run: () => import("./run.ts"),
  record: () => import("./record.ts"),
  validate: () => import("./validate.ts"),
  serve: () => import("./serve.ts"),
  extract: () => import("./extract.ts"),
  requirements: () => import("./requirements.ts"),
  compare: () => import("./compare.ts"),
  "spec-diff": () => import("./spec-diff.ts"),
  baseline: () => import("./baseline.ts"),
};

function usage(): string {
  const lines = ["usage: client-cert-conformance <command> [flags]", ""];
  for (const [name, spec] of Object.entries(COMMAND_FLAGS)) lines.push(`  ${name.padEnd(14)} ${spec.summary}`);
  lines.push("", `  ${"-h, --help".padEnd(14)} ${COMMON_FLAGS.help.description}`, `  ${"-v, --version".padEnd(14)} ${COMMON_FLAGS.version.description}`);
  lines.push("", "client-cert-conformance help <command> (or <command> --help) shows a command's flags.");
  return lines.join("\n");
}

/** `client-cert-conformance 0.1.0`: the version every report carries as `suite.version`. */
async function versionLine(): Promise<string> {
  const { SUITE_NAME, SUITE_VERSION } = await import("../run/build-report.ts");
  return `${SUITE_NAME} ${SUITE_VERSION}`;
}

/** True when `flag` is among the command's arguments before a `--` terminator. */
function hasFlag(argv: string[], ...flags: string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => flags.includes(a));
}

/** `help COMMAND`: the command's flags, as `COMMAND --help` prints them; an unknown command is exit 2 with the closest. */
function help(command: string): number {
  if (Object.hasOwn(COMMANDS, command)) {
    console.log(commandHelp(command as CommandName));
    return 0;
  }
  const suggestion = closest(command, Object.keys(COMMANDS));
  console.error(`client-cert-conformance help: unknown command ${JSON.stringify(command)}${suggestion ? `; did you mean ${suggestion}?` : ""} (one of: ${Object.keys(COMMANDS).join(", ")})`);
  return 2;
}

/** The CLI: returns the exit code (0 conformant/ok, 1 non-conformant/invalid, 2 the suite could not do its job). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "help" && rest.length) return help(rest[0]!);
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(usage());
    return command ? 0 : 2;
  }
  if (command === "--version" || command === "-v" || command === "version") {
    console.log(await versionLine());
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    const suggestion = closest(command.replace(/^-+/, ""), Object.keys(COMMANDS));
    const what = command.startsWith("-") ? `a command comes first, before flags (got ${JSON.stringify(command)})` : `unknown command ${JSON.stringify(command)}`;
    console.error(`client-cert-conformance: ${what}${suggestion ? `; did you mean ${suggestion}?` : ""} (one of: ${Object.keys(COMMANDS).join(", ")})`);
    return 2;
  }
  const name = command as CommandName;
  if (hasFlag(rest, "--help", "-h")) {
    console.log(commandHelp(name));
    return 0;
  }
  if (hasFlag(rest, "--version", "-v")) {
    console.log(await versionLine());
    return 0;
  }
  try {
    const mod = await COMMANDS[name]();
    return await mod.default(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(terminalLine(`client-cert-conformance ${name}: ${e.message}`));
      return e.exitCode;
    }
    // A bug in the suite, not a verdict on the target: say so plainly, keep the stack for the issue report.
    console.error(`client-cert-conformance ${name}: internal error (a bug in the suite, please report it): ${(e as Error)?.stack ?? e}`);
    return 2;
  }
}
