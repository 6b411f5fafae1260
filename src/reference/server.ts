import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { resolveConfig, type CredentialName, type ReferenceCredentials, type ReferenceOptions } from "./config.ts";
import { buildStore, zoneRecords } from "./certificates.ts";
import { ERRORS, failureEnvelope } from "./envelopes.ts";
import { faultHooksByName } from "./faults/index.ts";
import { handle, internalErrorReply, type HandlerState } from "./handler.ts";
import { WindowRateLimiter } from "./rate-limit.ts";
import { BASE_PATH } from "./routing.ts";
import type { Reply } from "./faults/types.ts";

/** A running reference server. */
export interface ReferenceServer {
  /** `http://127.0.0.1:<port>/client/v4`: append the operation path. */
  baseUrl: string;
  port: number;
  zoneId: string;
  otherZoneId: string;
  /** The zone under test's certificates (at least one per status from 4 on), as the list returns them. */
  certificateIds: string[];
  /** The other zone's certificates. */
  otherZoneCertificateIds: string[];
  /** The credentials it accepts (supplied or generated). */
  credentials: Required<ReferenceCredentials>;
  /** Which credentials were generated (made up, printable) rather than supplied. */
  generated: CredentialName[];
  /** The active faults, in order. */
  faults: string[];
  /** Stops listening and drops every connection, also requests a fault keeps hanging. */
  close(): Promise<void>;
}

export interface ServerHooks {
  /** Called with a bug of the reference (the request got a 500). Default: one line on stderr. */
  onInternalError?: (error: unknown, method: string, path: string) => void;
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.hang) return; // a fault: nothing is ever written; close() destroys the socket
  if (reply.reset) return void res.socket?.resetAndDestroy(); // a fault: TCP RST, no answer
  if (reply.raw !== undefined) {
    // A fault that writes its own bytes: nothing of Node's serialisation, then the connection ends (or stays).
    const socket = res.socket;
    if (!socket) return;
    // A second request on a connection a fault already ended: nothing can be written, the connection goes.
    if (!socket.writable) return void socket.destroy();
    socket.write(typeof reply.raw === "string" ? Buffer.from(reply.raw, "latin1") : reply.raw);
    if (!reply.keepOpen) socket.end();
    return;
  }
  const body = Buffer.from(reply.body, "utf8");
  res.writeHead(reply.status, { ...reply.headers, "content-length": String(body.length) });
  res.end(body);
}

/** A request Node's HTTP parser refused (bad header bytes, header overflow): still a JSON failure envelope, with a Date as every 4xx has (RFC 9110 §6.6.1). */
function clientErrorResponse(err: NodeJS.ErrnoException): string {
  const headerError = /HEADER/.test(err.code ?? "");
  const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
  const body = JSON.stringify(failureEnvelope(headerError ? { code: 6003, message: "Invalid request headers" } : ERRORS.badRequest()));
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\ndate: ${new Date().toUTCString()}\r\nconnection: close\r\n\r\n${body}`;
}

/**
 * Starts the reference implementation on 127.0.0.1: the details and list operations under
 * /client/v4, Cloudflare's refusals, a rate limit, and the named faults.
 * @throws ReferenceConfigError on a bad option, UnknownFaultError on an unknown fault name.
 */
export async function startReferenceServer(opts: ReferenceOptions = {}, serverHooks: ServerHooks = {}): Promise<ReferenceServer> {
  const config = resolveConfig(opts);
  const faults = [...faultHooksByName(opts.faults ?? []), ...(opts.customFaults ?? [])];
  const hooks = faults.map((f) => f.apply);
  const store = buildStore(config, await zoneRecords(config), hooks);
  const state: HandlerState = { config, store, limiter: new WindowRateLimiter(config.rate), hooks };
  const onInternalError = serverHooks.onInternalError
    ?? ((error: unknown, method: string, path: string) => console.error(`reference: internal error answering ${method} ${path.slice(0, 200)}: ${(error as Error)?.stack ?? error}`));

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    const target = req.url ?? "/";
    let reply: Reply;
    try {
      reply = handle(state, { method, target, headers: req.headers, rawHeaders: req.rawHeaders, httpVersion: req.httpVersion });
    } catch (error) {
      onInternalError(error, method, target);
      reply = internalErrorReply();
    }
    try {
      send(res, reply);
    } catch (error) {
      onInternalError(error, method, target);
      if (!res.headersSent) send(res, internalErrorReply());
      else res.destroy();
    }
  });
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
    socket.end(clientErrorResponse(err));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`,
    port,
    zoneId: config.zoneId,
    otherZoneId: config.otherZoneId,
    certificateIds: store.certificates(config.zoneId).map((c) => c.id),
    otherZoneCertificateIds: store.certificates(config.otherZoneId).map((c) => c.id),
    credentials: { ...config.credentials },
    generated: [...config.generated],
    faults: faults.map((f) => f.name),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
