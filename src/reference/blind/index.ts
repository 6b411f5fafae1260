/**
 * The blind fault catalogue: faults written from the sources and the reference alone, by
 * helpers who had not read suites/, the registry or src/reference/faults/ (see
 * docs/MUTATION.md). Each file is one writer's, kept as written.
 */
import { BLIND_JSON_HTTP } from "./json-http.ts";
import { BLIND_OPENAPI_CLOUDFLARE_OWASP } from "./openapi-cloudflare-owasp.ts";
import type { BlindFault } from "./types.ts";
import { BLIND_X509_PEM_DATES } from "./x509-pem-dates.ts";

export type { BlindFault, BlindSource } from "./types.ts";

export const BLIND_FAULTS: readonly BlindFault[] = Object.freeze([...BLIND_OPENAPI_CLOUDFLARE_OWASP, ...BLIND_JSON_HTTP, ...BLIND_X509_PEM_DATES]);
