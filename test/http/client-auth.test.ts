import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConformanceClient } from "../../src/http/client.ts";
import { MissingCredentialsError } from "../../src/http/credentials.ts";
import { sendJson, startServer, type LocalServer } from "./local-server.ts";

const credentials = { token: "tok-1", email: "me@example.com", apiKey: "key-1" };
let server: LocalServer;
let client: ConformanceClient;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url?.endsWith("/redirect")) {
      res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" });
      res.end();
    } else if (req.url?.endsWith("/big")) sendJson(res, 200, { data: "x".repeat(5000) });
    else sendJson(res, 200, { success: true });
  });
  client = new ConformanceClient({ baseUrl: server.baseUrl, credentials, timeoutMs: 2000 });
});
afterAll(() => server.close());

const lastSeen = () => server.seen[server.seen.length - 1]!;

describe("credential headers on the wire", () => {
  it("token: Authorization: Bearer", async () => {
    const exchange = await client.get("/zones/z/client_certificates/c", { auth: "token" });
    expect(lastSeen().headers.authorization).toBe("Bearer tok-1");
    expect(lastSeen().headers["x-auth-key"]).toBeUndefined();
    expect(exchange.request.headers.authorization).toBe("Bearer $CLOUDFLARE_API_TOKEN");
    expect(exchange.response).toMatchObject({ status: 200, body: '{"success":true}' });
  });

  it("key: X-Auth-Email + X-Auth-Key", async () => {
    const exchange = await client.get("/zones/z/client_certificates/c", { auth: "key" });
    expect(lastSeen().headers).toMatchObject({ "x-auth-email": "me@example.com", "x-auth-key": "key-1" });
    expect(lastSeen().headers.authorization).toBeUndefined();
    expect(exchange.request.headers).toMatchObject({ "x-auth-email": "$CLOUDFLARE_EMAIL", "x-auth-key": "$CLOUDFLARE_API_KEY" });
  });

  it("none: no credential header", async () => {
    await client.get("/zones/z/client_certificates/c", { auth: "none" });
    const headers = lastSeen().headers;
    expect([headers.authorization, headers["x-auth-email"], headers["x-auth-key"]]).toEqual([undefined, undefined, undefined]);
  });

  it("made-up headers are sent as given, and redacted unless public", async () => {
    const auth = { headers: { Authorization: "Bearer wrong" } };
    const hidden = await client.get("/zones/z/client_certificates/c", { auth });
    expect(lastSeen().headers.authorization).toBe("Bearer wrong");
    expect(hidden.request.headers.authorization).toBe("<redacted>");
    const shown = await client.get("/zones/z/client_certificates/c", { auth, publicHeaderValues: true });
    expect(shown.request.headers.authorization).toBe("Bearer wrong");
    expect(shown.curl).toContain(`'authorization: Bearer wrong'`);
  });

  it("defaults to the token when both schemes are configured", async () => {
    await client.get("/zones/z/client_certificates/c");
    expect(lastSeen().headers.authorization).toBe("Bearer tok-1");
  });

  it("rejects a scheme that is not configured, naming the variables", async () => {
    const tokenOnly = new ConformanceClient({ baseUrl: server.baseUrl, credentials: { token: "t" }, timeoutMs: 2000 });
    await expect(tokenOnly.get("/x", { auth: "key" })).rejects.toThrow(MissingCredentialsError);
    await expect(tokenOnly.get("/x", { auth: "key" })).rejects.toThrow(/CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY/);
  });

  it("does not send a header HTTP cannot carry: invalid-request, nothing sent", async () => {
    const before = server.seen.length;
    const exchange = await client.get("/x", { auth: { headers: { authorization: "Bearer a\nb" } } });
    expect(exchange.error?.kind).toBe("invalid-request");
    expect(exchange.attempts).toBe(0);
    expect(server.seen.length).toBe(before);
  });
});

describe("request targets are sent as written", () => {
  it.each([
    ["%2F", "/client/v4/zones/z/client_certificates/%2F"],
    ["..", "/client/v4/zones/z/client_certificates/.."],
    ["%2E%2E", "/client/v4/zones/z/client_certificates/%2E%2E"],
    [".", "/client/v4/zones/z/client_certificates/."],
    ["a%20b", "/client/v4/zones/z/client_certificates/a%20b"],
    ["%00", "/client/v4/zones/z/client_certificates/%00"],
  ])("id %s", async (id, expected) => {
    const exchange = await client.get(`/zones/z/client_certificates/${id}`);
    expect(lastSeen().url).toBe(expected);
    expect(exchange.request.url).toBe(`${server.baseUrl}/zones/z/client_certificates/${id}`);
    expect(exchange.response?.status).toBe(200);
  });
});

describe("evidence", () => {
  it("keeps every exchange in order, with labels, and reports progress", async () => {
    const seen: number[] = [];
    const local = new ConformanceClient({
      baseUrl: server.baseUrl,
      credentials,
      timeoutMs: 2000,
      onExchange: (e) => seen.push(e.seq),
    });
    await local.get("/a", { label: "first" });
    await local.get("/b");
    expect(local.exchanges.map((e) => [e.seq, e.label, e.attempts])).toEqual([
      [1, "first", 1],
      [2, undefined, 1],
    ]);
    expect(seen).toEqual([1, 2]);
    expect(local.requestsSent).toBe(2);
    expect(local.exchanges[0]!.response?.headers["content-type"]).toBe("application/json");
  });

  it("does not follow redirects: the 3xx is the evidence", async () => {
    const exchange = await client.get("/redirect");
    expect(exchange.response?.status).toBe(302);
    expect(exchange.response?.headers.location).toBe("http://127.0.0.1:1/elsewhere");
    expect(exchange.error).toBeUndefined();
  });

  it.each(["/big", "/a/../big"])("stops reading at maxBodyBytes and says so (%s)", async (path) => {
    const small = new ConformanceClient({ baseUrl: server.baseUrl, credentials, timeoutMs: 2000, maxBodyBytes: 100 });
    const exchange = await small.get(path);
    expect(exchange.response?.truncated).toBe(true);
    expect(exchange.response?.body).toHaveLength(100);
    expect(exchange.error).toBeUndefined();
  });
});
