import { createHash } from "node:crypto";
import type { ReferenceServer } from "../../src/reference/index.ts";
import { sendInTurn, sendWire, type WireExchange } from "./wire-exchange.ts";

export type ProbeKind = "read" | "auth" | "id" | "list" | "path" | "other" | "method";
export type AuthCase = "missing" | "wrong-key" | "unknown-email" | "wrong-token" | "malformed-email" | "malformed-key" | "malformed-bearer" | "email-without-key" | "token-near-miss" | "misplaced";
/** A read asked another way a client may: it must give the same certificate (`accept-html`: or a 406). */
export type ReadVariant = "accept-any" | "accept-absent" | "accept-application-any" | "accept-json-weighted" | "accept-html"
  | "encoding-gzip" | "encoding-gzip-refused" | "header-names-upper-case" | "http-1.0" | "credential-spelling" | "keep-alive-first" | "keep-alive-second";
export type IdCase = "overlong-zone" | "overlong-certificate" | "malformed" | "unknown" | "other-zone";

/** One request of the battery and what a conforming server must answer. */
export interface Probe {
  name: string;
  kind: ProbeKind;
  path: string;
  headers: Record<string, string>;
  method?: string;
  expect: "200" | "4xx" | "200-or-406";
  /** A read asked another legitimate way (the plain reads have none). */
  variant?: ReadVariant;
  httpVersion?: "1.0";
  /** Sent on one kept-alive connection with the other probes of the group, in order. */
  connection?: string;
  /** After the answer, see whether the server closes the connection, as the request (Connection: close) asked. */
  awaitClose?: boolean;
  /** When it is sent: before the others (the list read first), after them, or among them. */
  order?: "first" | "last";
  /** Must be refused as the probe of that name was (status and error codes): nothing learnt of existence. */
  sameAs?: { name: string; requirement: "AUTH-EXISTENCE-HIDDEN" | "ID-EXISTENCE-HIDDEN" };
  scheme?: "token" | "key";
  certificateId?: string;
  authCase?: AuthCase;
  idCase?: IdCase;
}

export interface ProbeResult {
  probe: Probe;
  exchange: WireExchange;
}

const hex = (salt: string, length: number) => {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`battery:${salt}:${i}`).digest("hex");
  return out.slice(0, length);
};

const details = (zone: string, certificate: string) => `/zones/${zone}/client_certificates/${certificate}`;

const upperCaseNames = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));

/**
 * The battery a fault is judged by: every read with both schemes (the list read before and after
 * them), the first asked every other legitimate way (Accept, Accept-Encoding, header names, the
 * Bearer scheme's spellings, HTTP/1.0, two reads on one connection), each credential case and
 * misplaced credentials, identifier limits in both positions, malformed, unknown and foreign ids,
 * the refusals that must not tell whether a certificate exists, paths that differ in a literal
 * segment, a 405 and a 404. Every request asks for JSON (Accept: application/json) unless it
 * varies Accept.
 */
