import { createHash } from "node:crypto";
import type { ReferenceServer } from "../../src/reference/index.ts";
import { send, sendRaw, type TestExchange } from "./exchange.ts";

export type ProbeKind = "read" | "auth" | "id" | "list" | "other";
export type AuthCase = "missing" | "wrong-key" | "unknown-email" | "wrong-token" | "malformed-email" | "malformed-key" | "malformed-bearer" | "email-without-key" | "token-near-miss";
export type IdCase = "overlong-zone" | "overlong-certificate" | "malformed" | "unknown" | "other-zone";

/** One request of the battery and what a conforming server must answer. */
export interface Probe {
  name: string;
  kind: ProbeKind;
  path: string;
  headers: Record<string, string>;
  method?: string;
  /** Send the target verbatim (dot segments). */
  raw?: boolean;
  expect: "200" | "4xx";
  scheme?: "token" | "key";
  certificateId?: string;
  authCase?: AuthCase;
  idCase?: IdCase;
}

export interface ProbeResult {
  probe: Probe;
  exchange: TestExchange;
}

const hex = (salt: string, length: number) => {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`battery:${salt}:${i}`).digest("hex");
  return out.slice(0, length);
};

const details = (zone: string, certificate: string) => `/zones/${zone}/client_certificates/${certificate}`;

/**
 * The battery a fault is judged by: every read with both schemes, each credential case,
 * identifier limits in both positions, malformed, unknown and foreign ids, a 405 and a 404.
 */
export function planBattery(server: ReferenceServer): Probe[] {
  const { zoneId, otherZoneId, certificateIds, otherZoneCertificateIds, credentials } = server;
  const token = { authorization: `Bearer ${credentials.token}` };
  const key = { "x-auth-email": credentials.email, "x-auth-key": credentials.apiKey };
  const probes: Probe[] = [];
  for (const id of certificateIds) {
    probes.push({ name: `read ${id} (token)`, kind: "read", path: details(zoneId, id), headers: token, expect: "200", scheme: "token", certificateId: id });
    probes.push({ name: `read ${id} (key)`, kind: "read", path: details(zoneId, id), headers: key, expect: "200", scheme: "key", certificateId: id });
  }
  probes.push({ name: `read ${certificateIds[0]} again (key)`, kind: "read", path: details(zoneId, certificateIds[0]!), headers: key, expect: "200", scheme: "key", certificateId: certificateIds[0] });
  probes.push({ name: "list", kind: "list", path: `/zones/${zoneId}/client_certificates?per_page=50`, headers: token, expect: "200" });

  const subject = certificateIds[0];
  const path = details(zoneId, subject);
  const auth = (authCase: AuthCase, headers: Record<string, string>): Probe => ({ name: `auth ${authCase}`, kind: "auth", path, headers, expect: "4xx", authCase, certificateId: subject });
  probes.push(
    auth("missing", {}),
    auth("wrong-key", { "x-auth-email": credentials.email, "x-auth-key": hex("key", 37) }),
    auth("unknown-email", { "x-auth-email": "nobody@example.invalid", "x-auth-key": credentials.apiKey }),
    auth("wrong-token", { authorization: `Bearer ${hex("token", 40)}` }),
    auth("malformed-email", { "x-auth-email": "not an email", "x-auth-key": credentials.apiKey }),
    auth("malformed-key", { "x-auth-email": credentials.email, "x-auth-key": "not a key!" }),
    auth("malformed-bearer", { authorization: "Basic Y29uZm9ybWFuY2U6dGVzdA==" }),
    auth("email-without-key", { "x-auth-email": credentials.email }),
    // The real token, one edit away.
    auth("token-near-miss", { authorization: `Bearer ${credentials.token.slice(0, -1)}${credentials.token.endsWith("x") ? "y" : "x"}` }),
    auth("token-near-miss", { authorization: `Bearer ${credentials.token.slice(0, -1)}` }),
    auth("token-near-miss", { authorization: `Bearer ${credentials.token}x` }),
    auth("token-near-miss", { authorization: `Bearer ${credentials.token.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()))}` }),
  );

  const id = (idCase: IdCase, name: string, p: string, raw = false): Probe => ({ name: `id ${idCase}: ${name}`, kind: "id", path: p, headers: token, expect: "4xx", idCase, raw });
  probes.push(
    id("overlong-zone", "33 hex", details(hex("zone33", 33), subject)),
    id("overlong-zone", "zone + 0", details(`${zoneId}0`, subject)),
    id("overlong-zone", "256 hex", details(hex("zone256", 256), subject)),
    id("overlong-certificate", "33 hex", details(zoneId, hex("cert33", 33))),
    id("overlong-certificate", "certificate + 0", details(zoneId, `${subject}0`)),
    id("overlong-certificate", "256 hex", details(zoneId, hex("cert256", 256))),
    id("malformed", "upper case", details(zoneId, subject.toUpperCase())),
    id("malformed", "non-hex", details(zoneId, "not-a-certificate-identifier")),
    id("malformed", "encoded slash", details(zoneId, "%2F")),
    id("malformed", "dot-dot", details(zoneId, ".."), true),
    id("malformed", "empty", details(zoneId, "")),
    id("malformed", "unicode", details(zoneId, "%C3%A9")),
    id("malformed", "control", details(zoneId, "%00")),
    id("malformed", "broken encoding", details(zoneId, "%E0%A4%A")),
    id("malformed", "zone upper case", details(zoneId.toUpperCase(), subject)),
    id("unknown", "32 hex", details(zoneId, hex("unknown", 32))),
    id("unknown", "certificate cut by one", details(zoneId, subject.slice(0, -1))),
    ...[".json", "%2Ejson", ";v=1", "%00x", "%20", "%2F"].map((suffix) => id("overlong-certificate", `certificate + ${suffix}`, details(zoneId, `${subject}${suffix}`))),
    id("other-zone", "certificate under the other zone", details(otherZoneId, subject)),
    id("other-zone", "other zone's certificate under the zone", details(zoneId, otherZoneCertificateIds[0])),
    id("other-zone", "certificate under an unknown zone", details(hex("unknown-zone", 32), subject)),
  );
  probes.push(
    { name: "POST details", kind: "other", method: "POST", path, headers: token, expect: "4xx" },
    { name: "unknown route", kind: "other", path: `/zones/${zoneId}/certificates`, headers: token, expect: "4xx" },
  );
  return probes;
}

/** Sends every probe (concurrently) and keeps the answers; `timeoutMs` is for a server that hangs (a slow machine must not make an answer look missing). */
export async function runBattery(server: ReferenceServer, probes = planBattery(server), timeoutMs = 10_000): Promise<ProbeResult[]> {
  const origin = new URL(server.baseUrl).origin;
  const basePath = new URL(server.baseUrl).pathname;
  return Promise.all(probes.map(async (probe) => ({
    probe,
    exchange: probe.raw
      ? await sendRaw(origin, basePath + probe.path, { headers: probe.headers, timeoutMs })
      : await send(server.baseUrl + probe.path, { method: probe.method, headers: probe.headers, timeoutMs }),
  })));
}
