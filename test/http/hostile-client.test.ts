import net from "node:net";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { ConformanceClient, type ConformanceClientOptions } from "../../src/http/client.ts";
import { closedPort, startServer, type LocalServer } from "./local-server.ts";

/** Hostile and broken targets, one behaviour each, against the one client (127.0.0.1, short timeouts). */

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<LocalServer> {
  const server = await startServer(handler);
  closers.push(() => server.close());
  return server;
}

/** A raw TCP server: for answers that are not HTTP, or HTTP cut off mid-way. */
async function rawServer(onData: (socket: net.Socket) => void): Promise<string> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once("data", () => onData(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
}

function client(baseUrl: string, options: Partial<ConformanceClientOptions> = {}) {
  return new ConformanceClient({ baseUrl, credentials: { token: "hostile-test-token-0123456789" }, timeoutMs: 300, maxRetries: 0, sleep: async () => {}, ...options });
}

describe("an unanswered request says why, by kind", () => {
  it.each([
    ["timeout", "no answer at all", async () => (await serve(() => {})).baseUrl, /^timed out after 300 ms: no complete response$/],
    ["timeout", "a body that trickles", async () => (await serve((_q, res) => { res.writeHead(200); const t = setInterval(() => res.write(" "), 20); res.on("close", () => clearInterval(t)); })).baseUrl, /^timed out after 300 ms: .*headers and \d+ body bytes arrived/],
    ["refused", "nothing listening", async () => `http://127.0.0.1:${await closedPort()}/client/v4`, /^nothing answered: .*ECONNREFUSED/],
    ["reset", "a reset connection", () => rawServer((s) => s.resetAndDestroy()), /^the connection was reset or closed before a complete response: .*ECONNRESET/],
    ["not-http", "an answer that is not HTTP", () => rawServer((s) => s.end("SSH-2.0-OpenSSH_9.6\r\n")), /^the answer is not HTTP\/1\.1: .*HPE_/],
    ["truncated", "a body shorter than its Content-Length", () => rawServer((s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"a\":")), /^the body ended after 5 of its declared 100 bytes/],
  ] as const)("%s: %s", async (kind, _what, target, message) => {
    const exchange = await client(await target()).get("/x");
    expect(exchange.error?.kind).toBe(kind);
    expect(exchange.error?.message).toMatch(message);
  });
});

describe("waiting is bounded", () => {
  it("a stop (--max-time, Ctrl-C) ends the request in flight as stopped, and nothing more is sent", async () => {
    const server = await serve(() => {});
    const stop = new AbortController();
    const c = client(server.baseUrl, { timeoutMs: 30_000, stop: stop.signal });
    const pending = c.get("/hangs");
    setTimeout(() => stop.abort(new Error("stopped at the run's --max-time of 1 s")), 50);
    const exchange = await pending;
    expect(exchange.error).toEqual({ kind: "stopped", message: "stopped before a complete response: stopped at the run's --max-time of 1 s" });
    const next = await c.get("/next");
    expect(next.error?.message).toBe("not sent: stopped at the run's --max-time of 1 s");
    expect(server.seen.length).toBe(1);
  });

  it("a stop ends a Retry-After wait the cap allows", async () => {
    const server = await serve((_q, res) => { res.writeHead(429, { "retry-after": "30" }); res.end("{}"); });
    const stop = new AbortController();
    const waits: number[] = [];
    const c = new ConformanceClient({
      baseUrl: server.baseUrl, credentials: {}, timeoutMs: 1000, stop: stop.signal,
      onWait: (w) => { waits.push(w.ms); setTimeout(() => stop.abort(new Error("interrupted by SIGINT")), 20); },
    });
    const exchange = await c.get("/x"); // would wait 30 s twice without the stop
    expect(waits).toEqual([30_000]);
    expect(exchange.response?.status).toBe(429);
    expect(server.seen.length).toBe(1);
  });
});

describe("memory is bounded", () => {
  const cap = 256 * 1024;

  it("an endless body is read to the limit, kept cut at a small prefix, the rest never read", async () => {
    const server = await serve((_q, res) => { res.writeHead(200, { "content-type": "application/json" }); const chunk = Buffer.alloc(64 * 1024, 0x20); const pump = () => { while (res.write(chunk)); res.once("drain", pump); }; pump(); });
    const exchange = await client(server.baseUrl, { maxBodyBytes: cap, keptBytesWhenCut: 1024, timeoutMs: 2000 }).get("/endless");
    expect(exchange.error).toBeUndefined();
    expect(exchange.response).toMatchObject({ truncated: true, cutAtBytes: cap });
    expect(exchange.response!.body.length).toBe(1024);
  });

  it("a body that declares a length past the limit is cut without reading it", async () => {
    let written = 0;
    const server = await serve((_q, res) => {
      res.writeHead(200, { "content-length": String(200 * 1024 * 1024) });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => { while (written < 200 * 1024 * 1024 && res.write(chunk)) written += chunk.length; if (!res.destroyed) res.once("drain", pump); };
      pump();
    });
    const exchange = await client(server.baseUrl, { maxBodyBytes: cap, keptBytesWhenCut: 1024, timeoutMs: 2000 }).get("/declared");
    expect(exchange.response).toMatchObject({ truncated: true, cutAtBytes: cap });
    expect(written).toBeLessThan(64 * 1024 * 1024); // the connection was dropped long before
  });

  it("a gzip bomb is bounded by its decompressed size", async () => {
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024)); // 16 KiB on the wire, 16 MiB inflated; sent 32 times
    const server = await serve((_q, res) => { res.writeHead(200, { "content-encoding": "gzip" }); for (let i = 0; i < 32; i++) res.write(member); res.end(); });
    const exchange = await client(server.baseUrl, { maxBodyBytes: cap, keptBytesWhenCut: 1024, timeoutMs: 2000 }).get("/bomb");
    expect(exchange.error).toBeUndefined();
    expect(exchange.response).toMatchObject({ truncated: true, cutAtBytes: cap, headers: { "content-encoding": "gzip" } });
    expect(exchange.response!.body).toBe("\u0000".repeat(1024));
  });

  it("the run's read budget: once spent, a long body is kept cut with a budget error, a short one is still judged", async () => {
    const server = await serve((req, res) => { res.writeHead(200); res.end(req.url!.endsWith("/long") ? " ".repeat(40 * 1024) : "{}"); });
    const c = client(server.baseUrl, { maxBodyBytes: cap, keptBytesWhenCut: 1024, maxTotalBodyBytes: 100 * 1024, timeoutMs: 2000 });
    for (let i = 0; i < 2; i++) expect((await c.get("/long")).error).toBeUndefined();
    const third = await c.get("/long");
    expect(third.error?.kind).toBe("budget");
    expect(third.response?.body.length).toBe(1024);
    expect(third.response?.truncated).toBeUndefined(); // not judged too large: its size is unknown
    const small = await c.get("/small");
    expect(small.error).toBeUndefined();
    expect(small.response?.body).toBe("{}");
  });
});

describe("bytes that are not UTF-8", () => {
  it("are noted on the response; a multibyte character cut at the limit is not", async () => {
    const server = await serve((req, res) => {
      res.writeHead(200);
      res.end(req.url!.endsWith("/bad") ? Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) : Buffer.concat([Buffer.alloc(1023, 0x20), Buffer.from("é".repeat(1000))]));
    });
    const c = client(server.baseUrl, { maxBodyBytes: 1024, keptBytesWhenCut: 1024 });
    expect((await c.get("/bad")).response).toMatchObject({ invalidUtf8: true, body: "{\ufffd(}" });
    const cut = (await c.get("/cut-in-a-character")).response!;
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.invalidUtf8).toBeUndefined();
  });
});
