import type { OperationSpec } from "../schema/operation-spec.ts";
import type { DerivedLevel, Level, Requirement, ResolvedRequirement } from "./types.ts";

/** The level of a requirement under a document: fixed, or decided by the operation's security. */
export function levelIn(level: Level | DerivedLevel, spec: OperationSpec): Level {
  if (typeof level === "string") return level;
  const declared = level.declaredBy === "any" ? spec.declaredSchemes.size > 0 : spec.declaredSchemes.has(level.declaredBy);
  return declared ? level.declared : level.otherwise;
}

/** One line saying how a derived level is decided ("must where the operation's security lists the API token, else should"). */
export function describeLevel(level: Level | DerivedLevel): string {
  if (typeof level === "string") return level;
  const what = level.declaredBy === "any" ? "any credential scheme" : level.declaredBy === "token" ? "the API token" : "api_email + api_key";
  return `${level.declared} where the operation's security lists ${what}, else ${level.otherwise}`;
}

const resolved = new WeakMap<OperationSpec, Map<string, ResolvedRequirement>>();

/** A requirement as `spec` makes it (cached per document). */
export function resolveRequirement(r: Requirement, spec: OperationSpec): ResolvedRequirement {
  let bySpec = resolved.get(spec);
  if (!bySpec) resolved.set(spec, (bySpec = new Map()));
  let out = bySpec.get(r.id);
  if (!out) {
    out = Object.freeze({
      id: r.id, family: r.family, level: levelIn(r.level, spec), statement: r.statement,
      spec: spec.resolve(r.place).pointer, reason: r.reason, ...(r.untrippable ? { untrippable: r.untrippable } : {}),
    });
    bySpec.set(r.id, out);
  }
  return out;
}
