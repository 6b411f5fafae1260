/** A throwaway HTTP server on 127.0.0.1 (port 0) for the HTTP client tests. */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the server saw of one request. */
export interface SeenRequest {
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A running test server. */
export interface LocalServer {
  /** e.g. `http://127.0.0.1:12345/client/v4` */
  baseUrl: string;
  port: number;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a server answering every request with `handler` (after logging it in `seen`). */
export async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, index: number) => void,
): Promise<LocalServer> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    handler(req, res, seen.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (a server was bound there and closed). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A JSON answer. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
