import { COMMAND_FLAGS, commandHelp, type CommandName } from "./flags.ts";
import { terminalLine } from "./terminal-text.ts";
import { UsageError } from "./usage-error.ts";

// Each command is a thin module loaded on demand, so `requirements` does not pay for vitest or x509 start-up.
const COMMANDS: Record<CommandName, () => Promise<{ default: (argv: string[]) => Promise<number> }>> = {
  run: () => import("./run.ts"),
  record: () => import("./record.ts"),
  validate: () => import("./validate.ts"),
  serve: () => import("./serve.ts"),
  extract: () => import("./extract.ts"),
  requirements: () => import("./requirements.ts"),
  compare: () => import("./compare.ts"),
};

function usage(): string {
  const lines = ["usage: client-cert-conformance <command> [flags]", ""];
  for (const [name, spec] of Object.entries(COMMAND_FLAGS)) lines.push(`  ${name.padEnd(14)} ${spec.summary}`);
  lines.push("", "client-cert-conformance <command> --help shows a command's flags.");
  return lines.join("\n");
}

/** The CLI: returns the exit code (0 conformant/ok, 1 non-conformant/invalid, 2 the suite could not do its job). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(usage());
    return command ? 0 : 2;
  }
  if (!(command in COMMANDS)) {
    console.error(`client-cert-conformance: unknown command ${JSON.stringify(command)}; one of: ${Object.keys(COMMANDS).join(", ")}`);
    return 2;
  }
  const name = command as CommandName;
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(commandHelp(name));
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
