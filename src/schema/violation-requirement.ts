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
    // A member of the certificate given two values: the certificate's members are not each one value of their type.
    { path: /^\/result\/[^/]+$/, keyword: /^uniqueNames$/, requirement: "RESULT-MEMBER-TYPES" },
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
  return requirementAt(cls, instancePath, keyword) ?? FALLBACK[cls];
}

/** The requirement of a place a rule names, or undefined for a place the rules do not name (a member beside the documented ones). */
export function requirementAt(cls: ResponseClass, instancePath: string, keyword: string): string | undefined {
  return RULES[cls].find((r) => r.path.test(instancePath) && (!r.keyword || r.keyword.test(keyword)))?.requirement;
}