export function planBattery(server: ReferenceServer): Probe[] {
  const { zoneId, otherZoneId, certificateIds, otherZoneCertificateIds, credentials } = server;
  const json = { accept: "application/json" };
  const token = { ...json, authorization: `Bearer ${credentials.token}` };
  const key = { ...json, "x-auth-email": credentials.email, "x-auth-key": credentials.apiKey };
  const probes: Probe[] = [];
  const list = (order: "first" | "last"): Probe => ({ name: `list (${order})`, kind: "list", path: `/zones/${zoneId}/client_certificates?per_page=50`, headers: token, expect: "200", order });
  probes.push(list("first"), list("last"));
  for (const id of certificateIds) {
    probes.push({ name: `read ${id} (token)`, kind: "read", path: details(zoneId, id), headers: token, expect: "200", scheme: "token", certificateId: id });
    probes.push({ name: `read ${id} (key)`, kind: "read", path: details(zoneId, id), headers: key, expect: "200", scheme: "key", certificateId: id });
  }
  probes.push({ name: `read ${certificateIds[0]} again (key)`, kind: "read", path: details(zoneId, certificateIds[0]!), headers: key, expect: "200", scheme: "key", certificateId: certificateIds[0], awaitClose: true });

  const subject = certificateIds[0]!;
  const path = details(zoneId, subject);
  const variant = (v: ReadVariant, label: string, headers: Record<string, string>, extra: Partial<Probe> = {}): Probe =>
    ({ name: `read ${subject} ${label}`, kind: "read", path, headers, expect: "200", scheme: "token", certificateId: subject, variant: v, ...extra });
  const { accept: _accept, ...tokenWithoutAccept } = token;
  probes.push(
    variant("accept-any", "with Accept: */*", { ...token, accept: "*/*" }),
    variant("accept-absent", "with no Accept", tokenWithoutAccept),
    variant("accept-application-any", "with Accept: application/*", { ...token, accept: "application/*" }),
    variant("accept-json-weighted", "with a weighted Accept", { ...token, accept: "text/html;q=0.5, application/json;charset=utf-8;q=0.9" }),
    variant("accept-html", "with Accept: text/html", { ...token, accept: "text/html" }, { expect: "200-or-406" }),
    variant("encoding-gzip", "with Accept-Encoding: gzip", { ...token, "accept-encoding": "gzip" }),
    variant("encoding-gzip-refused", "with Accept-Encoding: gzip;q=0, identity", { ...token, "accept-encoding": "gzip;q=0, identity" }),
    variant("header-names-upper-case", "with header names in upper case (token)", upperCaseNames(token)),
    variant("header-names-upper-case", "with header names in upper case (key)", upperCaseNames(key), { scheme: "key" }),
    variant("http-1.0", "in an HTTP/1.0 request", token, { httpVersion: "1.0" }),
    variant("credential-spelling", "with bearer in lower case", { ...json, authorization: `bearer ${credentials.token}` }),
    variant("credential-spelling", "with BEARER in upper case", { ...json, authorization: `BEARER ${credentials.token}` }),
    variant("credential-spelling", "with two spaces after Bearer", { ...json, authorization: `Bearer  ${credentials.token}` }),
    variant("keep-alive-first", "on a kept-alive connection", token, { connection: "keep-alive" }),
    variant("keep-alive-second", "again on the same connection", token, { connection: "keep-alive" }),
  );

  const auth = (authCase: AuthCase, headers: Record<string, string>, label: string = authCase): Probe => ({ name: `auth ${label}`, kind: "auth", path, headers: { ...json, ...headers }, expect: "4xx", authCase, certificateId: subject });
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
    // The right credential in the wrong place.
    auth("misplaced", { authorization: credentials.token }, "misplaced: token without Bearer"),
    auth("misplaced", { authorization: `Token ${credentials.token}` }, "misplaced: token under another scheme"),
    auth("misplaced", { "x-auth-email": credentials.email, "x-auth-key": credentials.token }, "misplaced: token as X-Auth-Key"),
    auth("misplaced", { authorization: `Bearer ${credentials.apiKey}` }, "misplaced: key as a bearer token"),
  );
  // Without valid credentials, a certificate that does not exist is refused as the real one is.
  const unknown = hex("unknown", 32);
  for (const [authCase, headers] of [["missing", {}], ["wrong-token", { authorization: `Bearer ${hex("token", 40)}` }]] as const) {
    probes.push({ ...auth(authCase, headers, `${authCase}, unknown certificate`), path: details(zoneId, unknown), certificateId: unknown, sameAs: { name: `auth ${authCase}`, requirement: "AUTH-EXISTENCE-HIDDEN" } });
  }

  const id = (idCase: IdCase, name: string, p: string, extra: Partial<Probe> = {}): Probe => ({ name: `id ${idCase}: ${name}`, kind: "id", path: p, headers: token, expect: "4xx", idCase, ...extra });
  const unknownZone = hex("unknown-zone", 32);
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
    id("malformed", "dot-dot", details(zoneId, "..")),
    id("malformed", "empty", details(zoneId, "")),
    id("malformed", "unicode", details(zoneId, "%C3%A9")),
    id("malformed", "control", details(zoneId, "%00")),
    id("malformed", "broken encoding", details(zoneId, "%E0%A4%A")),
    id("malformed", "zone upper case", details(zoneId.toUpperCase(), subject)),
    id("unknown", "32 hex", details(zoneId, unknown)),
    id("unknown", "certificate cut by one", details(zoneId, subject.slice(0, -1))),
    ...[".json", "%2Ejson", ";v=1", "%00x", "%20", "%2F"].map((suffix) => id("overlong-certificate", `certificate + ${suffix}`, details(zoneId, `${subject}${suffix}`))),
    id("other-zone", "certificate under the other zone", details(otherZoneId, subject)),
    id("other-zone", "other zone's certificate under the zone", details(zoneId, otherZoneCertificateIds[0]!), { sameAs: { name: "id unknown: 32 hex", requirement: "ID-EXISTENCE-HIDDEN" } }),
    id("other-zone", "certificate under an unknown zone", details(unknownZone, subject)),
    id("other-zone", "unknown certificate under the same unknown zone", details(unknownZone, unknown), { sameAs: { name: "id other-zone: certificate under an unknown zone", requirement: "ID-EXISTENCE-HIDDEN" } }),
  );
  // The path with one literal segment changed: no resource of this operation.
  const pathProbe = (name: string, p: string): Probe => ({ name: `path: ${name}`, kind: "path", path: p, headers: token, expect: "4xx", certificateId: subject });
  probes.push(
    pathProbe("Client_certificates", `/zones/${zoneId}/Client_certificates/${subject}`),
    pathProbe("client_certificate", `/zones/${zoneId}/client_certificate/${subject}`),
    pathProbe("doubled slash", `/zones/${zoneId}/client_certificates//${subject}`),
    pathProbe("segment added", `${path}/details`),
  );
  probes.push(
    { name: "POST details", kind: "other", method: "POST", path, headers: token, expect: "4xx" },
    { name: "unknown route", kind: "other", path: `/zones/${zoneId}/certificates`, headers: token, expect: "4xx" },
    // The safe methods besides GET and HEAD, without credentials (a TRACE answer reflects them): what the path allows.
    { name: "OPTIONS details", kind: "method", method: "OPTIONS", path, headers: json, expect: "4xx" },
    { name: "TRACE details", kind: "method", method: "TRACE", path, headers: json, expect: "4xx" },
  );
  return probes;
}

