import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface CountingServer {
  /** `http://127.0.0.1:PORT/client/v4`. */
  baseUrl: string;
  /** Requests received so far. */
  readonly count: number;
  /** The requests' headers, in order. */
  readonly headers: IncomingMessage["headers"][];
  close(): Promise<void>;
}

/**
 * A target on 127.0.0.1 that refuses everything with a 404 failure envelope and counts the
 * requests it gets; `onRequest(n)` is called with each one's number (1, 2, ...) before it answers.
 */
export async function startCountingServer(onRequest: (n: number) => void = () => undefined): Promise<CountingServer> {
  let count = 0;
  const headers: IncomingMessage["headers"][] = [];
  const server = createServer((req, res) => {
    count++;
    headers.push(req.headers);
    onRequest(count);
    const body = JSON.stringify({ success: false, errors: [{ code: 1000, message: "not found" }], messages: [], result: null });
    res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(body), date: new Date().toUTCString() });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    get count() { return count; },
    headers,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
