import type { CredentialScheme, Exchange, ExchangeError, GetOptions } from "../http/index.ts";
import { listPath, type Probe } from "./probes.ts";

/** A probe and what came back: the evidence every check reads. JSON-serialisable (it crosses into vitest workers). */
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
    if (last.certificateIds.length || last.exchange?.error) return last;
  }
  return last;
}

async function discoverWith(send: Send, zoneId: string, scheme: CredentialScheme): Promise<Discovery> {
  const exchange = await send(`${listPath(zoneId)}?per_page=50`, { auth: scheme, label: `discover certificates (list operation, ${scheme} scheme)` });
  if (exchange.error) return { certificateIds: [], exchange, problem: `the list operation could not be read: ${exchange.error.message}` };
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
    return { certificateIds: [], exchange, problem: "the list operation's body is not JSON; pass --certificate ID instead" };
  }
}

/** The evidence of a probe that was never sent, and why (the run stopped, or the target had stopped answering). */
function notSent(probe: Probe, seq: number, why: string): Exchange {
  return {
    seq, label: probe.label, attempts: 0, curl: "",
    request: { method: "GET", url: probe.path, headers: {} },
    error: { kind: "stopped", message: `not sent: ${why}` },
    timing: { startedAt: new Date().toISOString(), durationMs: 0 },
  };
}

/** The error of the last probe that was actually sent: what "stopped answering" looked like. */
function lastCause(results: ProbeResult[]): ExchangeError | undefined {
  for (let i = results.length - 1; i >= 0; i--) if (results[i]!.exchange.attempts > 0) return results[i]!.exchange.error;
  return undefined;
}

/**
 * Sends every probe through the one client (budget, rate, retries and redaction are its
 * business). Once `giveUp()` says so, or `stop` is aborted, the rest are not sent and are kept as
 * unanswered (kind `stopped`), with the cause in their message.
 */
export async function executeProbes(
  send: Send, probes: Probe[],
  onProgress?: (done: number, total: number, result: ProbeResult) => void, giveUp: () => boolean = () => false,
  stop?: AbortSignal,
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const probe of probes) {
    let exchange: Exchange;
    if (stop?.aborted) {
      exchange = notSent(probe, results.length + 1, (stop.reason as Error)?.message ?? "the run was stopped");
    } else if (giveUp()) {
      const cause = lastCause(results);
      exchange = notSent(probe, results.length + 1, `the target had stopped answering${cause ? ` (last: ${cause.kind}: ${cause.message})` : ""}`);
    } else {
      exchange = await send(probe.path, { auth: probe.auth, label: probe.label, publicHeaderValues: probe.publicHeaderValues });
    }
    const result = { probe, exchange };
    results.push(result);
    onProgress?.(results.length, probes.length, result);
  }
  return results;
}
