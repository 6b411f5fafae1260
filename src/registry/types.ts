/** How binding a requirement is. `must` gates by default (see docs/CONTRACT.md, `--level`). */
export type Level = "must" | "should" | "may";

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
  readonly level: Level;
  /** One line, a statement of fact about a conforming server. */
  readonly statement: string;
  /** JSON pointer into schemas/source/openapi.json that this requirement enforces. */
  readonly spec: string;
  /** Why it has this level (the document says so, an erratum, a format the examples imply...). */
  readonly reason: string;
  /** Where no fault of the reference can trip it: why (the self-certification matrix reads this). */
  readonly untrippable?: string;
}

export const LEVEL_RANK: Record<Level, number> = { must: 3, should: 2, may: 1 };

/** True when a failure at `level` makes the verdict non-conformant at `gating`. */
export function gates(level: Level, gating: Level): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[gating];
}
