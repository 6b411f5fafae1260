import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadReference } from "../../bench/load-reference.ts";
import { ReferenceConfigError, startReferenceServer, UnknownFaultError, type ReferenceServer } from "../../src/reference/index.ts";
import { responseValidator } from "../../src/schema/validator.ts";
import { send, sendRaw, type TestExchange } from "./exchange.ts";

const validator = responseValidator();
const UNKNOWN = "0123456789abcdef0123456789abcdef";

function expectValid(cls: "success-200" | "failure-4xx", e: TestExchange): void {
  expect(e.jsonOk, e.text).toBe(true);
  for (const profile of ["spec", "strict"] as const) expect(validator.validate(cls, e.json, profile), `${profile}: ${e.text.slice(0, 200)}`).toEqual([]);
}

let server: ReferenceServer;
let token: Record<string, string>;
let key: Record<string, string>;
const url = (path: string) => server.baseUrl + path;
const details = (zone: string, certificate: string) => url(`/zones/${zone}/client_certificates/${certificate}`);

beforeAll(async () => {
  server = await startReferenceServer({ seed: 11, rate: 0 });
  token = { authorization: `Bearer ${server.credentials.token}` };
  key = { "x-auth-email": server.credentials.email, "x-auth-key": server.credentials.apiKey };
});
afterAll(() => server?.close());

describe("reads", () => {
  it("serves every certificate of the zone with either scheme: 200, valid under both profiles", async () => {
    const statuses = new Set<string>();
    for (const id of server.certificateIds) {
      for (const headers of [token, key]) {
        const e = await send(details(server.zoneId, id), { headers });
        expect(e.status).toBe(200);
        expect(e.headers["content-type"]).toBe("application/json");
        expectValid("success-200", e);
        const result = (e.json as { result: { id: string; status: string } }).result;
        expect(result.id).toBe(id);
        statuses.add(result.status);
      }
    }
    expect([...statuses].sort()).toEqual(["active", "pending_reactivation", "pending_revocation", "revoked"]);
  });

  it("serves the other zone's certificates under the other zone only", async () => {
    const id = server.otherZoneCertificateIds[0];
    expect((await send(details(server.otherZoneId, id), { headers: token })).status).toBe(200);
    const e = await send(details(server.zoneId, id), { headers: token });
    expect(e.status).toBe(404);
    expectValid("failure-4xx", e);
  });

  it("lists the zone's certificates in Cloudflare's list envelope", async () => {
    const e = await send(url(`/zones/${server.zoneId}/client_certificates`), { headers: key });
    expect(e.status).toBe(200);
    const body = e.json as { success: boolean; result: { id: string }[]; result_info: Record<string, number> };
    expect(body.success).toBe(true);
    expect(body.result.map((r) => r.id)).toEqual(server.certificateIds);
    expect(body.result_info).toEqual({ page: 1, per_page: 20, count: server.certificateIds.length, total_count: server.certificateIds.length, total_pages: 1 });

    const page2 = (await send(url(`/zones/${server.zoneId}/client_certificates?per_page=5&page=2`), { headers: token })).json as typeof body;
    expect(page2.result.map((r) => r.id)).toEqual(server.certificateIds.slice(5, 10));
    const revoked = (await send(url(`/zones/${server.zoneId}/client_certificates?status=revoked`), { headers: token })).json as { result: { status: string }[] };
    expect(revoked.result.length).toBeGreaterThan(0);
    expect(revoked.result.every((r) => r.status === "revoked")).toBe(true);

    const bad = await send(url(`/zones/${server.zoneId}/client_certificates?per_page=500`), { headers: token });
    expect(bad.status).toBe(400);
    expect((bad.json as { errors: { code: number }[] }).errors[0].code).toBe(1002);
    expectValid("failure-4xx", bad);
  });
});

