import { STATUS_ENUM, STATUS_TRANSITIONS } from "../src/registry/index.ts";
import type { ProbeResult } from "../src/run/execute.ts";
import { schemaCheck } from "./schema-checks.ts";
import { conformsTo } from "./support/check.ts";
import { jsonBody, resultObject } from "./support/evidence.ts";

/**
 * A status that cannot follow another in the documented transitions (active → pending_revocation →
 * revoked → pending_reactivation → active): the one just before it, which it has already gone past.
 */
const BACKWARDS: ReadonlyMap<string, string> = new Map([
  ["pending_revocation", "active"], ["revoked", "pending_revocation"], ["pending_reactivation", "revoked"], ["active", "pending_reactivation"],
]);

/** Each certificate's statuses as the run saw them, in the order they were seen: the list's items and every 200 read. */
function statusesSeen(results: readonly ProbeResult[]): Map<string, { status: string; r: ProbeResult }[]> {
  const seen = new Map<string, { status: string; r: ProbeResult }[]>();
  const note = (id: unknown, status: unknown, r: ProbeResult) => {
    if (typeof id !== "string" || typeof status !== "string") return;
    seen.set(id, [...(seen.get(id) ?? []), { status, r }]);
  };
  for (const r of [...results].sort((a, b) => a.exchange.seq - b.exchange.seq)) {
    const res = r.exchange.response;
    if (!res || r.exchange.error || res.status !== 200) continue;
    if (r.probe.kind === "list") {
      const body = jsonBody(res);
      const items = body.ok && body.value && typeof body.value === "object" ? (body.value as { result?: unknown }).result : undefined;
      if (Array.isArray(items)) for (const item of items) if (item && typeof item === "object") note((item as { id?: unknown }).id, (item as { status?: unknown }).status, r);
    } else if ((r.probe.kind === "read" || r.probe.kind === "control") && r.probe.certificateId) {
      note(r.probe.certificateId, resultObject(res)?.status, r);
    }
  }
  return seen;
}

/** STATUS: every status seen is in the enum, and statuses move only forward through the documented transitions. */
export const STATUS_CHECKS = [
  schemaCheck(STATUS_ENUM, "success-200"),
  conformsTo(STATUS_TRANSITIONS, (ctx, c) => {
    for (const [id, seen] of statusesSeen([...(ctx.lists ?? []), ...ctx.results])) {
      if (seen.length < 2) continue;
      for (let i = 1; i < seen.length; i++) {
        const [before, now] = [seen[i - 1]!, seen[i]!];
        c.expect(BACKWARDS.get(before.status) !== now.status, () => `certificate ${id} is ${now.status} here, after "${before.r.probe.label}" saw it ${before.status}: a certificate does not go back to ${now.status} once it is ${before.status}`, now.r);
      }
    }
    if (!c.checks) c.skip("no certificate was seen twice", "no-repeat-read");
  }),
];
