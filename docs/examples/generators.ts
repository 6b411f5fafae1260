import fc from "fast-check";
import { validateResponse } from "client-cert-conformance";
import { conformanceArbitraries } from "client-cert-conformance/generators";

const arbitraries = await conformanceArbitraries({ seed: 7 });
// Every generated 200 body is valid; every tagged mutation breaks the requirement it names.
fc.assert(fc.property(arbitraries.success, (body) => validateResponse(body, { status: 200 }).length === 0), { seed: 7, numRuns: 50 });
fc.assert(fc.property(arbitraries.mutatedFailure, ([mutation, body]) =>
  validateResponse(body, { status: 404, profile: "strict" }).some((v) => v.requirementId === mutation.requirement.id)), { seed: 7, numRuns: 50 });
console.log("both properties hold"); // → both properties hold
