import { intFlag, MAX_SEED, parseCommandFlags } from "./flags.ts";
import { announceReady, serveInBackground } from "./serve-background.ts";
import { UsageError } from "../io/usage-error.ts";
import {
  CREDENTIAL_ENV, DEFAULT_RATE, FAULTS, faultHooksByName, optionsFromEnvironment, ReferenceConfigError, startReferenceServer, UnknownFaultError, type Fault,
} from "../reference/index.ts";

export const DEFAULT_PORT = 8787;

/** The catalogue as text: one fault a line (name, what it must trip, what it does). */
export function faultListing(faults: readonly Fault[] = FAULTS): string {
  const width = Math.max(...faults.map((f) => f.name.length));
  return faults
    .map((f) => `${f.name.padEnd(width)}  ${f.trips.join(",")}${f.expect === "errored" ? " (errored)" : ""}  ${f.description}`)
    .join("\n");
}

/** What `serve` prints when ready (the JSON line's fields). */
interface ReadyInfo {
  baseUrl: string;
  zone: string;
  /** The reference's second zone (exported as CLOUDFLARE_OTHER_ZONE_ID, for the zone-scoping probes). */
  otherZone?: string;
  credentials: { env: Record<string, string>; fromEnvironment: string[] };
  pid: number;
  [field: string]: unknown;
}

/** A value quoted for a POSIX shell: inside single quotes, where only `'` itself needs care. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * `export NAME=value` lines for `eval "$(client-cert-conformance serve --background --print-env)"`:
 * the zone, the generated credentials (supplied ones are already in the caller's environment and
 * are never printed), where it serves and the pid to stop it with.
 */
export function envLines(info: ReadyInfo, log?: string): string {
  const vars: [string, string][] = [
    ["CONFORMANCE_SERVE_URL", info.baseUrl],
    ["CONFORMANCE_SERVE_PID", String(info.pid)],
    ...(log ? [["CONFORMANCE_SERVE_LOG", log] as [string, string]] : []),
    ["CLOUDFLARE_ZONE_ID", info.zone],
    ...(info.otherZone ? [["CLOUDFLARE_OTHER_ZONE_ID", info.otherZone] as [string, string]] : []),
    ...Object.entries(info.credentials.env),
  ];
  return vars.map(([name, value]) => `export ${name}=${shellQuote(value)}`).join("\n");
}

/** The command line of the background server: the same flags but the two that shape this process's output. */
function backgroundArgs(argv: string[]): string[] {
  return argv.filter((a) => a !== "--background" && a !== "--print-env");
}

/**
 * `serve`: the reference implementation on 127.0.0.1 until SIGINT/SIGTERM. Prints one
 * JSON line when ready: base URL, zones, certificate ids, its pid, and the credentials to
 * use: generated ones by value (they are made up), supplied ones only by variable name.
 * `--print-env` prints shell `export` lines instead; `--background` returns once a
 * detached server is ready (stop it with `kill $CONFORMANCE_SERVE_PID`).
 */
export default async function serve(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandFlags("serve", argv);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (see: client-cert-conformance serve --help)`);
  if (values["list-faults"]) {
    console.log(faultListing());
    return 0;
  }
  const faultNames = values.fault ?? [];
  try {
    faultHooksByName(faultNames);
  } catch (e) {
    if (e instanceof UnknownFaultError) throw new UsageError(`${e.message} (serve --list-faults describes them)`);
    throw e;
  }
  const port = intFlag("port", values.port, DEFAULT_PORT, 0, 65535);
  const rate = intFlag("rate", values.rate, DEFAULT_RATE, 0);
  const seed = values.seed === undefined ? undefined : intFlag("seed", values.seed, 0, 0, MAX_SEED);

  if (values.background) {
    const started = await serveInBackground(backgroundArgs(argv));
    if (!started.ready) {
      if (started.output) console.error(started.output);
      return started.code;
    }
    const info = started.info as ReadyInfo;
    console.log(values["print-env"] ? envLines(info, started.log) : JSON.stringify({ ...info, log: started.log }));
    process.stderr.write(`serving ${info.baseUrl} in the background (pid ${info.pid}); stop it with: kill ${info.pid}\n`);
    return 0;
  }

  let server;
  try {
    server = await startReferenceServer({ ...optionsFromEnvironment(process.env), port, rate, faults: faultNames, ...(seed !== undefined ? { seed } : {}) });
  } catch (e) {
    if (e instanceof ReferenceConfigError) throw new UsageError(e.message);
    if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") throw new UsageError(`port ${port} is in use: pick another with --port N (0 picks a free one)`);
    throw e;
  }
  const env: Record<string, string> = {};
  const fromEnvironment: string[] = [];
  for (const name of Object.keys(CREDENTIAL_ENV) as (keyof typeof CREDENTIAL_ENV)[]) {
    if (server.generated.includes(name)) env[CREDENTIAL_ENV[name]] = server.credentials[name];
    else fromEnvironment.push(CREDENTIAL_ENV[name]);
  }
  const info: ReadyInfo = {
    baseUrl: server.baseUrl,
    zone: server.zoneId,
    otherZone: server.otherZoneId,
    certificates: server.certificateIds,
    otherZoneCertificates: server.otherZoneCertificateIds,
    credentials: { env, fromEnvironment },
    faults: server.faults,
    pid: process.pid,
  };
  console.log(values["print-env"] ? envLines(info) : JSON.stringify(info));
  announceReady(info);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  return 0;
}