describe("refusals: status, Cloudflare code, failure envelope valid under both profiles", () => {
  type Case = [name: string, request: () => Promise<TestExchange>, status: number, code: number, chain?: number[]];
  const cases: Case[] = [
    ["no credentials", () => send(details(server.zoneId, server.certificateIds[0])), 400, 9106],
    ["malformed X-Auth-Email", () => send(details(server.zoneId, server.certificateIds[0]), { headers: { ...key, "x-auth-email": "not an email" } }), 400, 6003, [6102]],
    ["malformed X-Auth-Key", () => send(details(server.zoneId, server.certificateIds[0]), { headers: { ...key, "x-auth-key": "not a key!" } }), 400, 6003, [6103]],
    ["malformed Authorization", () => send(details(server.zoneId, server.certificateIds[0]), { headers: { authorization: "Basic Y29uZm9ybWFuY2U6dGVzdA==" } }), 400, 6003, [6111]],
    ["empty bearer", () => send(details(server.zoneId, server.certificateIds[0]), { headers: { authorization: "Bearer " } }), 400, 6003, [6111]],
    ["X-Auth-Email without X-Auth-Key", () => send(details(server.zoneId, server.certificateIds[0]), { headers: { "x-auth-email": server.credentials.email } }), 400, 6003, [6103]],
    ["X-Auth-Key without X-Auth-Email", () => send(details(server.zoneId, server.certificateIds[0]), { headers: { "x-auth-key": server.credentials.apiKey } }), 400, 6003, [6102]],
    ["wrong key", () => send(details(server.zoneId, server.certificateIds[0]), { headers: { ...key, "x-auth-key": "0".repeat(37) } }), 403, 9103],
    ["unknown email", () => send(details(server.zoneId, server.certificateIds[0]), { headers: { ...key, "x-auth-email": "nobody@example.com" } }), 403, 9103],
    ["wrong token", () => send(details(server.zoneId, server.certificateIds[0]), { headers: { authorization: `Bearer ${"x".repeat(40)}` } }), 403, 9109],
    ["33-character zone id", () => send(details(`${server.zoneId}0`, server.certificateIds[0]), { headers: token }), 400, 7003],
    ["33-character certificate id", () => send(details(server.zoneId, `${server.certificateIds[0]}0`), { headers: token }), 400, 7003],
    ["upper-case certificate id", () => send(details(server.zoneId, server.certificateIds[0].toUpperCase()), { headers: token }), 400, 7003],
    ["encoded slash as certificate id", () => send(details(server.zoneId, "%2F"), { headers: token }), 400, 7003],
    ["dot-dot as certificate id", () => sendRaw(new URL(server.baseUrl).origin, `/client/v4/zones/${server.zoneId}/client_certificates/..`, { headers: token }), 400, 7003],
    ["broken percent-encoding", () => send(details(server.zoneId, "%E0%A4%A"), { headers: token }), 400, 7003],
    ["empty certificate id", () => send(details(server.zoneId, ""), { headers: token }), 400, 7003],
    ["unknown zone", () => send(details(UNKNOWN, server.certificateIds[0]), { headers: token }), 403, 9109],
    ["unknown certificate", () => send(details(server.zoneId, UNKNOWN), { headers: token }), 404, 1404],
    ["certificate under the other zone", () => send(details(server.otherZoneId, server.certificateIds[0]), { headers: token }), 404, 1404],
    ["POST", () => send(details(server.zoneId, server.certificateIds[0]), { method: "POST", headers: token }), 405, 7001],
    ["DELETE on the list", () => send(url(`/zones/${server.zoneId}/client_certificates`), { method: "DELETE", headers: token }), 405, 7001],
    ["unknown route", () => send(url(`/zones/${server.zoneId}/certificates`), { headers: token }), 404, 7000],
    ["outside the base path", () => send(new URL(server.baseUrl).origin + "/"), 404, 7000],
  ];

  it.each(cases)("%s", async (_name, request, status, code, chain) => {
    const e = await request();
    expect(e.status).toBe(status);
    expect(e.headers["content-type"]).toBe("application/json");
    expectValid("failure-4xx", e);
    const body = e.json as { errors: { code: number; message: string; error_chain?: { code: number }[] }[]; result: unknown };
    expect(body.errors[0].code).toBe(code);
    expect(body.result).toBeNull();
    if (chain) expect(body.errors[0].error_chain?.map((c) => c.code)).toEqual(chain);
    expect(e.text).not.toContain("BEGIN CERTIFICATE");
  });

  it("says which path it could not route (7003)", async () => {
    const id = `${server.certificateIds[0]}0`;
    const e = await send(details(server.zoneId, id), { headers: token });
    expect((e.json as { errors: { message: string }[] }).errors[0].message)
      .toBe(`Could not route to /zones/${server.zoneId}/client_certificates/${id}, perhaps your object identifier is invalid?`);
  });

  it("405 names the allowed method", async () => {
    const e = await send(details(server.zoneId, server.certificateIds[0]), { method: "PUT", headers: token });
    expect(e.headers.allow).toBe("GET");
  });

  it("answers a request Node's parser refuses with a JSON failure envelope", async () => {
    const { port } = new URL(server.baseUrl);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.write("GET /client/v4/ HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n"));
      let data = "";
      socket.on("data", (d) => { data += d.toString(); });
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toMatch(/content-type: application\/json/i);
    const body = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4));
    expect(validator.validate("failure-4xx", body, "strict")).toEqual([]);
  });
});

