import type { Place, SchemeName } from "../schema/place.ts";

/** How binding a requirement is. `must` gates by default (see docs/CONTRACT.md, `--level`). */
export type Level = "must" | "should" | "may";

/**
 * A level the loaded document decides: `declared` where the operation's security lists
 * the scheme (`any`: lists any credential scheme at all), `otherwise` where it does not.
 * Written once here, so a document that adds the API token to the operation's security
 * makes the token requirements `must` without a second edit.
 */
export interface DerivedLevel {
  readonly declaredBy: SchemeName | "any";
  readonly declared: Level;
  readonly otherwise: Level;
}

/** The requirement families of docs/CONTRACT.md. */
export const FAMILIES = ["HTTP", "ENV", "RESULT", "STATUS", "ID", "AUTH", "ERR", "X509"] as const;
export type Family = (typeof FAMILIES)[number];

/** What each family is about (reports, docs and the CLI show it beside the id). */
export const FAMILY_TITLES: Record<Family, string> = {
  HTTP: "status codes, content type",
  ENV: "the success envelope",
  RESULT: "the certificate object",
  STATUS: "the status enum",
  ID: "identifier limits and echo",
  AUTH: "credentials",
  ERR: "4xx failure envelopes",
  X509: "the fields agree with the certificate itself",
};

/** One requirement: the single place a fact about the operation is stated. */
export interface Requirement {
  /** `FAMILY-NAME`, upper case; never changes meaning once released. */
  readonly id: string;
  readonly family: Family;
  /** Fixed, or decided by the loaded document's security (resolve with `levelIn`). */
  readonly level: Level | DerivedLevel;
  /** One line, a statement of fact about a conforming server. */
  readonly statement: string;
  /** The place in the operation this requirement enforces, whatever the document's layout. */
  readonly place: Place;
  /** Why it has this level (the document says so, an erratum, a format the examples imply...). */
  readonly reason: string;
  /** Where no fault of the reference can trip it: why (the self-certification matrix reads this). */
  readonly untrippable?: string;
}

/** A requirement as one loaded document makes it: its level decided, its place a JSON pointer into that document. */
export interface ResolvedRequirement {
  readonly id: string;
  readonly family: Family;
  readonly level: Level;
  readonly statement: string;
  /** JSON pointer into the loaded document (what reports show). */
  readonly spec: string;
  readonly reason: string;
  readonly untrippable?: string;
}

export const LEVEL_RANK: Record<Level, number> = { must: 3, should: 2, may: 1 };

/** True when a failure at `level` makes the verdict non-conformant at `gating`. */
export function gates(level: Level, gating: Level): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[gating];
}
