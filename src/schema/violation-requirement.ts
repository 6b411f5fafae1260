import type { ResponseClass } from "./extract.ts";

/**
 * Which requirement a violation of the generated (spec) schema breaks, by where in
 * the body it is and which keyword failed. Ordered: the first matching rule wins.
 * Overlay (strict) violations name their erratum's requirement instead.
 */
interface Rule { path: RegExp; keyword?: RegExp; requirement: string }

const RULES: Record<ResponseClass, Rule[]> = {
  "success-200": [
    { path: /^$/, requirement: "ENV-REQUIRED-MEMBERS" },
    { path: /^\/success$/, requirement: "ENV-SUCCESS-TRUE" },
    { path: /^\/errors(\/|$)/, requirement: "ENV-ERRORS-ITEMS" },
    { path: /^\/messages(\/|$)/, requirement: "ENV-MESSAGES-ITEMS" },
    { path: /^\/result$/, requirement: "ENV-RESULT-TYPE" },
    { path: /^\/result\/status$/, requirement: "STATUS-ENUM" },
    { path: /^\/result\/id$/, keyword: /^maxLength$/, requirement: "ID-RESULT-MAXLENGTH" },
    { path: /^\/result\//, requirement: "RESULT-MEMBER-TYPES" },
  ],
  "failure-4xx": [
    { path: /^$/, requirement: "ERR-REQUIRED-MEMBERS" },
    { path: /^\/success$/, requirement: "ERR-SUCCESS-FALSE" },
    { path: /^\/result$/, requirement: "ERR-RESULT-NULL" },
    { path: /^\/(errors|messages)(\/|$)/, requirement: "ERR-ITEMS-SHAPE" },
  ],
};

const FALLBACK: Record<ResponseClass, string> = { "success-200": "ENV-REQUIRED-MEMBERS", "failure-4xx": "ERR-REQUIRED-MEMBERS" };

export function requirementForSpecViolation(cls: ResponseClass, instancePath: string, keyword: string): string {
  const rule = RULES[cls].find((r) => r.path.test(instancePath) && (!r.keyword || r.keyword.test(keyword)));
  return rule?.requirement ?? FALLBACK[cls];
}
