import type { ProbeResult } from "../../src/run/execute.ts";
import type { Checker } from "./check.ts";
import { carriesCertificateData, describeProbe, is4xx, jsonBody } from "./evidence.ts";

/**
 * "Refused with a 4xx failure envelope and no certificate data": a 4xx status, a JSON
 * body whose `success` is false, and nothing of a certificate. The envelope's full
 * shape is ERR's business; this is what makes a refusal a refusal.
 */
export function expectRefusal(c: Checker, r: ProbeResult): void {
  c.withResponse(r, (res) => {
    if (!c.expect(is4xx(res), `answered ${res.status}, expected a 4xx refusal`, r)) return;
    const body = jsonBody(res);
    if (!body.ok && body.cut) return c.couldNotTell(`${describeProbe(r)}: ${body.why}`);
    const success = body.ok && body.value !== null && typeof body.value === "object" ? (body.value as { success?: unknown }).success : undefined;
    if (!c.expect(success === false, `the ${res.status} body is not a failure envelope (success is ${body.ok ? JSON.stringify(success) : "unreadable: " + body.why})`, r)) return;
    c.expect(!carriesCertificateData(res), "the refusal carries certificate data", r);
  });
}
