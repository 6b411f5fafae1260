import { FAULTS } from "../reference/index.ts";

/**
 * src/api/fault-names.ts: the fault catalogue's names as a TypeScript union, so an unknown name
 * passed to `startReferenceServer({ faults })` is a type error. Generated (`npm run api:faults`)
 * because the catalogue's entries are typed `name: string`; `npm test` fails when it is stale.
 */
export function renderFaultNames(): string {
  return [
    "// Generated from the fault catalogue (src/reference/faults/) by `npm run api:faults`; do not edit.",
    "// `npm test` fails when it is stale.",
    "",
    "/** A fault of the catalogue (`FAULTS`, `client-cert-conformance serve --list-faults`), by name. */",
    "export type CatalogueFaultName =",
    ...FAULTS.map((f, i) => `  | ${JSON.stringify(f.name)}${i === FAULTS.length - 1 ? ";" : ""}`),
    "",
    "/** A fault `startReferenceServer` applies: one of the catalogue's, or one of the blind catalogue's as `blind/NAME`. */",
    "export type FaultName = CatalogueFaultName | `blind/${string}`;",
    "",
  ].join("\n");
}
