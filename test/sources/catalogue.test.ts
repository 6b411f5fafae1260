import { describe, expect, it } from "vitest";
import { hasRequirement } from "../../src/registry/index.ts";
import {
  CLOUDFLARE, OWASP, RFC2986, RFC3339, RFC5280, RFC6585, RFC7468, RFC8259, RFC9110, RFC9111, RFC9112, SOURCE_STATEMENTS,
} from "../../src/sources/index.ts";
import type { SourceName, SourceStatement } from "../../src/sources/types.ts";

const BY_SOURCE: Record<Exclude<SourceName, "openapi">, readonly SourceStatement[]> = {
  rfc8259: RFC8259, rfc9110: RFC9110, rfc9111: RFC9111, rfc9112: RFC9112, rfc6585: RFC6585, rfc3339: RFC3339,
  rfc5280: RFC5280, rfc2986: RFC2986, rfc7468: RFC7468, cloudflare: CLOUDFLARE, owasp: OWASP,
};

/** The prefix an id of the statement starts with: the source, then (for the RFCs and OWASP) its section. */
function idPrefix(s: SourceStatement): string {
  if (s.source.startsWith("rfc")) return `${s.source.toUpperCase()}-${s.section}-`;
  if (s.source === "owasp") return `OWASP-${s.section.split(":")[0]}-`;
  return `${s.source.toUpperCase()}-`;
}

const ID = /^[A-Z][A-Z0-9]*-[A-Za-z0-9.:]+(-[A-Z0-9]+)+$/;
const MENTIONED_ID = /\b(?:RFC\d{4}|CLOUDFLARE|OWASP)-[A-Za-z0-9.:]+(?:-[A-Z0-9]+)+\b/g;

describe("the catalogue of the sources' statements", () => {
  it("holds every source's statements, and only theirs (no OpenAPI statement: those are generated)", () => {
    expect(SOURCE_STATEMENTS.length).toBe(Object.values(BY_SOURCE).reduce((n, list) => n + list.length, 0));
    for (const [source, list] of Object.entries(BY_SOURCE)) {
      expect(list.length, source).toBeGreaterThan(0);
      expect(list.filter((s) => s.source !== source).map((s) => s.id), `${source} holds another source's statements`).toEqual([]);
    }
  });

  it("ids are unique and well-formed: the source, its section, then a slug", () => {
    const ids = SOURCE_STATEMENTS.map((s) => s.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), "duplicate ids").toEqual([]);
    expect(ids.filter((id) => !ID.test(id)), "ids not SOURCE-SECTION-SLUG").toEqual([]);
    expect(SOURCE_STATEMENTS.filter((s) => !s.id.startsWith(idPrefix(s))).map((s) => `${s.id} (expected ${idPrefix(s)}…)`)).toEqual([]);
  });

  it("every statement quotes its source on one line and names its section", () => {
    const bad = SOURCE_STATEMENTS.filter((s) => s.quote.trim() === "" || /[\r\n]/.test(s.quote) || s.section.trim() === "");
    expect(bad.map((s) => s.id)).toEqual([]);
  });

  it("every statement has requirements or an unchecked reason, not both, and a reason is one line", () => {
    const neither = SOURCE_STATEMENTS.filter((s) => !s.unchecked && !(s.requirements && s.requirements.length > 0));
    const both = SOURCE_STATEMENTS.filter((s) => s.unchecked && s.requirements !== undefined);
    const badWhy = SOURCE_STATEMENTS.filter((s) => s.unchecked && (s.unchecked.why.trim() === "" || /[\r\n]/.test(s.unchecked.why)));
    const repeated = SOURCE_STATEMENTS.filter((s) => s.requirements && new Set(s.requirements).size !== s.requirements.length);
    expect(neither.map((s) => s.id), "neither").toEqual([]);
    expect(both.map((s) => s.id), "both").toEqual([]);
    expect(badWhy.map((s) => s.id), "empty or multi-line why").toEqual([]);
    expect(repeated.map((s) => s.id), "a requirement named twice").toEqual([]);
  });

  it("every requirement named is the registry's", () => {
    const unknown = SOURCE_STATEMENTS.flatMap((s) => (s.requirements ?? []).filter((r) => !hasRequirement(r)).map((r) => `${s.id}: ${r}`));
    expect(unknown).toEqual([]);
  });

  it("a gap is marked GAP, and only as not-observable, so that it can be found", () => {
    const misplaced = SOURCE_STATEMENTS.filter((s) => s.unchecked && /\bGAP\b/.test(s.unchecked.why) && (s.unchecked.kind !== "not-observable" || !s.unchecked.why.startsWith("GAP")));
    expect(misplaced.map((s) => s.id)).toEqual([]);
  });

  it("a statement a reason points to exists", () => {
    const ids = new Set(SOURCE_STATEMENTS.map((s) => s.id));
    const dangling = SOURCE_STATEMENTS.flatMap((s) => [...(s.unchecked?.why ?? "").matchAll(MENTIONED_ID)].map((m) => m[0]).filter((id) => !ids.has(id)).map((id) => `${s.id} -> ${id}`));
    expect(dangling).toEqual([]);
  });
});
