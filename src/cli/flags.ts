import { parseArgs, type ParseArgsConfig } from "node:util";
import { closest } from "../io/did-you-mean.ts";
import { UsageError } from "../io/usage-error.ts";

type OptionSpec = NonNullable<ParseArgsConfig["options"]>[string] & { description: string; valueName?: string };

/** Flags every command (and the bin itself) takes; `main` answers them before the command runs. */
export const COMMON_FLAGS = {
  help: { type: "boolean", short: "h", description: "print the command's flags and exit 0" },
  version: { type: "boolean", short: "v", description: "print the suite's name and version and exit 0" },
} satisfies Record<string, OptionSpec>;

/** The document to judge against: `run`, `record` and `validate` share them. */
const SPEC_OPTIONS = {
  spec: { type: "string", description: "OpenAPI document to judge against, JSON or YAML, the full upstream file or an excerpt (env CONFORMANCE_SPEC; default: the seed)", valueName: "FILE" },
  "spec-revision": { type: "string", description: "the document's upstream revision, recorded in the report (env CONFORMANCE_SPEC_REVISION)", valueName: "REV" },
} satisfies Record<string, OptionSpec>;

/** The flags of `run` (and `record`, which is `run` plus a cassette). */
const RUN_OPTIONS = {
  ...SPEC_OPTIONS,
  target: { type: "string", description: "recorded (default), live, or a base URL", valueName: "recorded|live|URL" },
  cassette: { type: "string", description: "what to replay: a cassette directory, or a HAR 1.2 file (env CONFORMANCE_CASSETTE)", valueName: "DIR|FILE.har" },
  zone: { type: "string", description: "zone under test (env CLOUDFLARE_ZONE_ID)", valueName: "ID" },
  certificate: { type: "string", multiple: true, description: "certificate id to read, repeatable (env CLOUDFLARE_CLIENT_CERTIFICATE_IDS)", valueName: "ID" },
  "other-zone": { type: "string", description: "a second zone the credentials can read, for the zone-scoping probes (env CLOUDFLARE_OTHER_ZONE_ID; default: the first other zone GET /zones lists, if any)", valueName: "ID" },
  out: { type: "string", description: "report directory (env CONFORMANCE_REPORT_DIR)", valueName: "DIR" },
  level: { type: "string", description: "lowest level that gates the verdict: must (default), should, may", valueName: "LEVEL" },
  seed: { type: "string", description: "seed of every property-based part", valueName: "N" },
  budget: { type: "string", description: "most requests sent to the target", valueName: "N" },
  rate: { type: "string", description: "most requests per second", valueName: "N" },
  concurrency: { type: "string", description: "most probes in flight at once, 1 to 64; order-dependent probes keep their order (default: URL and recorded 8, live 1)", valueName: "N" },
  timeout: { type: "string", description: "per-request timeout in milliseconds", valueName: "MS" },
  "max-time": { type: "string", description: "whole-run deadline in seconds, then a partial report with verdict error (default: live 900, URL 300, recorded none; 0: none)", valueName: "S" },
  "max-retry-after": { type: "string", description: "longest Retry-After waited for, in seconds; a longer one errors the probe as rate-limited (default 60)", valueName: "S" },
  proxy: { type: "string", description: "forward proxy for every request, e.g. http://proxy:3128 (default: HTTPS_PROXY / HTTP_PROXY, with NO_PROXY)", valueName: "URL" },
  ca: { type: "string", description: "PEM file of CA certificates to trust beside the system's (a target with a private CA)", valueName: "FILE" },
  insecure: { type: "boolean", description: "do not verify the target's TLS certificate (said in the report and on the console)" },
  cert: { type: "string", description: "PEM client certificate for mutual TLS, with --key", valueName: "FILE" },
  key: { type: "string", description: "PEM private key of --cert (never copied into any output)", valueName: "FILE" },
  header: { type: "string", multiple: true, description: "'Name: value' sent on every request, repeatable (env CONFORMANCE_HEADERS, one per line); values redacted everywhere", valueName: "'NAME: VALUE'" },
  burst: { type: "string", description: "reads sent at once at the end, past --rate, to see how the target turns requests away for their rate (default: URL 120, live and recorded 0; sized to the target's published RateLimit-Policy quota where that fits)", valueName: "N" },
  baseline: { type: "string", description: "known-deviation baseline file (the package's baselines/cloudflare-live.json is found from any folder; `baseline --from REPORT` starts one)", valueName: "FILE" },
  quiet: { type: "boolean", description: "no progress lines" },
} satisfies Record<string, OptionSpec>;

