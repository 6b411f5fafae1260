/** The HTTP layer: one client, its evidence model, and the redaction every report and log relies on. */
export { OTHER_METHODS, type OtherMethod } from "./methods.ts";
export type { Exchange, ExchangeError, ExchangeErrorKind, ExchangeRequest, ExchangeResponse, TlsOptions, WireEvidence, WireViolation } from "./types.ts";
export {
  authHeadersFor,
  configuredSchemes,
  credentialsFromEnv,
  CREDENTIAL_ENV_VARS,
  MissingCredentialsError,
  type AuthChoice,
  type CredentialField,
  type Credentials,
  type CredentialScheme,
} from "./credentials.ts";
export {
  CREDENTIAL_PLACEHOLDERS,
  CREDENTIAL_REQUEST_HEADERS,
  REDACTED,
  REDACTED_RESPONSE_HEADERS,
  redactRequestHeaders,
  redactResponseHeaders,
  redactText,
  type RequestHeaderRedactionOptions,
} from "./redact.ts";
export {
  describeFinding,
  findSecretForms,
  SECRET_PLACEHOLDERS,
  type SecretFinding,
  type SecretFormKind,
  type SecretName,
} from "./secret-forms.ts";
export { withoutUserinfo } from "./request-url.ts";
export { curlCommand, shellWord } from "./curl.ts";
export { applicableNearMisses, derivedSecrets, NEAR_MISSES, nearMissHeaders, type DerivedSecret, type NearMiss } from "./near-miss.ts";
export { RateLimiter, type RateLimiterOptions } from "./rate-limiter.ts";
export { RequestBudget } from "./budget.ts";
export { retryAfterMs } from "./retry-after.ts";
export { joinUrl, needsVerbatimTarget } from "./request-url.ts";
export {
  ConformanceClient,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_TOTAL_BODY_BYTES,
  type ConformanceClientOptions,
  type GetOptions,
  type RetryWait,
} from "./client.ts";
