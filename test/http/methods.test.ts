import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConformanceClient } from "../../src/http/index.ts";
import { startReferenceServer, type ReferenceServer } from "../../src/reference/index.ts";

/** The client's other methods (OPTIONS, TRACE): what goes out, and where they are refused. */
let reference: ReferenceServer;
const seen: { method: string; headers: Record<string, string> }[] = [];

beforeAll(async () => {
  reference = await startReferenceServer({
    rate: 0,
    // Notes each request as it arrived (and answers as the reference does).
    customFaults: [{ name: "note", apply: { request: (r) => void seen.push({ method: r.method, headers: { ...r.headers } as Record<string, string> }) } }],
  });
});
afterAll(async () => reference?.close());

const path = () => `/zones/${reference.zoneId}/client_certificates/${reference.certificateIds[0]}`;

describe("requests with another method", () => {
  it("go out as asked, without credentials or the run's own headers, and get the reference's 405 with Allow: GET", async () => {
    const client = new ConformanceClient({ baseUrl: reference.baseUrl, credentials: reference.credentials, timeoutMs: 5_000, headers: { "x-gateway": "secret-gateway-value" } });
    for (const method of ["OPTIONS", "TRACE"] as const) {
      seen.length = 0;
      const e = await client.get(path(), { method, label: method });
      expect(e.request.method).toBe(method);
      expect(e.response?.status).toBe(405);
      expect(e.response?.headers.allow).toBe("GET");
      expect(seen.map((s) => s.method)).toEqual([method]);
      expect(Object.keys(seen[0]!.headers).filter((h) => /authorization|x-auth|x-gateway/.test(h))).toEqual([]);
    }
    // A GET still carries them.
    seen.length = 0;
    await client.get(path(), { label: "GET" });
    expect(seen[0]!.headers["x-gateway"]).toBe("secret-gateway-value");
    expect(seen[0]!.headers.authorization).toMatch(/^Bearer /);
  });

  it("are never sent by a client that reads with GET alone (a live run)", async () => {
    const client = new ConformanceClient({ baseUrl: reference.baseUrl, credentials: reference.credentials, timeoutMs: 5_000, getOnly: true });
    seen.length = 0;
    const e = await client.get(path(), { method: "TRACE" });
    expect(e.error).toMatchObject({ kind: "invalid-request", message: expect.stringMatching(/GET alone/) });
    expect(seen).toEqual([]);
    expect(client.requestsSent).toBe(0);
  });

  it("in a replay without a cassette to answer them, are not sent", async () => {
    const client = new ConformanceClient({ baseUrl: reference.baseUrl, credentials: reference.credentials, timeoutMs: 5_000, replay: true });
    seen.length = 0;
    const e = await client.get(path(), { method: "OPTIONS" });
    expect(e.error?.kind).toBe("invalid-request");
    expect(seen).toEqual([]);
  });
});
