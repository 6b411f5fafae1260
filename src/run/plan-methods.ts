import type { OperationSpec } from "../schema/operation-spec.ts";
import { OTHER_METHODS } from "../http/methods.ts";
import type { Probe } from "./probes.ts";

/**
 * Requests on the operation's path with another method than GET: OPTIONS and TRACE, the safe
 * methods besides HEAD (RFC 9110 §9.2.1), on a certificate that exists. They ask what the path
 * allows (HTTP-ALLOW-ACCURATE: a 405's Allow) and whether TRACE is served (HTTP-TRACE-REFUSED).
 *
 * Sent without credentials or the user's own headers: a TRACE answer reflects the request, and a
 * client MUST NOT put sensitive data in one (RFC 9110 §9.3.8); OPTIONS likewise, so the two ask
 * alike. Never planned for a live run (live sends GET alone), and left to the end of the plan.
 */
export function planMethodProbes(spec: OperationSpec, zoneId: string, certificateId: string | undefined): Probe[] {
  if (certificateId === undefined) return [];
  return OTHER_METHODS.map((method): Probe => ({
    key: `method:${method.toLowerCase()}`, kind: "method", method, priority: 2,
    label: `${method} on a certificate's path, without credentials`,
    path: spec.detailsPath(zoneId, certificateId), auth: "none", zoneId, certificateId,
    // A server may answer OPTIONS (RFC 9110 §9.3.7); TRACE it should refuse.
    expect: method === "OPTIONS" ? "200-or-4xx" : "4xx",
  }));
}
