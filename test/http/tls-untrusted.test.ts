import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConformanceClient } from "../../src/http/client.ts";
import { classifyFailure, TLS_TRUST_HINT } from "../../src/http/failure.ts";
import { selfSignedLoopback } from "../support/network.ts";

/** A target whose certificate nobody trusts: a TLS verification failure is not retried, and says how to trust it. */

let server: https.Server;
let baseUrl: string;

beforeAll(async () => {
  const { key, cert } = await selfSignedLoopback();
  server = https.createServer({ key, cert }, (_req, res) => res.end("{}"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a TLS certificate the client does not trust", () => {
  it("is kind tls, tried once, and the message names the code and the fix", async () => {
    const sleeps: number[] = [];
    const client = new ConformanceClient({ baseUrl, credentials: { token: "a-realistic-test-token" }, timeoutMs: 5_000, sleep: async (ms) => void sleeps.push(ms) });
    const exchange = await client.get("/zones/z/client_certificates/c");
    expect(exchange.error?.kind).toBe("tls");
    expect(exchange.attempts).toBe(1);
    expect(sleeps).toEqual([]);
    expect(exchange.error?.message).toMatch(/SELF_SIGNED_CERT|UNABLE_TO_VERIFY/);
    expect(exchange.error?.message.endsWith(TLS_TRUST_HINT)).toBe(true);
  });

  it.each(["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "DEPTH_ZERO_SELF_SIGNED_CERT", "CERT_HAS_EXPIRED", "ERR_TLS_CERT_ALTNAME_INVALID"])("%s, anywhere along the cause chain, is tls", (code) => {
    const cause = Object.assign(new Error("certificate problem"), { code });
    const error = classifyFailure(new TypeError("fetch failed", { cause }), { timeoutMs: 1, timedOut: false, headersArrived: false, bodyBytes: 0 });
    expect(error.kind).toBe("tls");
    expect(error.message).toContain(code);
    expect(error.message).toContain("pass --ca FILE with the CA that signed it, or --insecure to skip verification");
  });
});
