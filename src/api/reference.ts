import { ReferenceConfigError, startReferenceServer as startServer, UnknownFaultError as CatalogueUnknownFault, type ReferenceServer as Server } from "../reference/index.ts";
import { ConformanceOptionsError, UnknownFaultError } from "./errors.ts";
import type { FaultName } from "./fault-names.ts";
import type { ConformanceCredentials } from "./run.ts";

export interface ReferenceServerOptions {
  /** Port on 127.0.0.1 (default 0: a free one). */
  port?: number;
  /** Faults from the catalogue (`FAULTS`, `client-cert-conformance serve --list-faults`), applied in order; the blind catalogue's as `blind/NAME`. */
  faults?: readonly FaultName[];
  /** The credentials it accepts; generated (test values) where absent. */
  credentials?: ConformanceCredentials;
  /** Seed of the generated zone, certificates and credentials (default 1). */
  seed?: number;
  /** Requests per second before it answers 429 (default 0 here: no limit, for tests). */
  rate?: number;
}

/** A running reference implementation: everything `runConformance` (or a client under test) needs to talk to it. */
export interface ReferenceServerHandle {
  /** e.g. `http://127.0.0.1:40123/client/v4`. */
  baseUrl: string;
  zone: string;
  /** The zone's certificate ids, as its list operation returns them. */
  certificates: string[];
  /** The credentials it accepts, in the shape `runConformance` takes. */
  credentials: Required<ConformanceCredentials>;
  faults: FaultName[];
  /** Stops it and drops every connection. */
  close(): Promise<void>;
}

/**
 * Starts the reference implementation of the operation (`serve`) in this process, with faults
 * if asked: for a team's own tests of its client against the reference and each deviation.
 * @throws UnknownFaultError (a ConformanceOptionsError) for a fault name the catalogue lacks;
 *   ConformanceOptionsError for another bad option (a port out of range, malformed credentials);
 *   the system error of `listen` (EADDRINUSE, EACCES) when the port cannot be had.
 */
export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<ReferenceServerHandle> {
  const { credentials } = options;
  let server: Server;
  try {
    server = await startServer({
      port: options.port ?? 0, faults: [...(options.faults ?? [])], rate: options.rate ?? 0,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      credentials: { ...(credentials?.token ? { token: credentials.token } : {}), ...(credentials?.email ? { email: credentials.email } : {}), ...(credentials?.key ? { apiKey: credentials.key } : {}) },
    });
  } catch (e) {
    // The library's errors, so a caller catches one class for every bad option (docs/API.md, Errors).
    if (e instanceof CatalogueUnknownFault) throw new UnknownFaultError(e.names, `${e.message} (FAULTS lists them)`);
    if (e instanceof ReferenceConfigError) throw new ConformanceOptionsError(e.message);
    throw e;
  }
  return {
    baseUrl: server.baseUrl, zone: server.zoneId, certificates: [...server.certificateIds],
    credentials: { token: server.credentials.token, email: server.credentials.email, key: server.credentials.apiKey },
    faults: [...server.faults] as FaultName[], close: () => server.close(),
  };
}
