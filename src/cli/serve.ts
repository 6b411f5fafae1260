import { intFlag, parseCommandFlags } from "./flags.ts";
import { UsageError } from "./usage-error.ts";
import {
  CREDENTIAL_ENV, DEFAULT_RATE, FAULTS, faultsByName, optionsFromEnvironment, ReferenceConfigError, startReferenceServer, UnknownFaultError, type Fault,
} from "../reference/index.ts";

export const DEFAULT_PORT = 8787;

/** The catalogue as text: one fault a line (name, what it must trip, what it does). */
export function faultListing(faults: readonly Fault[] = FAULTS): string {
  const width = Math.max(...faults.map((f) => f.name.length));
  return faults
    .map((f) => `${f.name.padEnd(width)}  ${f.trips.join(",")}${f.expect === "errored" ? " (errored)" : ""}  ${f.description}`)
    .join("\n");
}

/**
 * `serve`: the reference implementation on 127.0.0.1 until SIGINT/SIGTERM. Prints one
 * JSON line when ready: base URL, zones, certificate ids, and the credentials to use:
 * generated ones by value (they are made up), supplied ones only by variable name.
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
    faultsByName(faultNames);
  } catch (e) {
    if (e instanceof UnknownFaultError) throw new UsageError(`${e.message} (serve --list-faults describes them)`);
    throw e;
  }
  const port = intFlag("port", values.port, DEFAULT_PORT, 0);
  if (port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535 (got ${values.port})`);
  const rate = intFlag("rate", values.rate, DEFAULT_RATE, 0);
  const seed = values.seed === undefined ? undefined : intFlag("seed", values.seed, 0, 0);

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
  console.log(JSON.stringify({
    baseUrl: server.baseUrl,
    zone: server.zoneId,
    otherZone: server.otherZoneId,
    certificates: server.certificateIds,
    otherZoneCertificates: server.otherZoneCertificateIds,
    credentials: { env, fromEnvironment },
    faults: server.faults,
  }));

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  return 0;
}
