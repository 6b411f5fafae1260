import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REQUIREMENTS } from "../../src/registry/index.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";
import { allStatements, renderSourcesMarkdown, SOURCES, traceKind } from "../../src/sources/index.ts";

const spec = seedSpec();
const statements = allStatements(spec);

describe("docs/SOURCES.md", () => {
  it("is generated from the catalogue and the seed document, and up to date (npm run sources:docs)", () => {
    expect(readFileSync("docs/SOURCES.md", "utf8")).toBe(renderSourcesMarkdown(statements, spec.source));
  });

  it("has one row per statement, in a section of its source, and every GAP row says GAP", () => {
    const page = renderSourcesMarkdown(statements, spec.source);
    const rows = page.split("\n").filter((l) => /^\| `[A-Z0-9.:-]+` \|/.test(l));
    expect(rows.map((r) => /^\| `([^`]+)`/.exec(r)![1])).toEqual(SOURCES.flatMap(({ name }) => statements.filter((s) => s.source === name).map((s) => s.id)));
    expect(statements.filter((s) => !SOURCES.some(({ name }) => name === s.source))).toEqual([]);
    const gaps = statements.filter((s) => traceKind(s) === "gap").map((s) => s.id);
    expect(rows.filter((r) => /\| \*\*GAP[^|]*:\*\*/.test(r)).map((r) => /^\| `([^`]+)`/.exec(r)![1])).toEqual(gaps);
    expect(rows.every((r) => r.split(/(?<!\\)\|/).length === 6)).toBe(true);
  });
});

describe("the sources together", () => {
  it("cite every requirement of the registry at least once", () => {
    const cited = new Set(statements.flatMap((s) => s.requirements ?? []));
    expect(REQUIREMENTS.map((r) => r.id).filter((id) => !cited.has(id))).toEqual([]);
  });

  it("have unique ids across sources", () => {
    const ids = statements.map((s) => s.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
