import { joinPointer } from "../schema/json-pointer.ts";

/** JSON pointers into schemas/source/openapi.json that the registry cites. */
export const OPERATION = joinPointer("", "paths", "/zones/{zone_identifier}/client_certificates/{client_certificate_identifier}", "get");
export const RESPONSE_200 = `${OPERATION}/responses/200`;
export const RESPONSE_4XX = `${OPERATION}/responses/4xx`;
export const SCHEMA_200 = `${RESPONSE_200}/content/application~1json/schema`;
export const SCHEMA_4XX = `${RESPONSE_4XX}/content/application~1json/schema`;
/** The common envelope (success, errors, messages, result) of a 200. */
export const ENVELOPE_200 = `${SCHEMA_200}/allOf/0/allOf/0`;
/** The certificate object: the 200's result. */
export const CERTIFICATE = `${SCHEMA_200}/allOf/1/properties/result`;
export const certificateMember = (name: string) => `${CERTIFICATE}/properties/${name}`;
export const ZONE_PARAMETER = `${OPERATION}/parameters/0`;
export const CERTIFICATE_PARAMETER = `${OPERATION}/parameters/1`;
export const SECURITY = `${OPERATION}/security`;
export const SECURITY_SCHEMES = "/components/securitySchemes";
