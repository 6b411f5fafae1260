import { AUTH_FAULTS } from "./auth.ts";
import { ENV_FAULTS } from "./env.ts";
import { ERR_FAULTS } from "./err.ts";
import { HTTP_FAULTS } from "./http.ts";
import { HTTP_WIRE_FAULTS } from "./http-wire.ts";
import { ID_FAULTS } from "./id.ts";
import { RESULT_FAULTS } from "./result.ts";
import { STATUS_FAULTS } from "./status.ts";
import { X509_FAULTS } from "./x509.ts";
import { X509_ENCODING_FAULTS } from "./x509-encoding.ts";
import { hasRequirement } from "../../registry/index.ts";
import type { Fault, FaultHooks } from "./types.ts";
import { BLIND_FAULTS } from "../blind/index.ts";

export type * from "./types.ts";
export { AUTH_REFUSALS } from "./types.ts";

/** The fault catalogue, in the registry's family order. */
export const FAULTS: readonly Fault[] = Object.freeze([
  ...HTTP_FAULTS, ...HTTP_WIRE_FAULTS, ...ENV_FAULTS, ...RESULT_FAULTS, ...STATUS_FAULTS, ...ID_FAULTS, ...AUTH_FAULTS, ...ERR_FAULTS, ...X509_FAULTS, ...X509_ENCODING_FAULTS,
]);

const BY_NAME = new Map(FAULTS.map((f) => [f.name, f]));
if (BY_NAME.size !== FAULTS.length) throw new Error("duplicate fault name in the catalogue");
for (const f of FAULTS) {
  for (const id of [...f.trips, ...(f.incidental ?? [])]) {
    if (!hasRequirement(id)) throw new Error(`fault ${f.name} names unknown requirement ${id}`);
  }
}

/** The prefix that names a fault of the blind catalogue (src/reference/blind/): `blind/<name>`. */
export const BLIND_PREFIX = "blind/";
const BLIND_BY_NAME = new Map(BLIND_FAULTS.map((f) => [`${BLIND_PREFIX}${f.name}`, f]));
if (BLIND_BY_NAME.size !== BLIND_FAULTS.length) throw new Error("duplicate fault name in the blind catalogue");

/** A fault name that is not in the catalogue. */
export class UnknownFaultError extends Error {
  constructor(readonly names: string[]) {
    super(`unknown fault${names.length > 1 ? "s" : ""} ${names.map((n) => JSON.stringify(n)).join(", ")}; known faults: ${FAULTS.map((f) => f.name).join(", ")}${BLIND_FAULTS.length ? `, and the blind catalogue's as ${BLIND_PREFIX}NAME` : ""}`);
    this.name = "UnknownFaultError";
  }
}

/** The faults of these names, in order (a name given twice applies once). @throws UnknownFaultError */
export function faultsByName(names: readonly string[]): Fault[] {
  const unknown = names.filter((n) => !BY_NAME.has(n));
  if (unknown.length > 0) throw new UnknownFaultError(unknown);
  return [...new Set(names)].map((n) => BY_NAME.get(n)!);
}

/**
 * The hooks of these names, in order, from either catalogue: a fault's own name, or
 * `blind/<name>` for the blind catalogue's. @throws UnknownFaultError
 */
export function faultHooksByName(names: readonly string[]): { name: string; apply: FaultHooks }[] {
  const unknown = names.filter((n) => !BY_NAME.has(n) && !BLIND_BY_NAME.has(n));
  if (unknown.length > 0) throw new UnknownFaultError(unknown);
  return [...new Set(names)].map((name) => ({ name, apply: (BY_NAME.get(name) ?? BLIND_BY_NAME.get(name))!.apply }));
}

export function faultByName(name: string): Fault | undefined {
  return BY_NAME.get(name);
}

/** Requirement id -> the faults that must trip it. */
export function faultsByRequirement(): Map<string, Fault[]> {
  const out = new Map<string, Fault[]>();
  for (const f of FAULTS) for (const id of f.trips) out.set(id, [...(out.get(id) ?? []), f]);
  return out;
}
