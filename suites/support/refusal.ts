import type { ExchangeResponse } from "../../src/http/index.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import type { Checker } from "./check.ts";
import { carriesCertificateData, describeProbe, is4xx, jsonBody, shown } from "./evidence.ts";

/**
 * "Refused with a 4xx failure envelope and no certificate data": a 4xx status, a JSON
 * body whose `success` is false, and nothing of a certificate. The envelope's full
 * shape is ERR's business; this is what makes a refusal a refusal. Undefined: refused.
 */
export function refusalProblem(res: ExchangeResponse): string | undefined {
  if (!is4xx(res)) return `answered ${res.status}, expected a 4xx refusal`;
  const body = jsonBody(res);
  const success = body.ok && body.value !== null && typeof body.value === "object" ? (body.value as { success?: unknown }).success : undefined;
  if (success !== false) return `the ${res.status} body is not a failure envelope (success is ${body.ok ? shown(success) : "unreadable: " + body.why})`;
  if (carriesCertificateData(res)) return "the refusal carries certificate data";
  return undefined;
}

/**
 * One refusal check of a probe (withResponse first: no answer, or a 429, is "could not tell").
 * The smallest identifier shrinking found says so, so a reader starts from it.
 */
export function expectRefusal(c: Checker, r: ProbeResult): void {
  c.withResponse(r, (res) => {
    // A refusal the suite cut could be a failure envelope or not: that is "could not tell".
    const body = jsonBody(res);
    if (is4xx(res) && !body.ok && body.cut) return c.couldNotTell(`${describeProbe(r)}: ${body.why}`);
    const problem = refusalProblem(res);
    const smallest = r.probe.shrink?.minimal ? `the smallest wrongly answered identifier found by shrinking, ${JSON.stringify(r.probe.idPosition === "zone" ? r.probe.zoneId : r.probe.certificateId)}: ` : "";
    c.expect(problem === undefined, () => `${smallest}${problem}`, r);
  });
}
