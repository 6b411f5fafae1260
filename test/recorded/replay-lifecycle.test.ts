import http, { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { describe, expect, it } from "vitest";
import type { CassetteEntry } from "../../src/targets/cassette.ts";
import { installReplay } from "../../src/targets/recorded.ts";

/** A replay intercepts node:http while it runs, and only then: a library user's process gets its network back. */

const entry = (origin: string): CassetteEntry => ({
  seq: 1, label: "a read", request: { method: "GET", url: `${origin}/client/v4/zones/z/client_certificates/c`, headers: { accept: "application/json" } },
  response: { status: 200, headers: { "content-type": "application/json" }, body: `{"from":"${origin}"}` },
} as unknown as CassetteEntry);

/** A GET with node:http as the client makes it (the module's object, which nock patches), its body as text. */
function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { accept: "application/json" } }, (res) => { let b = ""; res.on("data", (d) => (b += d)); res.on("end", () => resolve(b)); }).on("error", reject);
  });
}

describe("replay lifecycle", () => {
  it("two replays at once answer each from its own cassette; the second to end hands node:http back untouched", async () => {
    const a = installReplay("http://a.invalid/client/v4", [entry("http://a.invalid")]);
    const b = installReplay("http://b.invalid/client/v4", [entry("http://b.invalid")]);
    expect(await get("http://a.invalid/client/v4/zones/z/client_certificates/c")).toBe('{"from":"http://a.invalid"}');
    a.uninstall();
    expect(await get("http://b.invalid/client/v4/zones/z/client_certificates/c")).toBe('{"from":"http://b.invalid"}');
    b.uninstall();
    expect(nock.isActive()).toBe(false);

    // A real server on loopback is reached again.
    const server = createServer((_req, res) => res.end("real"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      expect(await get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).toBe("real");
    } finally {
      server.close();
    }
  });
});
