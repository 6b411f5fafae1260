import { AUTH_REQUIREMENTS } from "./families/auth.ts";
import { ENV_REQUIREMENTS } from "./families/env.ts";
import { ERR_REQUIREMENTS } from "./families/err.ts";
import { HTTP_REQUIREMENTS } from "./families/http.ts";
import { ID_REQUIREMENTS } from "./families/id.ts";
import { RESULT_REQUIREMENTS } from "./families/result.ts";
import { STATUS_REQUIREMENTS } from "./families/status.ts";
import { X509_REQUIREMENTS } from "./families/x509.ts";
import type { Requirement } from "./types.ts";

export * from "./families/auth.ts";
export * from "./families/env.ts";
export * from "./families/err.ts";
export * from "./families/http.ts";
export * from "./families/id.ts";
export * from "./families/result.ts";
export * from "./families/status.ts";
export * from "./families/x509.ts";
export * from "./types.ts";

/** The registry: every requirement, in family order. */
export const REQUIREMENTS: readonly Requirement[] = Object.freeze([
  ...HTTP_REQUIREMENTS, ...ENV_REQUIREMENTS, ...RESULT_REQUIREMENTS, ...STATUS_REQUIREMENTS,
  ...ID_REQUIREMENTS, ...AUTH_REQUIREMENTS, ...ERR_REQUIREMENTS, ...X509_REQUIREMENTS,
]);

const BY_ID = new Map(REQUIREMENTS.map((r) => [r.id, r]));
if (BY_ID.size !== REQUIREMENTS.length) throw new Error("duplicate requirement id in the registry");

/** The requirement with this id; throws on an unknown id (a typo is a defect, not a skip). */
export function requirementById(id: string): Requirement {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`unknown requirement id ${id}`);
  return r;
}

export function hasRequirement(id: string): boolean {
  return BY_ID.has(id);
}
