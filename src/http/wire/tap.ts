/**
 * A tap on the bytes node:http receives: a `createConnection` for `http.request`/`https.request`
 * options that opens the socket itself (node:net, or node:tls with the options https would use)
 * and feeds every chunk the socket reads into a WireJudge, before node:http's own parser sees it.
 * node:http reads the very same socket and chunks.
 *
 * When llhttp refuses an answer, node:http destroys the socket at once; the tap then keeps the
 * connection open for up to `lingerMs` (unreferenced, so it holds no process open) while the judge
 * is in the middle of an answer, so that the rest of a badly framed answer is still read and
 * judged. A close by node:http is never mistaken for a close by the server.
 *
 * Without an agent, node:http takes port 80 for any URL without one: give `https` requests their
 * `port` (or `defaultPort: 443`).
 */
import net from "node:net";
import tls from "node:tls";
import type { ClientRequestArgs } from "node:http";
import type { Duplex } from "node:stream";
import type { WireJudge } from "./judge.ts";

export type CreateConnection = NonNullable<ClientRequestArgs["createConnection"]>;

export interface TapOptions {
  /** Force TLS (true) or TCP (false); by default TLS when the options' protocol is "https:" (or https.request made them). */
  tls?: boolean;
  /** How long to read on after node:http gives up mid-answer (default 1000 ms; 0: not at all). */
  lingerMs?: number;
}

/** Errors that mean the peer ended the connection (abruptly): the judge sees them as a close. */
const PEER_CLOSED = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

type ConnectOptions = ClientRequestArgs & tls.ConnectionOptions & { _defaultAgent?: { protocol?: string } };

function isTls(options: ConnectOptions, forced: boolean | undefined): boolean {
  return forced ?? (options.protocol ?? options._defaultAgent?.protocol) === "https:";
}

/** Opens the socket as node:http (or https's agent) would. */
function open(options: ConnectOptions, secure: boolean): net.Socket {
  const host = options.host ?? options.hostname ?? "localhost";
  const port = Number(options.port ?? (secure ? 443 : 80));
  const common = { ...options, host, port, path: undefined };
  if (!secure) return net.connect(common as net.NetConnectOpts);
  // As https.Agent: SNI with the host name, never with an IP address.
  const servername = options.servername ?? (net.isIP(host) ? undefined : host);
  return tls.connect({ ...common, ...(servername ? { servername } : {}) } as tls.ConnectionOptions);
}

/**
 * A `createConnection` that feeds what the connection receives into `judge`: `end()` when the
 * server closes (or resets) it, never when node:http closes it.
 */
export function tappedConnection(judge: WireJudge, tapOptions: TapOptions = {}): CreateConnection {
  const lingerMs = tapOptions.lingerMs ?? 1000;
  return (options: ClientRequestArgs): Duplex => {
    const socket = open(options as ConnectOptions, isTls(options as ConnectOptions, tapOptions.tls));
    let peerEnded = false;
    let lingering: NodeJS.Timeout | undefined;
    const realDestroy = socket.destroy.bind(socket);
    const destroyNow = (error?: Error): void => {
      if (lingering) clearTimeout(lingering);
      realDestroy(error);
    };
    const peerEnd = (): void => {
      if (peerEnded) return;
      peerEnded = true;
      judge.end();
    };

    socket.on("data", (chunk: Buffer) => {
      judge.push(chunk);
      if (lingering && !judge.midAnswer) destroyNow();
    });
    socket.on("end", () => {
      peerEnd();
      if (lingering) destroyNow();
    });
    // While lingering, node:http's listeners may be gone: an error must not go unhandled.
    socket.on("error", () => {});
    socket.destroy = (error?: Error) => {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (code && PEER_CLOSED.has(code)) peerEnd();
      if (lingering) return socket;
      if (!peerEnded && lingerMs > 0 && judge.midAnswer && !socket.destroyed) {
        // node:http gave up (an answer llhttp refuses, or the caller's own end): read on a while.
        lingering = setTimeout(() => destroyNow(), lingerMs).unref();
        socket.unref();
        return socket;
      }
      destroyNow(error);
      return socket;
    };
    return socket;
  };
}
