/**
 * Every normative statement of the sources, traced to the requirements that check it or to why
 * none does. The OpenAPI document's statements are not in SOURCE_STATEMENTS: they are generated
 * from whichever document is loaded (openapiStatements).
 */
import type { OperationSpec } from "../schema/operation-spec.ts";
import { openapiStatements } from "./openapi.ts";
import { CLOUDFLARE } from "./cloudflare.ts";
import { OWASP } from "./owasp.ts";
import { RFC2986 } from "./rfc2986.ts";
import { RFC3339 } from "./rfc3339.ts";
import { RFC5280 } from "./rfc5280.ts";
import { RFC7468 } from "./rfc7468.ts";
import { RFC8259 } from "./rfc8259.ts";
import { RFC9110_A } from "./rfc9110-a.ts";
import { RFC9110_B } from "./rfc9110-b.ts";
import { RFC9111 } from "./rfc9111.ts";
import { RFC9112 } from "./rfc9112.ts";
import { RFC6585 } from "./rfc6585.ts";
import type { SourceStatement } from "./types.ts";

export type { SourceName, SourceStatement, Unchecked } from "./types.ts";
export { newInDocument, NEW_IN_DOCUMENT, openapiStatements } from "./openapi.ts";
export { renderSourcesMarkdown, SOURCES, traceKind, TRACE_KINDS, type TraceKind } from "./render.ts";
export { CLOUDFLARE, OWASP, RFC2986, RFC3339, RFC5280, RFC6585, RFC7468, RFC8259, RFC9111, RFC9112 };

/** RFC 9110, kept in two files (§2-§8, §9-§15). */
export const RFC9110: SourceStatement[] = [...RFC9110_A, ...RFC9110_B];

/** All of them, source by source. */
export const SOURCE_STATEMENTS: readonly SourceStatement[] = Object.freeze([
  ...RFC8259, ...RFC9110, ...RFC9111, ...RFC9112, ...RFC6585, ...RFC3339, ...RFC5280, ...RFC2986, ...RFC7468, ...CLOUDFLARE, ...OWASP,
]);

/** Every statement: the document's (generated from `spec`), then the catalogue's. */
export function allStatements(spec: OperationSpec): SourceStatement[] {
  return [...openapiStatements(spec), ...SOURCE_STATEMENTS];
}
