import type { CredentialScheme, Exchange, GetOptions } from "../http/index.ts";
import { listPath, type Probe } from "./probes.ts";

/** A probe and what came back: the evidence every check reads. Plain data, JSON-serialisable (reports hold it; it is copied into the thread that judges a CLI run). */
/** Sends one GET (the client's `get`, possibly wrapped by the target, e.g. to mark what a cassette lacks). */
export type Send = (path: string, opts: GetOptions) => Promise<Exchange>;

export interface ProbeResult {
  probe: Probe;
  exchange: Exchange;
}

export interface Discovery {
  certificateIds: string[];
  exchange?: Exchange;
  /** Why nothing was discovered, when nothing was. */
  problem?: string;
}

/** Most certificates a discovered run reads: enough to see several statuses, few enough for a live budget. */
export const MAX_DISCOVERED = 8;

/**
 * Finds certificate ids read-only with the list operation (GET /zones/{zone}/client_certificates),
 * with each configured scheme in turn until one is answered 200 (a target may refuse one scheme:
 * that is for AUTH-*-ACCEPTED to report, not a reason to stop the run).
 */
export async function discoverCertificates(send: Send, zoneId: string, schemes: CredentialScheme[]): Promise<Discovery> {
  let last: Discovery = { certificateIds: [], problem: "no credential scheme configured" };
  for (const scheme of schemes) {
    last = await discoverWith(send, zoneId, scheme);
    if (last.certificateIds.length || (last.exchange?.error && !serverSpoke(last.exchange))) return last;
  }
  return last;
}

async function discoverWith(send: Send, zoneId: string, scheme: CredentialScheme): Promise<Discovery> {
  const exchange = await send(`${listPath(zoneId)}?per_page=50`, { auth: scheme, label: `discover certificates (list operation, ${scheme} scheme)` });
  // An answer cut short still names the certificates it lists (another operation: read only to find ids).
  if (exchange.error && !(exchange.response && serverSpoke(exchange))) return { certificateIds: [], exchange, problem: `the list operation could not be read: ${exchange.error.message}` };
  const { status, body } = exchange.response!;
  if (status !== 200) return { certificateIds: [], exchange, problem: `the list operation answered ${status}; pass --certificate ID (or CLOUDFLARE_CLIENT_CERTIFICATE_IDS) instead` };
  try {
    const parsed = JSON.parse(body) as { result?: { id?: unknown; status?: unknown }[] };
    const items = Array.isArray(parsed.result) ? parsed.result : [];
    // One of each status first, so a short list still sees the enum's variety.
    const byStatus = new Map<unknown, string>();
    for (const item of items) if (typeof item.id === "string" && !byStatus.has(item.status)) byStatus.set(item.status, item.id);
    const ids = [...new Set([...byStatus.values(), ...items.map((i) => i.id).filter((id): id is string => typeof id === "string")])];
    if (!ids.length) return { certificateIds: [], exchange, problem: "the zone has no client certificates to read; create one, or pass --certificate ID" };
    return { certificateIds: ids.slice(0, MAX_DISCOVERED), exchange };
  } catch {
    // Another operation's body, read only to find ids: a body that is not quite JSON still names them.
    const ids = [...new Set([...body.matchAll(/"id"\s*:\s*"([0-9a-f]{32})"/g)].map((m) => m[1]!))];
    if (ids.length) return { certificateIds: ids.slice(0, MAX_DISCOVERED), exchange };
    return { certificateIds: [], exchange, problem: "the list operation's body is not JSON; pass --certificate ID instead" };
  }
}

/** A second zone and certificates of it, for the zone-scoping probes; what was sent to find them. */
export interface OtherZone {
  zoneId: string;
  certificateIds: string[];
}

/**
 * A second zone the credentials can read, and up to two of its certificates (read-only: GET /zones,
 * then its list), or undefined when there is none (a single-zone account, a target without
 * /zones): its probes are then not planned, which is no failure.
 */
export async function discoverOtherZone(send: Send, zoneId: string, scheme: CredentialScheme, given?: string): Promise<OtherZone | undefined> {
  /** The ids of a list envelope's result items (other operations' bodies: read leniently, only to find ids). */
  const idsIn = (body: string): string[] => {
    try {
      const items = (JSON.parse(body) as { result?: { id?: unknown }[] }).result;
      return Array.isArray(items) ? items.map((i) => i?.id).filter((id): id is string => typeof id === "string" && /^[0-9a-f]{32}$/.test(id)) : [];
    } catch {
      return [];
    }
  };
  let other = given;
  if (!other) {
    const zones = await send("/zones?per_page=50", { auth: scheme, label: "find a second zone (GET /zones)" });
    if (zones.error || zones.response?.status !== 200) return undefined;
    other = idsIn(zones.response.body).find((id) => id !== zoneId);
    if (!other) return undefined;
  }
  const list = await send(`${listPath(other)}?per_page=50`, { auth: scheme, label: `list the second zone's certificates (${other})` });
  if (list.error || list.response?.status !== 200) return { zoneId: other, certificateIds: [] };
  return { zoneId: other, certificateIds: idsIn(list.response.body).slice(0, 2) };
}

/**
 * Whether an exchange got the server's answer: a complete HTTP response that is not 429. A
 * request the suite never sent (budget, a header HTTP forbids) or a cassette lacks is neither
 * answered nor unanswered: it says nothing about the server.
 */
export function answerOf(exchange: Exchange): "answered" | "unanswered" | "not-sent" {
  // (See serverSpoke: a message cut short is unanswered, though it shows the server is up.)
  if (exchange.attempts === 0 || exchange.error?.kind === "not-recorded") return "not-sent";
  if (exchange.error || !exchange.response) return "unanswered";
  return exchange.response.status === 429 ? "unanswered" : "answered";
}

/**
 * Whether the server sent an HTTP answer at all, complete or not (a status line the suite read):
 * then it is up, whatever else is wrong with the answer. Only a target from which no answer comes
 * is down.
 */
export function serverSpoke(exchange: Exchange): boolean {
  return answerOf(exchange) === "answered" || (exchange.response?.wire !== undefined && exchange.response.status > 0 && exchange.response.status !== 429);
}

/** One line saying why an exchange got no judgeable answer (the cause travels to the checks and the report). */
export function unansweredCause(exchange: Exchange): string {
  if (exchange.error) return `${exchange.error.kind}: ${exchange.error.message}`;
  if (exchange.response?.status === 429) return `429 Too Many Requests after ${exchange.attempts} attempt${exchange.attempts === 1 ? "" : "s"}${exchange.response.headers["retry-after"] ? ` (Retry-After: ${exchange.response.headers["retry-after"]})` : ""}`;
  return "no response";
}

/** The control read of a run: the first certificate, with the scheme reads use. */
export function controlProbe(read: Probe | undefined): Probe | undefined {
  if (!read) return undefined;
  return { ...read, key: `control:${read.certificateId}`, kind: "control", label: `control read of ${read.certificateId} (is the server answering?)`, repeat: undefined, priority: 0 };
}