/** Every command's flags in one typed table (the CLI help is generated from it). */
export const COMMAND_FLAGS = {
  run: {
    summary: "run the conformance suites against a target, write the reports, exit with the verdict",
    options: {
      ...RUN_OPTIONS,
      include: { type: "string", multiple: true, description: "judge only these requirement ids or families (comma list, repeatable); the rest are reported as not selected, and probes that feed only them are not sent", valueName: "ID|FAMILY" },
      exclude: { type: "string", multiple: true, description: "do not judge these requirement ids or families (comma list, repeatable); reported as not selected", valueName: "ID|FAMILY" },
      "dry-run": { type: "boolean", description: "send nothing: print the plan, every probe with the requirements it feeds, and the most requests it sends; exit 0" },
      format: { type: "string", description: "text (default) or json: the report (or with --dry-run the plan) as one JSON document on standard output, everything else on standard error", valueName: "text|json" },
    },
  },
  record: {
    summary: "`run` that also saves every exchange, redacted, as a cassette in DIR (or a HAR file)",
    options: {
      ...RUN_OPTIONS,
      cassette: { type: "string", description: "where to write the recording (required): a cassette directory, or a HAR file with --format har", valueName: "DIR|FILE.har" },
      format: { type: "string", description: "cassette (default; har when --cassette ends in .har) or har: one HAR 1.2 file", valueName: "cassette|har" },
      anonymize: { type: "boolean", description: "map the zone identifier to a stable placeholder in paths, headers and bodies" },
      source: { type: "string", description: "what is being recorded, for the manifest (default: the target kind)", valueName: "TEXT" },
    },
  },
  validate: {
    summary: "validate recorded responses offline: JSON body, HAR, NDJSON, or cassette; - reads stdin",
    options: {
      profile: { type: "string", description: "spec (default) or strict", valueName: "spec|strict" },
      status: { type: "string", description: "response class of a bare JSON body: 200 or 4xx (default: from `success`)", valueName: "200|4xx" },
      format: { type: "string", description: "text (default) or json: one JSON document on standard output (every violation, the counts, the exit code)", valueName: "text|json" },
      jobs: { type: "string", description: "threads that check a large NDJSON or cassette, 1 to 64 (default: one a core; 1: this one only)", valueName: "N" },
      ...SPEC_OPTIONS,
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
      "print-env": { type: "boolean", description: "print `export NAME=value` lines for a shell instead of the JSON line (zone, generated credentials, CONFORMANCE_SERVE_URL, CONFORMANCE_SERVE_PID)" },
      background: { type: "boolean", description: "serve from a background process and exit once it is ready; stop it with kill $CONFORMANCE_SERVE_PID (or the JSON line's pid)" },
    },
  },
  extract: {
    summary: "regenerate schemas/ from the OpenAPI source",
    options: {
      source: { type: "string", description: "OpenAPI document (default: the package's schemas/source/openapi.json, from any folder)", valueName: "FILE" },
      operation: { type: "string", description: "operationId (default: the seed's)", valueName: "ID" },
      out: { type: "string", description: "output directory (default: the package's schemas/)", valueName: "DIR" },
      check: { type: "boolean", description: "fail if schemas/ is stale instead of writing" },
    },
  },
  requirements: {
    summary: "print the requirement registry",
    options: {
      format: { type: "string", description: "md (default) or json", valueName: "md|json" },
      spec: { type: "string", description: "add each place's JSON pointer and level in this OpenAPI document (default: places only)", valueName: "FILE" },
      "spec-revision": { type: "string", description: "the document's upstream revision, shown with it", valueName: "REV" },
      out: { type: "string", description: "write to FILE instead of standard output", valueName: "FILE" },
      check: { type: "boolean", description: "with --out: fail if FILE is stale instead of writing" },
    },
  },
  "spec-diff": {
    summary: "what changed in the operation between two OpenAPI documents, with the requirements each change touches; exit 1 when one touches a must requirement",
    options: {
      format: { type: "string", description: "text (default) or json", valueName: "text|json" },
      "old-revision": { type: "string", description: "the first document's upstream revision, shown beside it", valueName: "REV" },
      "new-revision": { type: "string", description: "the second document's upstream revision, shown beside it", valueName: "REV" },
    },
  },
  baseline: {
    summary: "start a known-deviation baseline from a report: one entry per failed requirement (the report's applied entries kept), for run --baseline",
    options: {
      from: { type: "string", description: "the report.json whose failures the baseline accepts (required)", valueName: "FILE" },
      out: { type: "string", description: "write the baseline to FILE, which must not exist (default: standard output)", valueName: "FILE" },
      expires: { type: "string", description: "last day the new entries apply (default: 90 days from today)", valueName: "YYYY-MM-DD" },
      reason: { type: "string", description: "why the target deviates, for every new entry (default: where the failure was found, to be replaced)", valueName: "TEXT" },
      link: { type: "string", description: "where the deviations are tracked, for every new entry", valueName: "URL" },
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

/** A negative number given as a flag's value (`--seed -1`): a value, not a flag. */
const NEGATIVE_NUMBER = /^-\d/;

/**
 * Checks argv against the table before `parseArgs` sees it, so every mistake is one line that
 * names the fix: an unknown flag (with the closest known one), a missing value, a value given
 * to a switch. A value that looks like a negative number is the flag's value (`--seed -1` reads
 * as `--seed=-1`, which the flag's own check then judges).
 */
function checkedArgv(command: string, argv: string[], options: Record<string, OptionSpec>): string[] {
  const help = `(see: client-cert-conformance ${command} --help)`;
  const names = Object.keys(options);
  const shorts = new Map(Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (arg === "-" || !arg.startsWith("-") || NEGATIVE_NUMBER.test(arg)) {
      out.push(arg);
      continue;
    }
    const [flag, inline] = arg.startsWith("--") ? [arg.slice(2).split("=")[0]!, arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : undefined] : [shorts.get(arg.slice(1)) ?? `-${arg.slice(1)}`, undefined];
    const spec = options[flag];
    if (!spec) {
      const typed = flag.replace(/^-+/, "");
      const suggestion = closest(typed, names);
      throw new UsageError(`unknown flag ${arg.split("=")[0]}${suggestion ? `; did you mean --${suggestion}?` : ""} ${help}`);
    }
    if (spec.type === "boolean") {
      if (inline !== undefined) throw new UsageError(`--${flag} is a switch and takes no value (got ${JSON.stringify(arg)}) ${help}`);
      out.push(`--${flag}`);
      continue;
    }
    const value = inline ?? argv[i + 1];
    const valueName = spec.valueName ?? "VALUE";
    if (value === undefined) throw new UsageError(`--${flag} needs a value: --${flag} ${valueName} ${help}`);
    if (inline === undefined) {
      if (value.startsWith("-") && value !== "-" && !NEGATIVE_NUMBER.test(value)) {
        throw new UsageError(`--${flag} needs a value, got the flag ${JSON.stringify(value)}; write --${flag}=${value} if that is the value ${help}`);
      }
      i++;
    }
    out.push(`--${flag}=${value}`);
  }
  return out;
}

/** Parses one command's flags; a mistake is a UsageError naming the fix and the command's help. */
export function parseCommandFlags<C extends CommandName>(command: C, argv: string[], extra: Record<string, OptionSpec> = {}): { values: FlagValues<C> & Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  const options = { ...COMMON_FLAGS, ...COMMAND_FLAGS[command].options, ...extra } as Record<string, OptionSpec>;
  const args = checkedArgv(command, argv, options);
  const parseOptions = Object.fromEntries(Object.entries(options).map(([k, { description: _d, valueName: _v, ...o }]) => [k, o]));
  try {
    const { values, positionals } = parseArgs({ args, options: parseOptions, allowPositionals: true, strict: true });
    return { values: values as FlagValues<C> & Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (e) {
    // checkedArgv has caught what parseArgs would; this is the backstop.
    throw new UsageError(`${(e as Error).message.split("\n")[0]} (see: client-cert-conformance ${command} --help)`);
  }
}

/** Help text for one command, generated from the table. */
export function commandHelp(command: CommandName, extra: Record<string, OptionSpec> = {}): string {
  const spec = COMMAND_FLAGS[command];
  const options = { ...spec.options, ...extra, ...COMMON_FLAGS } as Record<string, OptionSpec>;
  const lines = [`client-cert-conformance ${command}: ${spec.summary}`, ""];
  for (const [name, o] of Object.entries(options)) {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${o.valueName ? " " + o.valueName : ""}`;
    lines.push(`  ${flag.padEnd(28)} ${o.description}`);
  }
  return lines.join("\n");
}

// The value checks live below the commands, where src/run reads the flags too.
export { intFlag, MAX_SEED } from "../io/flag-values.ts";