/** How long the battery waits, after an answer to a request that said Connection: close, for the server to close the connection. */
const CLOSE_WAIT_MS = 2000;

/**
 * Sends the probes and keeps the answers, in plan order: those sent first, then the rest
 * concurrently (a kept-alive group on one connection, in turn), then those sent last. Every target
 * goes verbatim (dot segments, doubled slashes). `timeoutMs` is for a server that hangs (a slow
 * machine must not make an answer look missing).
 */
export async function runBattery(server: ReferenceServer, probes = planBattery(server), timeoutMs = 10_000): Promise<ProbeResult[]> {
  const origin = new URL(server.baseUrl).origin;
  const basePath = new URL(server.baseUrl).pathname;
  const exchanges = new Map<Probe, WireExchange>();
  const one = async (probe: Probe) => {
    exchanges.set(probe, await sendWire(origin, basePath + probe.path, {
      method: probe.method, headers: probe.headers, timeoutMs, ...(probe.httpVersion ? { httpVersion: probe.httpVersion } : {}),
      // A correct server closes at once; a second is far more than a loaded machine needs.
      ...(probe.awaitClose ? { awaitCloseMs: CLOSE_WAIT_MS } : {}),
    }));
  };
  const groups = new Map<string, Probe[]>();
  for (const p of probes) if (p.connection) groups.set(p.connection, [...(groups.get(p.connection) ?? []), p]);
  const inGroup = async (group: Probe[]) => {
    const answers = await sendInTurn(origin, group.map((p) => ({ target: basePath + p.path, request: { method: p.method, headers: p.headers } })), timeoutMs);
    group.forEach((p, i) => exchanges.set(p, answers[i]!));
  };
  await Promise.all(probes.filter((p) => p.order === "first").map(one));
  await atMost(IN_FLIGHT, [
    ...probes.filter((p) => !p.order && !p.connection).map((p) => () => one(p)),
    ...[...groups.values()].map((group) => () => inGroup(group)),
  ]);
  await Promise.all(probes.filter((p) => p.order === "last").map(one));
  return probes.map((probe) => ({ probe, exchange: exchanges.get(probe)! }));
}

/**
 * Requests in flight at once. Each request's timeout runs from when it is sent: with every probe
 * in flight together, a loaded machine busy with a 9 MiB answer let the others' timeouts run out
 * before they were read. Enough that the hanging reads of a fault (27 when every good read hangs) wait together.
 */
const IN_FLIGHT = 32;

/** Runs the tasks, at most `limit` at once, in order. */
async function atMost(limit: number, tasks: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
