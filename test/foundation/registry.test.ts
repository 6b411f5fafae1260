import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FAMILIES, hasRequirement, REQUIREMENTS } from "../../src/registry/index.ts";
import { renderRequirementsMarkdown } from "../../src/registry/render.ts";
import { levelIn, resolveRequirement } from "../../src/registry/resolve.ts";
import { errataFor, loadErrata } from "../../src/schema/errata.ts";
import { resolvePointer } from "../../src/schema/json-pointer.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";
import { specsUnderTest } from "../support/specs.ts";

describe.each(specsUnderTest().map((s) => [s.name, s] as const))("the requirement registry on %s", (_name, under) => {
  const spec = under.load();

  it.each(REQUIREMENTS.map((r) => [r.id, r] as const))("%s: its place resolves in the document", (_id, r) => {
    const place = spec.resolve(r.place);
    // The token is not in the operation's security of these documents: its requirements point at the scheme itself.
    const absentByDesign = r.place.in === "security" && r.place.scheme === "token" && !spec.declaredSchemes.has("token");
    expect(place.exact || absentByDesign, `${r.id} at ${JSON.stringify(r.place)}`).toBe(true);
    expect(resolvePointer(spec.doc, resolveRequirement(r, spec).spec), resolveRequirement(r, spec).spec).not.toBeUndefined();
  });

  it("every erratum resolves, names a requirement at its level, and applies where the document has its defect", () => {
    for (const e of errataFor(spec)) {
      for (const pointer of [e.pointer, ...(e.also ?? [])]) expect(resolvePointer(spec.doc, pointer), `${e.id}: ${pointer}`).not.toBeUndefined();
      expect(hasRequirement(e.requirement), e.id).toBe(true);
      expect(levelIn(REQUIREMENTS.find((r) => r.id === e.requirement)!.level, spec), e.id).toBe(e.level);
    }
    const notApplied = errataFor(spec).filter((e) => !e.applies).map((e) => e.id);
    // A real difference between versions: from 2024-02 on, the envelope does not require result.
    expect(notApplied).toEqual(spec.envelopeRequired.includes("result") ? ["success-result-not-required"] : []);
  });
});

describe("the requirement registry", () => {
  it("has requirements in every family, ids FAMILY-NAME, a level, a statement and a reason", () => {
    for (const family of FAMILIES) expect(REQUIREMENTS.some((r) => r.family === family), family).toBe(true);
    for (const r of REQUIREMENTS) {
      expect(r.id.startsWith(`${r.family}-`)).toBe(true);
      expect(["must", "should", "may"]).toContain(levelIn(r.level, seedSpec()));
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
  it("covers the defects the foundation issue lists", () => {
    const loci = errataFor(seedSpec()).map((e) => `${e.class}${e.generatedPointers[0]}`).join("\n");
    expect(loci).toMatch(/failure-4xx\/properties\/errors\/minLength$/m);
    expect(loci).toMatch(/uniqueItems$/m);
    expect(loci).toMatch(/success-200\/allOf\/0\/allOf\/1\/properties\/result$/m);
    expect(loci).toMatch(/success-200\/allOf\/1\/properties\/result$/m);
    expect(loci).toMatch(/properties\/status$/m);
    expect(loadErrata().length).toBe(errataFor(seedSpec()).length);
  });
});

describe("the CLI docs", () => {
  it("docs/cli.md is generated from the flags table and up to date", async () => {
    const { renderCliDocs } = await import("../../src/cli/render-cli-docs.ts");
    expect(readFileSync("docs/cli.md", "utf8")).toBe(renderCliDocs());
  });
});
