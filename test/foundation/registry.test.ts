import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FAMILIES, hasRequirement, REQUIREMENTS } from "../../src/registry/index.ts";
import { renderRequirementsMarkdown } from "../../src/registry/render.ts";
import { loadErrata } from "../../src/schema/errata.ts";
import { resolvePointer } from "../../src/schema/json-pointer.ts";

const source = JSON.parse(readFileSync("schemas/source/openapi.json", "utf8"));

describe("the requirement registry", () => {
  it.each(REQUIREMENTS.map((r) => [r.id, r] as const))("%s: its spec pointer resolves in the OpenAPI source", (_id, r) => {
    expect(resolvePointer(source, r.spec), r.spec).not.toBeUndefined();
  });

  it("has requirements in every family, ids FAMILY-NAME, a level, a statement and a reason", () => {
    for (const family of FAMILIES) expect(REQUIREMENTS.some((r) => r.family === family), family).toBe(true);
    for (const r of REQUIREMENTS) {
      expect(r.id.startsWith(`${r.family}-`)).toBe(true);
      expect(["must", "should", "may"]).toContain(r.level);
      expect(r.statement).toMatch(/\.$/);
      expect(r.statement).not.toMatch(/\n/);
      expect(r.reason.length).toBeGreaterThan(10);
    }
  });

  it("docs/requirements.md is generated from the registry and up to date", () => {
    expect(readFileSync("docs/requirements.md", "utf8")).toBe(renderRequirementsMarkdown(REQUIREMENTS));
  });
});

describe("the errata", () => {
  it.each(loadErrata().map((e) => [e.id, e] as const))("%s: pointers resolve and its requirement exists at the same level", (_id, e) => {
    for (const pointer of [e.pointer, ...(e.also ?? [])]) expect(resolvePointer(source, pointer), pointer).not.toBeUndefined();
    expect(hasRequirement(e.requirement)).toBe(true);
    expect(REQUIREMENTS.find((r) => r.id === e.requirement)!.level).toBe(e.level);
  });

  it("covers the defects the foundation issue lists", () => {
    const pointers = loadErrata().map((e) => e.pointer).join("\n");
    expect(pointers).toMatch(/4xx\/.*\/errors\/minLength$/m);
    expect(pointers).toMatch(/uniqueItems$/m);
    expect(pointers).toMatch(/allOf\/0\/allOf\/1\/properties\/result$/m);
    expect(pointers).toMatch(/allOf\/1\/properties\/result$/m);
    expect(pointers).toMatch(/properties\/status$/m);
  });
});

describe("the CLI docs", () => {
  it("docs/cli.md is generated from the flags table and up to date", async () => {
    const { renderCliDocs } = await import("../../src/cli/render-cli-docs.ts");
    expect(readFileSync("docs/cli.md", "utf8")).toBe(renderCliDocs());
  });
});
