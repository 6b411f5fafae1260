/** The reference implementation of the operation (`serve`) and its fault catalogue. */
export { startReferenceServer, type ReferenceServer, type ServerHooks } from "./server.ts";
export {
  CREDENTIAL_ENV, DEFAULT_CERTIFICATE_COUNT, DEFAULT_RATE, DEFAULT_SEED, optionsFromEnvironment, ReferenceConfigError, resolveConfig, ZONE_ENV,
  type CredentialName, type ReferenceConfig, type ReferenceCredentials, type ReferenceOptions,
} from "./config.ts";
export { CREDENTIAL_FORMATS } from "./credential-formats.ts";
export { ERRORS, type ErrorItem, type FailureEnvelope, type ListEnvelope, type ResultInfo, type SuccessEnvelope } from "./envelopes.ts";
export { BASE_PATH } from "./routing.ts";
export { BLIND_PREFIX, FAULTS, faultByName, faultHooksByName, faultsByName, faultsByRequirement, UnknownFaultError, type Fault, type FaultHooks } from "./faults/index.ts";
export { BLIND_FAULTS, type BlindFault } from "./blind/index.ts";
