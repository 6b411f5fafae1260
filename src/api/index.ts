/**
 * client-cert-conformance as a library: run the suite from code, validate one body, start the
 * reference implementation (with its faults) for a client's own tests. The generators are
 * `client-cert-conformance/generators`; the vitest integration `client-cert-conformance/vitest`.
 */
export { planConformance, runConformance, type ConformanceCredentials, type ConformanceOptions, type ConformanceTlsOptions, type DryRunPlan, type PlannedRequest } from "./run.ts";
export { validateResponse, type ValidateResponseOptions } from "./validate.ts";
export { startReferenceServer, type ReferenceServerHandle, type ReferenceServerOptions } from "./reference.ts";
export { ConformanceOptionsError, UnknownFaultError } from "./errors.ts";
export type { CatalogueFaultName, FaultName } from "./fault-names.ts";
export { FAULTS } from "../reference/index.ts";
export { REQUIREMENTS } from "../registry/index.ts";
export type { Requirement, Level, Family } from "../registry/types.ts";
export type { Violation, Profile } from "../schema/validator.ts";
export type { Report, RequirementResult, RequirementStatus, Verdict, FailureExcerpt, Selection, Interruption } from "../../reports/model.ts";
