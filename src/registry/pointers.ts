import type { Place, SchemeName } from "../schema/place.ts";

/**
 * The places of the operation the registry cites. Each is resolved in whichever OpenAPI
 * document is loaded (src/schema/operation-spec.ts): reports show the JSON pointer it
 * resolves to in that document.
 */
export const OPERATION: Place = { in: "operation" };
export const OPERATION_RESPONSES: Place = { in: "operation", path: ["responses"] };
export const RESPONSE_200: Place = { in: "response", which: "success-200" };
export const RESPONSE_4XX: Place = { in: "response", which: "failure-4xx" };
export const RESPONSE_200_JSON: Place = { in: "response", which: "success-200", path: ["content", "$json"] };
export const RESPONSE_4XX_JSON: Place = { in: "response", which: "failure-4xx", path: ["content", "$json"] };
/** A place in the success schema: below the root, the common envelope, its generic result, or the certificate. */
export const successSchema = (anchor: "root" | "envelope" | "envelope-result" | "certificate", ...path: string[]): Place => ({ in: "schema", which: "success-200", anchor, path });
/** A place in the failure schema, below its envelope (the part that defines success). */
export const failureSchema = (...path: string[]): Place => ({ in: "schema", which: "failure-4xx", anchor: "envelope", path });
/** The certificate object: the 200's result. */
export const CERTIFICATE: Place = successSchema("certificate");
export const certificateMember = (name: string, ...path: string[]): Place => ({ in: "member", name, path });
export const ZONE_PARAMETER: Place = { in: "parameter", which: "zone" };
export const CERTIFICATE_PARAMETER: Place = { in: "parameter", which: "certificate" };
export const ZONE_MAXLENGTH: Place = { in: "parameter", which: "zone", path: ["schema", "maxLength"] };
export const CERTIFICATE_MAXLENGTH: Place = { in: "parameter", which: "certificate", path: ["schema", "maxLength"] };
export const CERTIFICATE_PARAMETER_SCHEMA: Place = { in: "parameter", which: "certificate", path: ["schema"] };
export const SECURITY: Place = { in: "security" };
export const securityOf = (scheme: SchemeName, part?: "email" | "key"): Place => ({ in: "security", scheme, ...(part ? { part } : {}) });
export const SECURITY_SCHEMES: Place = { in: "security-schemes" };
export const securityScheme = (scheme: SchemeName | "email"): Place => ({ in: "security-schemes", scheme });
