import { validateResponse } from "client-cert-conformance";

const body = { success: true, errors: [], messages: [], result: { id: "023e105f4ecef8ad9ca31a8372d0c353", status: "ACTIVE" } };
const violations = validateResponse(body, { status: 200 });
console.log(violations.map((v) => v.requirementId).join(", ")); // → STATUS-ENUM
console.log(validateResponse(body, { status: 200, profile: "strict" }).some((v) => v.requirementId === "RESULT-REQUIRED-MEMBERS")); // → true
