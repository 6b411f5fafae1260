import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConformanceClient } from "../../src/http/client.ts";
import { startServer, type LocalServer } from "./local-server.ts";

// Canary values: if any of them shows up in kept evidence, redaction failed.
const canary = {
  token: "CANARY-token-7f3a9c",
  email: "canary.user+k@example.com",
  apiKey: "CANARYkey0c4b1e",
};

let server: LocalServer;
beforeAll(async () => {
  // Echoes every credential it receives, in the body (plain, URL-encoded, upper-cased) and in headers.
  server = await startServer((req, res) => {
    const echoed = [req.headers.authorization, req.headers["x-auth-email"], req.headers["x-auth-key"]].filter(
      (v): v is string => typeof v === "string",
    );
    res.writeHead(401, {
      "content-type": "application/json",
      "x-echo": echoed.join(" "),
      "set-cookie": `session=${canary.token}`,
      "www-authenticate": `Bearer realm="${echoed.join(",")}"`,
    });
    res.end(
      JSON.stringify({
        success: false,
        errors: [{ code: 10000, message: `bad credentials: ${echoed.join(" ")}` }],
        url: req.url,
        encoded: echoed.map(encodeURIComponent),
        shouted: echoed.map((v) => v.toUpperCase()),
      }),
    );
  });
});
afterAll(() => server.close());

function leaks(text: string): string[] {
  const lower = text.toLowerCase();
  return Object.values(canary).filter(
    (secret) => lower.includes(secret.toLowerCase()) || lower.includes(encodeURIComponent(secret).toLowerCase()),
  );
}

describe("canary credentials never reach the evidence", () => {
  it("not in exchanges nor curl lines, whatever the server echoes", async () => {
    const client = new ConformanceClient({ baseUrl: server.baseUrl, credentials: canary, timeoutMs: 2000 });
    await client.get("/zones/z/client_certificates/c", { auth: "token" });
    await client.get("/zones/z/client_certificates/c", { auth: "key" });
    await client.get(`/zones/z/client_certificates/${canary.token}`, { auth: "key" });
    await client.get("/zones/z/client_certificates/..", { auth: "token" });
    await client.get("/zones/z/client_certificates/c", {
      auth: { headers: { authorization: `bearer ${canary.token}`, "x-auth-key": `${canary.apiKey}x` } },
      publicHeaderValues: true,
    });
    await client.get("/zones/z/client_certificates/c", { auth: { headers: { authorization: `Basic ${canary.apiKey}` } } });

    // The server did receive them, and echoed them.
    expect(server.seen.some((s) => s.headers["x-auth-key"] === canary.apiKey)).toBe(true);
    expect(client.exchanges.every((e) => e.response?.status === 401)).toBe(true);

    expect(leaks(JSON.stringify(client.exchanges))).toEqual([]);
    for (const exchange of client.exchanges) expect(leaks(exchange.curl)).toEqual([]);

    const first = client.exchanges[0]!;
    expect(first.response?.headers["x-echo"]).toBe("Bearer $CLOUDFLARE_API_TOKEN");
    expect(first.response?.headers["set-cookie"]).toBe("<redacted>");
    expect(client.exchanges[4]!.request.headers["x-auth-key"]).toBe("$CLOUDFLARE_API_KEYx");
    expect(client.exchanges[5]!.request.headers.authorization).toBe("<redacted>");
  });
});
