import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ConformanceClient, type ConformanceClientOptions } from "../../src/http/client.ts";
import { closedPort, sendJson, startServer, type LocalServer } from "./local-server.ts";

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, index: number) => void) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

/** A client whose sleeps are recorded instead of waited. */
function clientFor(baseUrl: string, options: Partial<ConformanceClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = new ConformanceClient({
    baseUrl,
    credentials: { token: "a-realistic-test-token" },
    timeoutMs: 200,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { client, sleeps };
}

describe("timeouts", () => {
  it("a server that never answers ends as timeout", async () => {
    const server = await serve(() => {});
    const { client } = clientFor(server.baseUrl);
    const exchange = await client.get("/never");
    expect(exchange.error?.kind).toBe("timeout");
    expect(exchange.response).toBeUndefined();
    expect(exchange.attempts).toBe(1); // timeouts are not retried
  });

  it.each([
    ["fetch", "/z/hangs"],
    ["node:http (verbatim target)", "/z/../hangs"],
  ])("a server that sends headers then hangs mid-body ends as timeout (%s)", async (_via, path) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"partial":');
    });
    const { client } = clientFor(server.baseUrl);
    const exchange = await client.get(path);
    expect(exchange.error?.kind).toBe("timeout");
    expect(exchange.response).toMatchObject({ status: 200, body: '{"partial":' });
  });
});

describe("retries", () => {
  it("retries a refused connection up to maxRetries", async () => {
    const { client, sleeps } = clientFor(`http://127.0.0.1:${await closedPort()}/client/v4`);
    const exchange = await client.get("/x");
    expect(exchange.error?.kind).toBe("refused");
    expect(exchange.error?.message).toMatch(/^nothing answered: .*ECONNREFUSED/);
    expect(exchange.attempts).toBe(3);
    expect(client.requestsSent).toBe(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it.each([
    ["fetch", "/reset"],
    ["node:http (verbatim target)", "/a/../reset"],
  ])("retries a reset connection and succeeds (%s)", async (_via, path) => {
    const server = await serve((req, res, index) => {
      if (index < 2) req.socket.destroy();
      else sendJson(res, 200, { ok: true });
    });
    const { client } = clientFor(server.baseUrl);
    const exchange = await client.get(path);
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.status).toBe(200);
    expect(exchange.attempts).toBe(3);
    expect(server.seen.length).toBe(3);
  });

  it("does not retry a 5xx by default", async () => {
    const server = await serve((_req, res) => sendJson(res, 503, { success: false }));
    const { client } = clientFor(server.baseUrl);
    const exchange = await client.get("/x");
    expect(exchange.response?.status).toBe(503);
    expect(exchange.attempts).toBe(1);
    expect(server.seen.length).toBe(1);
  });

  it("retries a 5xx with retryOn5xx", async () => {
    const server = await serve((_req, res, index) => sendJson(res, index < 2 ? 502 : 200, {}));
    const { client, sleeps } = clientFor(server.baseUrl);
    const exchange = await client.get("/x", { retryOn5xx: true });
    expect(exchange.response?.status).toBe(200);
    expect(exchange.attempts).toBe(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it("gives up after maxRetries and keeps the last answer", async () => {
    const server = await serve((_req, res) => sendJson(res, 500, {}));
    const { client } = clientFor(server.baseUrl, { maxRetries: 1 });
    const exchange = await client.get("/x", { retryOn5xx: true });
    expect(exchange.response?.status).toBe(500);
    expect(exchange.attempts).toBe(2);
    expect(server.seen.length).toBe(2);
  });

  it("honours Retry-After seconds on 429", async () => {
    const server = await serve((_req, res, index) =>
      index === 0 ? sendJson(res, 429, {}, { "retry-after": "1" }) : sendJson(res, 200, {}),
    );
    const { client, sleeps } = clientFor(server.baseUrl);
    const exchange = await client.get("/x");
    expect(exchange.response?.status).toBe(200);
    expect(exchange.attempts).toBe(2);
    expect(sleeps).toEqual([1000]);
  });

  it("honours a Retry-After date within the cap, and does not wait for one beyond it", async () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const server = await serve((_req, res, index) => {
      if (index === 0) sendJson(res, 429, {}, { "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" });
      else if (index === 1) sendJson(res, 429, {}, { "retry-after": "3600" });
      else sendJson(res, 200, {});
    });
    const waits: string[] = [];
    const { client, sleeps } = clientFor(server.baseUrl, { now: () => now, retryAfterCapMs: 60_000, onWait: (w) => void waits.push(`${w.ms}: ${w.why}`) });
    const exchange = await client.get("/x");
    expect(sleeps).toEqual([5000]);
    expect(waits).toEqual(["5000: the target answered 429 and asked to wait 5 s (Retry-After)"]);
    expect(exchange.response?.status).toBe(429); // kept as evidence, but not judged: the error says why
    expect(exchange.error).toEqual({
      kind: "rate-limited",
      message: "the target answered 429 and asked to wait 3600 s (Retry-After), longer than the 60 s the suite waits (--max-retry-after): not waited for",
    });
    expect(server.seen.length).toBe(2);
  });
});

describe("budget", () => {
  it("refuses the request after the budget, without sending it", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const { client } = clientFor(server.baseUrl, { budget: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await client.get(`/x${i}`)).response?.status);
    const last = client.exchanges[3]!;
    expect(statuses).toEqual([200, 200, 200, undefined]);
    expect(last.error?.kind).toBe("budget");
    expect(last.attempts).toBe(0);
    expect(server.seen.length).toBe(3);
    expect(client.requestsSent).toBe(3);
    expect(client.budgetRemaining).toBe(0);
  });

  it("counts retries against the budget", async () => {
    const server = await serve((_req, res) => sendJson(res, 503, {}));
    const { client } = clientFor(server.baseUrl, { budget: 2 });
    const exchange = await client.get("/x", { retryOn5xx: true });
    expect(exchange.response?.status).toBe(503); // the last real answer, not a budget error
    expect(exchange.attempts).toBe(2);
    expect(server.seen.length).toBe(2);
    expect((await client.get("/y")).error?.kind).toBe("budget");
  });
});

describe("rate limit", () => {
  it("spaces requests 1/rate seconds apart on the injected clock", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    let clock = 1_000_000;
    const sleeps: number[] = [];
    const sentAt: number[] = [];
    const client = new ConformanceClient({
      baseUrl: server.baseUrl,
      credentials: {},
      timeoutMs: 2000,
      rate: 4,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      onExchange: (e) => sentAt.push(Date.parse(e.timing.startedAt)),
    });
    for (let i = 0; i < 5; i += 1) await client.get(`/r${i}`);
    expect(client.requestsSent).toBe(5);
    expect(sleeps).toEqual([250, 250, 250, 250]); // 5 requests at 4/s: the 5th goes at +1 s
    expect(sentAt.map((t) => t - 1_000_000)).toEqual([0, 250, 500, 750, 1000]);
    expect(server.seen.length).toBe(5);
  });
});
