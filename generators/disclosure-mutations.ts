import { generateKeyPairSync } from "node:crypto";
import { CREDENTIAL_PLACEHOLDERS } from "../src/http/redact.ts";
import { AUTH_SECRET_NOT_ECHOED, ERR_NO_INTERNALS, RESULT_NO_PRIVATE_KEY } from "../src/registry/index.ts";
import type { GeneratedResponse } from "./conversations.ts";
import type { FailureBody } from "./envelopes.ts";
import { responseMutation, type ResponseMutation } from "./mutation.ts";

/**
 * Disclosure mutations (AUTH-SECRET-NOT-ECHOED, RESULT-NO-PRIVATE-KEY, ERR-NO-INTERNALS): an
 * answer that hands out what no client should see: the configured credential (as a run records
 * it, redacted to its placeholder), private key material, a stack trace. Each keeps the answer's
 * status and error codes.
 */

/** A refusal with its first error's message changed. */
function withFirstMessage(r: GeneratedResponse, message: (old: string) => string): GeneratedResponse {
  const body = JSON.parse(r.body) as FailureBody;
  return { ...r, body: JSON.stringify({ ...body, errors: body.errors.map((e, i) => (i === 0 ? { ...e, message: message(e.message) } : e)) }) };
}

/** A P-256 key made once per process (no certificate of a run has it): what a server that leaks keys would hand out. */
const LEAKED_KEY = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
const PRIVATE_KEY_PEM = LEAKED_KEY.export({ type: "sec1", format: "pem" }) as string;
const PRIVATE_JWK = LEAKED_KEY.export({ format: "jwk" });

// AUTH-SECRET-NOT-ECHOED

/** AUTH-SECRET-NOT-ECHOED: the token sent without Bearer is quoted back in the refusal's message. */
export const misplacedTokenEchoed = responseMutation(AUTH_SECRET_NOT_ECHOED, "misplaced-token-echoed-in-the-refusal", "refusal-token-without-scheme", (r) =>
  withFirstMessage(r, () => `Invalid Authorization header: "${CREDENTIAL_PLACEHOLDERS.token}" is not of the form Bearer <token>`));
/** AUTH-SECRET-NOT-ECHOED: a read answered with the API key in a debugging field. */
export const apiKeyEchoedInField = responseMutation(AUTH_SECRET_NOT_ECHOED, "api-key-echoed-in-a-field", "read-key", (r) =>
  ({ ...r, headers: { ...r.headers, "x-debug-auth": `email=owner@example.com; key=${CREDENTIAL_PLACEHOLDERS.apiKey}` } }));

// RESULT-NO-PRIVATE-KEY

/** RESULT-NO-PRIVATE-KEY: a refusal whose message dumps a private key in PEM. */
export const privateKeyPemInRefusal = responseMutation(RESULT_NO_PRIVATE_KEY, "private-key-pem-in-a-refusal", "id-unknown", (r) =>
  withFirstMessage(r, (old) => `${old}: key material ${PRIVATE_KEY_PEM}`));
/** RESULT-NO-PRIVATE-KEY: a read whose envelope carries the certificate's key as a JWK with its private member d. */
export const privateJwkInRead = responseMutation(RESULT_NO_PRIVATE_KEY, "private-jwk-beside-the-result", "read-key", (r) => ({
  ...r, body: JSON.stringify({
    ...(JSON.parse(r.body) as object),
    key: PRIVATE_JWK,
  }),
}));

// ERR-NO-INTERNALS

/** ERR-NO-INTERNALS: a malformed identifier refused with a Node.js stack trace as its message. */
export const stackTraceInError = responseMutation(ERR_NO_INTERNALS, "stack-trace-in-an-error", "id-malformed", (r) =>
  withFirstMessage(r, () => "TypeError: Cannot read properties of null (reading 'zone')\n    at lookupCertificate (/srv/api/src/certificates.js:42:17)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)"));
/** ERR-NO-INTERNALS: a refusal with a Python traceback as its message. */
export const tracebackInError = responseMutation(ERR_NO_INTERNALS, "python-traceback-in-an-error", "refusal-malformed-key", (r) =>
  withFirstMessage(r, () => 'Traceback (most recent call last):\n  File "/app/auth/keys.py", line 88, in verify\nValueError: invalid key'));

/** Every disclosure mutation. */
export const DISCLOSURE_MUTATIONS: readonly ResponseMutation[] = [misplacedTokenEchoed, apiKeyEchoedInField, privateKeyPemInRefusal, privateJwkInRead, stackTraceInError, tracebackInError];
