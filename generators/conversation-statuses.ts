import fc from "fast-check";
import { CERTIFICATE_STATUSES, type CertificateStatus } from "./certificates.ts";
import type { RequestFacts } from "./exchange-cases.ts";

/**
 * The statuses a run sees its certificates in: each certificate starts in any status and moves
 * only forward through the documented transitions (active → pending_revocation → revoked →
 * pending_reactivation → active), one step at a time, at most twice in a run. Every read of it and
 * every list of the zone (before and after the probes) sees the status it has then.
 *
 * At most two steps, so that no two sightings are three steps apart: a run that misses the
 * sightings in between (a read refused, an answer lost) still never sees a status go back.
 */

/** The documented transitions, in order (the last moves on to the first). */
export const LIFECYCLE: readonly CertificateStatus[] = ["active", "pending_revocation", "revoked", "pending_reactivation"];

/** The status `steps` transitions after `status`. */
export function forward(status: CertificateStatus, steps = 1): CertificateStatus {
  return LIFECYCLE[(LIFECYCLE.indexOf(status) + steps) % LIFECYCLE.length]!;
}

/** The status a certificate was in just before `status` (the one it cannot go back to). */
export function before(status: CertificateStatus): CertificateStatus {
  return forward(status, LIFECYCLE.length - 1);
}

/** Which requests see which certificates: a read (or control read) its own, a list every one. */
function sightings(requests: readonly RequestFacts[], ids: readonly string[]): Map<string, number[]> {
  const seen = new Map(ids.map((id) => [id, [] as number[]]));
  requests.forEach((r, i) => {
    if (r.kind === "list") for (const id of ids) seen.get(id)!.push(i);
    else if ((r.kind === "read" || r.kind === "control") && r.certificateId !== undefined) seen.get(r.certificateId)?.push(i);
  });
  return seen;
}

/** One certificate's statuses over `n` sightings: a start, and up to two forward steps at sightings after the first. */
function statusSequenceArbitrary(n: number): fc.Arbitrary<CertificateStatus[]> {
  const steps = n < 2 ? fc.constant<number[]>([])
    : fc.oneof(
      { arbitrary: fc.constant<number[]>([]), weight: 3 },
      { arbitrary: fc.uniqueArray(fc.integer({ min: 1, max: n - 1 }), { minLength: 1, maxLength: Math.min(2, n - 1) }), weight: 2 },
    );
  return fc.tuple(fc.constantFrom(...CERTIFICATE_STATUSES), steps).map(([start, at]) =>
    Array.from({ length: n }, (_, k) => forward(start, at.filter((s) => s <= k).length)));
}

/**
 * For each request of `requests` (by position), the status of each certificate it sees: a
 * certificate's sightings, in request order, follow one statusSequenceArbitrary.
 */
export function statusPlanArbitrary(requests: readonly RequestFacts[], ids: readonly string[]): fc.Arbitrary<Map<number, Map<string, CertificateStatus>>> {
  const seen = sightings(requests, ids);
  return fc.tuple(...ids.map((id) => statusSequenceArbitrary(seen.get(id)!.length))).map((sequences) => {
    const plan = new Map<number, Map<string, CertificateStatus>>();
    ids.forEach((id, c) => seen.get(id)!.forEach((position, k) => {
      if (!plan.has(position)) plan.set(position, new Map());
      plan.get(position)!.set(id, sequences[c]![k]!);
    }));
    return plan;
  });
}
