import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./usage-error.ts";

type OptionSpec = NonNullable<ParseArgsConfig["options"]>[string] & { description: string; valueName?: string };

/** The flags of `run` (and `record`, which is `run` plus a cassette). */
const RUN_OPTIONS = {
  target: { type: "string", description: "recorded (default), live, or a base URL", valueName: "recorded|live|URL" },
  cassette: { type: "string", description: "cassette directory to replay (env CONFORMANCE_CASSETTE)", valueName: "DIR" },
  zone: { type: "string", description: "zone under test (env CLOUDFLARE_ZONE_ID)", valueName: "ID" },
  certificate: { type: "string", multiple: true, description: "certificate id to read, repeatable (env CLOUDFLARE_CLIENT_CERTIFICATE_IDS)", valueName: "ID" },
  out: { type: "string", description: "report directory (env CONFORMANCE_REPORT_DIR)", valueName: "DIR" },
  level: { type: "string", description: "lowest level that gates the verdict: must (default), should, may", valueName: "LEVEL" },
  seed: { type: "string", description: "seed of every property-based part", valueName: "N" },
  budget: { type: "string", description: "most requests sent to the target", valueName: "N" },
  rate: { type: "string", description: "most requests per second", valueName: "N" },
  timeout: { type: "string", description: "per-request timeout in milliseconds", valueName: "MS" },
  "max-time": { type: "string", description: "whole-run deadline in seconds, then a partial report with verdict error (default: live 900, URL 300, recorded none; 0: none)", valueName: "S" },
  "max-retry-after": { type: "string", description: "longest Retry-After waited for, in seconds; a longer one errors the probe as rate-limited (default 60)", valueName: "S" },
  baseline: { type: "string", description: "known-deviation baseline file", valueName: "FILE" },
  quiet: { type: "boolean", description: "no progress lines" },
} satisfies Record<string, OptionSpec>;

/** Every command's flags in one typed table (the CLI help is generated from it). */
export const COMMAND_FLAGS = {
  run: {
    summary: "run the conformance suites against a target, write the reports, exit with the verdict",
    options: RUN_OPTIONS,
  },
  record: {
    summary: "`run` that also saves every exchange, redacted, as a cassette in DIR",
    options: {
      ...RUN_OPTIONS,
      cassette: { type: "string", description: "directory to write the cassette to (required)", valueName: "DIR" },
      anonymize: { type: "boolean", description: "map the zone identifier to a stable placeholder in paths, headers and bodies" },
      source: { type: "string", description: "what is being recorded, for the manifest (default: the target kind)", valueName: "TEXT" },
    },
  },
  validate: {
    summary: "validate recorded responses offline: JSON body, HAR, NDJSON, or cassette; - reads stdin",
    options: {
      profile: { type: "string", description: "spec (default) or strict", valueName: "spec|strict" },
      status: { type: "string", description: "response class of a bare JSON body: 200 or 4xx (default: from `success`)", valueName: "200|4xx" },
    },
  },
  serve: {
    summary: "start the reference implementation on 127.0.0.1; prints one JSON line when ready",
    options: {
      port: { type: "string", description: "port (default 8787; 0 picks a free one)", valueName: "N" },
      fault: { type: "string", multiple: true, description: "inject a catalogued fault, repeatable", valueName: "NAME" },
      "list-faults": { type: "boolean", description: "list the fault catalogue and exit" },
      rate: { type: "string", description: "requests per second before 429 (default 50)", valueName: "N" },
      seed: { type: "string", description: "seed of the generated certificates", valueName: "N" },
    },
  },
  extract: {
    summary: "regenerate schemas/ from the OpenAPI source",
    options: {
      source: { type: "string", description: "OpenAPI document (default schemas/source/openapi.json)", valueName: "FILE" },
      operation: { type: "string", description: "operationId (default: the seed's)", valueName: "ID" },
      out: { type: "string", description: "output directory (default schemas/)", valueName: "DIR" },
      check: { type: "boolean", description: "fail if schemas/ is stale instead of writing" },
    },
  },
  requirements: {
    summary: "print the requirement registry",
    options: {
      format: { type: "string", description: "md (default) or json", valueName: "md|json" },
      out: { type: "string", description: "write to FILE instead of standard output", valueName: "FILE" },
      check: { type: "boolean", description: "with --out: fail if FILE is stale instead of writing" },
    },
  },
  compare: {
    summary: "compare two report.json files: requirements whose status changed; exit 1 on a regression",
    options: {
      format: { type: "string", description: "text (default), json or md", valueName: "text|json|md" },
    },
  },
} satisfies Record<string, { summary: string; options: Record<string, OptionSpec> }>;

export type CommandName = keyof typeof COMMAND_FLAGS;

type OptionsOf<C extends CommandName> = (typeof COMMAND_FLAGS)[C]["options"];
/** The parsed values of one command's flags, typed from the table. */
export type FlagValues<C extends CommandName> = {
  [K in keyof OptionsOf<C>]?: OptionsOf<C>[K] extends { type: "boolean" } ? boolean : OptionsOf<C>[K] extends { multiple: true } ? string[] : string;
};

/** Parses one command's flags; an unknown flag is a UsageError naming the command's help. */
export function parseCommandFlags<C extends CommandName>(command: C, argv: string[], extra: Record<string, OptionSpec> = {}): { values: FlagValues<C> & Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  const options = { ...COMMAND_FLAGS[command].options, ...extra } as Record<string, OptionSpec>;
  const parseOptions = Object.fromEntries(Object.entries(options).map(([k, { description: _d, valueName: _v, ...o }]) => [k, o]));
  try {
    const { values, positionals } = parseArgs({ args: argv, options: parseOptions, allowPositionals: true, strict: true });
    return { values: values as FlagValues<C> & Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split("\n")[0]} (see: client-cert-conformance ${command} --help)`);
  }
}

/** Help text for one command, generated from the table. */
export function commandHelp(command: CommandName, extra: Record<string, OptionSpec> = {}): string {
  const spec = COMMAND_FLAGS[command];
  const options = { ...spec.options, ...extra } as Record<string, OptionSpec>;
  const lines = [`client-cert-conformance ${command}: ${spec.summary}`, ""];
  for (const [name, o] of Object.entries(options)) {
    const flag = `--${name}${o.valueName ? " " + o.valueName : ""}`;
    lines.push(`  ${flag.padEnd(28)} ${o.description}`);
  }
  return lines.join("\n");
}

/** A positive integer flag, or a UsageError saying which flag is wrong. */
export function intFlag(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number >= ${min} (got ${JSON.stringify(value)})`);
  return n;
}
