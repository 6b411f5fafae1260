import type { ProbeResult } from "../../src/run/execute.ts";
import type { Checker } from "./check.ts";
import type { CheckContext } from "./context.ts";
import { is4xx, jsonBody } from "./evidence.ts";
import { errorCodesOf } from "./fields.ts";

/** A refusal as a client can tell refusals apart: its status and its error codes. */
function refusalSignature(r: ProbeResult): string {
  const res = r.exchange.response!;
  const body = jsonBody(res);
  return `${res.status} with error codes ${body.ok ? errorCodesOf(body.value) : "(no JSON body)"}`;
}

/**
 * The pairs of probes that must be refused alike (`Probe.sameAnswerAs` naming `requirementId`):
 * the same status and the same error codes, so that the refusal tells nothing of whether the
 * certificate exists. A pair where either is no refusal is left to the refusal requirements.
 */
export function expectSameRefusals(ctx: CheckContext, c: Checker, requirementId: string): void {
  const byKey = new Map(ctx.results.map((r) => [r.probe.key, r]));
  for (const r of ctx.results) {
    if (r.probe.sameAnswerAs?.requirement !== requirementId) continue;
    const other = byKey.get(r.probe.sameAnswerAs.key);
    if (!other) continue;
    c.withResponse(other, (first) => c.withResponse(r, (res) => {
      if (!is4xx(first) || !is4xx(res) || first.status === 429 || res.status === 429) return;
      // A body the suite cut at its limit: its error codes are unknown, not different.
      const cut = [r, other].find((x) => !jsonBody(x.exchange.response!).ok && (jsonBody(x.exchange.response!) as { cut?: boolean }).cut);
      if (cut) return c.couldNotTell(`${cut.probe.label}: the body was cut at the suite's limit: its error codes cannot be compared`);
      const [a, b] = [refusalSignature(other), refusalSignature(r)];
      c.expect(a === b, () => `refused ${b}, but "${other.probe.label}" was refused ${a}: the answer tells whether the certificate exists`, r);
    }));
  }
}
