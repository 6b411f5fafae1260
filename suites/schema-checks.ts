import type { ExchangeResponse } from "../src/http/index.ts";
import type { Requirement } from "../src/registry/types.ts";
import type { ResponseClass } from "../src/schema/extract.ts";
import { formatViolation, responseValidator } from "../src/schema/validator.ts";
import { requirementAt } from "../src/schema/violation-requirement.ts";
import type { ProbeResult } from "../src/run/execute.ts";
import { conformsTo, isBurst429, type Check } from "./support/check.ts";
import type { CheckContext } from "./support/context.ts";
import { describeProbe, is4xx, jsonBody, jsonLexicalFactsOf, malformedValueOf } from "./support/evidence.ts";

/** The responses of a class seen anywhere in the run: 200s of the read probes, every 4xx. */
export function responsesOfClass(ctx: CheckContext, cls: ResponseClass): ProbeResult[] {
  return ctx.results.filter((r) => {
    const res = r.exchange.response;
    if (!res || r.exchange.error) return false;
    // A 429 is the server declining to answer, not its answer to the probe: no failure envelope is judged on it,
    // but for a read of the burst, which asked to be turned away.
    return cls === "success-200" ? res.status === 200 : is4xx(res) && (res.status !== 429 || isBurst429(r));
  });
}

/**
 * A requirement the schemas express: every body of the class, validated under the
 * profile of its level (must: spec, exactly the document; should: strict, with the
 * errata), fails on the violations that name this requirement.
 */
export function schemaCheck(requirement: Requirement, cls: ResponseClass, extra?: (r: ProbeResult, res: ExchangeResponse) => boolean, opts: { notJsonFails?: boolean } = {}): Check {
  return conformsTo(requirement, (ctx, c) => {
    const profile = c.level === "must" ? "spec" : "strict";
    const validator = responseValidator(c.spec);
    for (const r of responsesOfClass(ctx, cls)) {
      const res = r.exchange.response!;
      if (extra && !extra(r, res)) continue;
      const body = jsonBody(res);
      if (!body.ok) {
        // A body the suite cut could be valid: that is "could not tell". Anything else: HTTP-JSON-BODY speaks for it,
        // and the envelope's own requirement (notJsonFails): a body that is not JSON is no envelope at all.
        if (body.cut) c.couldNotTell(`${describeProbe(r)}: ${body.why}`);
        else if (opts.notJsonFails) c.fail(`the ${res.status} body is no envelope: ${body.why}`, r);
        else {
          // A value whose own token is no JSON is the defect of the place it is in, as a wrong type would be.
          const bad = malformedValueOf(res);
          if (bad && requirementAt(cls, bad.pointer, "type") === requirement.id) c.fail(`${bad.pointer} is written ${bad.lexeme}: ${bad.why}`, r);
        }
        continue;
      }
      const violations = validator.validate(cls, body.value, profile, jsonLexicalFactsOf(res)).filter((v) => v.requirementId === requirement.id);
      c.expect(violations.length === 0, () => violations.map(formatViolation).join("; "), r, violations.map((v) => v.instancePath));
    }
  });
}
