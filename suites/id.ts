import { ID_EXISTENCE_HIDDEN, ID_MALFORMED_REFUSED, ID_MAXLENGTH_CERTIFICATE, ID_MAXLENGTH_ZONE, ID_RESULT_ECHO, ID_RESULT_FORMAT, ID_RESULT_MAXLENGTH, ID_UNKNOWN_REFUSED, ID_ZONE_SCOPED } from "../src/registry/index.ts";
import type { IdCase } from "../src/run/probes.ts";
import { conformsTo } from "./support/check.ts";
import { probesOfKind, type CheckContext } from "./support/context.ts";
import { resultObject, shown } from "./support/evidence.ts";
import { expectRefusal } from "./support/refusal.ts";
import { expectSameRefusals } from "./support/same-answer.ts";
import { schemaCheck } from "./schema-checks.ts";

/** The identifier probes of a case, the smallest shrunk identifier first (its failure is the one a reader should see first). */
const idProbes = (ctx: CheckContext, idCase: IdCase, position?: "zone" | "certificate") =>
  probesOfKind(ctx, "id").filter((r) => r.probe.idCase === idCase && (!position || r.probe.idPosition === position))
    .sort((a, b) => Number(b.probe.shrink?.minimal ?? false) - Number(a.probe.shrink?.minimal ?? false));

/** ID: identifier limits in both path positions, malformed and unknown identifiers, zone scoping, and result.id. */
export const ID_CHECKS = [
  conformsTo(ID_MAXLENGTH_ZONE, (ctx, c) => idProbes(ctx, "overlong", "zone").forEach((r) => expectRefusal(c, r))),
  conformsTo(ID_MAXLENGTH_CERTIFICATE, (ctx, c) => idProbes(ctx, "overlong", "certificate").forEach((r) => expectRefusal(c, r))),
  schemaCheck(ID_RESULT_MAXLENGTH, "success-200"),
  schemaCheck(ID_RESULT_FORMAT, "success-200"),
  conformsTo(ID_RESULT_ECHO, (ctx, c) => {
    for (const r of probesOfKind(ctx, "read")) {
      c.withResponse(r, (res) => {
        if (res.status !== 200) return; // HTTP-EXISTING-200 speaks for it
        const result = resultObject(res);
        if (!result) return; // ENV-* speak for it
        c.expect(result.id === r.probe.certificateId, () => `result.id is ${shown(result.id)}, expected the requested ${JSON.stringify(r.probe.certificateId)}`, r);
      });
    }
  }),
  conformsTo(ID_MALFORMED_REFUSED, (ctx, c) => idProbes(ctx, "malformed").forEach((r) => expectRefusal(c, r))),
  conformsTo(ID_UNKNOWN_REFUSED, (ctx, c) => idProbes(ctx, "unknown").forEach((r) => expectRefusal(c, r))),
  conformsTo(ID_ZONE_SCOPED, (ctx, c) => idProbes(ctx, "other-zone").forEach((r) => expectRefusal(c, r))),
  conformsTo(ID_EXISTENCE_HIDDEN, (ctx, c) => expectSameRefusals(ctx, c, ID_EXISTENCE_HIDDEN.id)),
];
