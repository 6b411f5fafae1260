/**
 * The normative statements of the sources that bear on the operation, each traced to the
 * requirements that check it or to why none does (docs/SOURCES.md is generated from these).
 */

/** Where a statement comes from. */
export type SourceName =
  | "openapi" | "rfc8259" | "rfc9110" | "rfc9111" | "rfc9112" | "rfc6585" | "rfc3339" | "rfc5280" | "rfc2986"
  | "rfc7468" | "cloudflare" | "owasp";

/** Why a statement has no requirement: it cannot be seen from outside, or it is not this operation's. */
export type Unchecked =
  | { kind: "not-observable"; why: string }
  | { kind: "out-of-scope"; why: string }
  | { kind: "client-side"; why: string };

/** One statement of a source. */
export interface SourceStatement {
  /** Stable, unique: `RFC9110-11.6.1-401-CHALLENGE`, `OPENAPI-RESULT-STATUS-ENUM`. */
  readonly id: string;
  readonly source: SourceName;
  /** Section number or anchor (`11.6.1`, `§2`, `API1:2023`); for the document, the JSON pointer. */
  readonly section: string;
  /** The sentence, quoted (shortened with … where long), or for a keyword `maxLength: 32`. */
  readonly quote: string;
  /** Requirement ids that check it. */
  readonly requirements?: readonly string[];
  /** Or why none does. */
  readonly unchecked?: Unchecked;
}