describe("rate limit", () => {
  it("sends ratelimit headers and, past the rate, 429 with Retry-After and a failure envelope", async () => {
    const limited = await startReferenceServer({ seed: 11, rate: 3 });
    try {
      const auth = { authorization: `Bearer ${limited.credentials.token}` };
      const target = `${limited.baseUrl}/zones/${limited.zoneId}/client_certificates/${limited.certificateIds[0]}`;
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await send(target, { headers: auth }));
      const statuses = answers.map((a) => a.status);
      // a one-second window: unless the test straddles a window edge, the 4th and 5th are refused
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
      expect(answers[0].headers["ratelimit-policy"]).toBe('"default";q=3;w=1');
      expect(answers[0].headers.ratelimit).toMatch(/^"default";r=2;t=1$/);
      const refused = answers.find((a) => a.status === 429)!;
      expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expectValid("failure-4xx", refused);
      expect((refused.json as { errors: { code: number }[] }).errors[0].code).toBe(10000);
    } finally {
      await limited.close();
    }
  });

  it("sends no ratelimit headers with the limit off", async () => {
    const e = await send(details(server.zoneId, server.certificateIds[0]), { headers: token });
    expect(e.headers.ratelimit).toBeUndefined();
  });
});

describe("configuration", () => {
  it("accepts supplied credentials and zone instead of generated ones", async () => {
    const supplied = { token: "supplied-token_0123456789abcdefghijklmnopq", email: "someone@example.org", apiKey: "a".repeat(37) };
    const zoneId = "f".repeat(32);
    const s = await startReferenceServer({ seed: 11, rate: 0, zoneId, credentials: supplied });
    try {
      expect(s.zoneId).toBe(zoneId);
      expect(s.generated).toEqual([]);
      const ok = await send(`${s.baseUrl}/zones/${zoneId}/client_certificates/${s.certificateIds[0]}`, { headers: { "x-auth-email": "SOMEONE@example.org", "x-auth-key": supplied.apiKey } });
      expect(ok.status).toBe(200);
      const old = await send(`${s.baseUrl}/zones/${zoneId}/client_certificates/${s.certificateIds[0]}`, { headers: token });
      expect(old.status).toBe(403);
    } finally {
      await s.close();
    }
  });

  it("refuses options it cannot serve with, without echoing a credential", async () => {
    await expect(startReferenceServer({ credentials: { apiKey: "SECRET-not-hex" } })).rejects.toThrow(ReferenceConfigError);
    await expect(startReferenceServer({ credentials: { apiKey: "SECRET-not-hex" } })).rejects.not.toThrow(/SECRET/);
    await expect(startReferenceServer({ zoneId: "ZONE" })).rejects.toThrow(ReferenceConfigError);
    await expect(startReferenceServer({ faults: ["no-such-fault"] })).rejects.toThrow(UnknownFaultError);
  });

  it("close() ends a request a fault keeps hanging", async () => {
    const s = await startReferenceServer({ seed: 11, rate: 0, faults: ["response-never-sent"] });
    const pending = send(`${s.baseUrl}/zones/${s.zoneId}/client_certificates/${s.certificateIds[0]}`, { headers: { authorization: `Bearer ${s.credentials.token}` }, timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 100));
    await s.close();
    const e = await pending;
    // Ended by the close, not by the client giving up after its 10 s (no wall-clock bound: a busy machine is slow, not wrong).
    expect(e.error).toBe("fetch failed");
  });
});

describe("load", () => {
  it("answers 1,000 mixed valid and malformed requests (concurrency 50) without a 5xx", async () => {
    const report = await loadReference({ requests: 1000, concurrency: 50, server });
    expect(report.failures, report.firstFailure).toBe(0);
    expect(report.serverErrors).toBe(0);
    expect(report.byStatus["200"]).toBeGreaterThan(0);
    expect(Object.values(report.byStatus).reduce((a, b) => a + b, 0)).toBe(1000);
  });
});
