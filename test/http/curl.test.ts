import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConformanceClient } from "../../src/http/client.ts";
import { curlCommand, shellWord } from "../../src/http/curl.ts";
import { startServer, type LocalServer } from "./local-server.ts";

const run = promisify(execFile);
const hasCurl = await run("curl", ["--version"]).then(
  () => true,
  () => false,
);

describe("shellWord", () => {
  it("single-quotes literals and double-quotes placeholders", () => {
    expect(shellWord("a b")).toBe("'a b'");
    expect(shellWord("it's $HOME `x`")).toBe(`'it'\\''s $HOME \`x\`'`);
    expect(shellWord("authorization: Bearer $CLOUDFLARE_API_TOKEN")).toBe(`'authorization: Bearer '"$CLOUDFLARE_API_TOKEN"`);
    expect(shellWord("")).toBe("''");
  });
});

describe("curlCommand", () => {
  it("keeps paths as-is and credentials as variables", () => {
    const line = curlCommand({
      method: "GET",
      url: "http://h/zones/z/client_certificates/../%2F[x]",
      headers: { "x-auth-email": "$CLOUDFLARE_EMAIL", "x-auth-key": "$CLOUDFLARE_API_KEY" },
    });
    expect(line).toBe(
      `curl --globoff --path-as-is -sS -i -H 'x-auth-email: '"$CLOUDFLARE_EMAIL" -H 'x-auth-key: '"$CLOUDFLARE_API_KEY" 'http://h/zones/z/client_certificates/../%2F[x]'`,
    );
  });
});

describe.skipIf(!hasCurl)("a curl line run by the shell", () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer((_req, res) => res.end("{}"));
  });
  afterAll(() => server.close());

  it("sends the same target and credentials as the client did", async () => {
    const client = new ConformanceClient({ baseUrl: server.baseUrl, credentials: { token: "s3cret'tok" }, timeoutMs: 2000 });
    const exchange = await client.get("/zones/z/client_certificates/../%2E%2E/%2F[1]");
    await run("sh", ["-c", exchange.curl], {
      env: { PATH: process.env.PATH, CLOUDFLARE_API_TOKEN: "s3cret'tok" },
      timeout: 5000,
    });
    const [fromClient, fromCurl] = server.seen;
    expect(fromCurl!.url).toBe(fromClient!.url);
    expect(fromCurl!.url).toBe("/client/v4/zones/z/client_certificates/../%2E%2E/%2F[1]");
    expect(fromCurl!.headers.authorization).toBe("Bearer s3cret'tok");
    expect(fromClient!.headers.authorization).toBe("Bearer s3cret'tok");
  });
});
