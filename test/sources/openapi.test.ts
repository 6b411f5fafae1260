import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { hasRequirement } from "../../src/registry/index.ts";
import { resolvePointer } from "../../src/schema/json-pointer.ts";
import { loadOperationSpec, seedSpec, type OperationSpec } from "../../src/schema/operation-spec.ts";
import { newInDocument, openapiStatements, SOURCE_STATEMENTS } from "../../src/sources/index.ts";
import { DESCRIPTIONS, sentencesOf } from "../../src/sources/openapi-descriptions.ts";
import type { SourceStatement } from "../../src/sources/types.ts";
import { SEED, specsUnderTest, upstreamRevisions } from "../support/specs.ts";

/** The seed, the hand-written document in the upstream layout, and every real revision vendored here (fixtures/UPSTREAM.md). */
const documents: [string, OperationSpec][] = specsUnderTest().map((d) => [d.name, d.load()]);
/** Cloudflare's own documents: the seed and the real revisions (the hand-written one words its descriptions its own way). */
const cloudflare: [string, OperationSpec][] = [SEED, ...upstreamRevisions()].map((d) => [d.name, d.load()]);

const ID = /^OPENAPI(-[A-Z0-9]+)+$/;
const MENTIONED_ID = /\b(?:RFC\d{4}|CLOUDFLARE|OWASP|OPENAPI)-[A-Za-z0-9.:]+(?:-[A-Z0-9]+)+\b/g;

/** What every generated statement must be, whichever document it comes from. */
function problems(spec: OperationSpec, statements: readonly SourceStatement[]): string[] {
  const ids = statements.map((s) => s.id);
  const catalogue = new Set([...SOURCE_STATEMENTS, ...statements].map((s) => s.id));
  return [
    ...ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `${id}: a duplicate id`),
    ...statements.flatMap((s) => {
      const out: string[] = [];
      if (!ID.test(s.id)) out.push("an id not OPENAPI-SEGMENTS");
      if (s.source !== "openapi") out.push(`source ${s.source}`);
      if (resolvePointer(spec.doc, s.section) === undefined) out.push(`section ${s.section} is no pointer into the document`);
      if (s.quote.trim() === "" || /[\r\n]/.test(s.quote)) out.push("an empty or multi-line quote");
      const requirements = s.requirements ?? [];
      if (!s.unchecked === (requirements.length === 0)) out.push("not exactly one of requirements and a reason");
      out.push(...requirements.filter((r) => !hasRequirement(r)).map((r) => `${r} is not the registry's`));
      if (s.unchecked && (s.unchecked.why.trim() === "" || /[\r\n]/.test(s.unchecked.why))) out.push("an empty or multi-line reason");
      if (s.unchecked && /\bGAP\b/.test(s.unchecked.why) && (s.unchecked.kind !== "not-observable" || !s.unchecked.why.startsWith("GAP"))) out.push("a GAP not marked as such");
      out.push(...[...(s.unchecked?.why ?? "").matchAll(MENTIONED_ID)].map((m) => m[0]).filter((id) => !catalogue.has(id)).map((id) => `names ${id}, no statement`));
      return out.map((p) => `${s.id}: ${p}`);
    }),
  ];
}

describe("the OpenAPI document's statements, generated", () => {
  it.each(documents)("from %s: unique ids from their places, sections that point into it, one-line quotes, every one traced to registry requirements or a reason", (_, spec) => {
    const statements = openapiStatements(spec);
    expect(statements.length).toBeGreaterThan(100);
    expect(problems(spec, statements)).toEqual([]);
  });

  it.each(cloudflare)("from %s: nothing new in the document (every keyword, member and description sentence is known)", (_, spec) => {
    expect(newInDocument(openapiStatements(spec)).map((s) => `${s.id}: ${s.quote}`)).toEqual([]);
  });

  it("the seed's are the same on every call (deterministic), and every schema keyword of both classes has a statement", () => {
    const spec = seedSpec();
    const statements = openapiStatements(spec);
    expect(JSON.stringify(openapiStatements(spec))).toBe(JSON.stringify(statements));
    const cited = new Set(statements.map((s) => s.section));
    const missing: string[] = [];
    // Every keyword of the seed's schemas (which have no $ref), each member's and part's too, has its statement.
    const walk = (node: unknown, pointer: string): void => {
      if (node === null || typeof node !== "object" || Array.isArray(node)) return;
      for (const [k, v] of Object.entries(node)) {
        const at = `${pointer}/${k}`;
        if (!cited.has(at)) missing.push(at);
        if (k === "properties") for (const [name, member] of Object.entries(v as object)) walk(member, `${at}/${name}`);
        else if (["allOf", "anyOf", "oneOf"].includes(k)) (v as unknown[]).forEach((part, i) => walk(part, `${at}/${i}`));
        else if (k === "items") walk(v, at);
      }
    };
    for (const cls of ["success-200", "failure-4xx"] as const) walk(resolvePointer(spec.doc, spec.operation.classes[cls].pointer), spec.operation.classes[cls].pointer);
    expect(missing).toEqual([]);
  });

  it("names the places as the registry does: the certificate's members, the parameters, the envelopes", () => {
    const byId = new Map(openapiStatements(seedSpec()).map((s) => [s.id, s]));
    expect(byId.get("OPENAPI-RESULT-STATUS-ENUM")?.requirements).toEqual(["STATUS-ENUM"]);
    expect(byId.get("OPENAPI-PARAM-ZONE-MAXLENGTH")?.requirements).toEqual(["ID-MAXLENGTH-ZONE"]);
    expect(byId.get("OPENAPI-PARAM-CERTIFICATE-MAXLENGTH")?.requirements).toEqual(["ID-MAXLENGTH-CERTIFICATE"]);
    expect(byId.get("OPENAPI-RESULT-ID-MAXLENGTH")?.requirements).toEqual(["ID-RESULT-MAXLENGTH"]);
    // Misplaced keywords feed their erratum's requirement, not the rule of where they sit.
    expect(byId.get("OPENAPI-4XX-ERRORS-MINLENGTH")?.requirements).toEqual(["ERR-ERRORS-NONEMPTY"]);
    expect(byId.get("OPENAPI-200-ERRORS-ITEMS-UNIQUEITEMS")?.requirements).toEqual(["ENV-ITEMS-UNIQUE"]);
    expect(byId.get("OPENAPI-4XX-MESSAGES-ITEMS-UNIQUEITEMS")?.requirements).toEqual(["ERR-ITEMS-UNIQUE"]);
    // A format an example implies (errata.json), and an example that fixes nothing.
    expect(byId.get("OPENAPI-RESULT-ISSUED-ON-EXAMPLE")?.requirements).toEqual(["RESULT-DATE-FORMAT"]);
    expect(byId.get("OPENAPI-RESULT-COUNTRY-EXAMPLE")?.unchecked?.kind).toBe("out-of-scope");
    expect(byId.get("OPENAPI-RESULT-STATUS-DESCRIPTION")?.requirements).toEqual(["STATUS-ENUM", "STATUS-TRANSITIONS", "RESULT-READS-AGREE"]);
    expect(byId.get("OPENAPI-RESULT-CSR-DESCRIPTION-2")?.quote).toBe("Must be newline-encoded.");
  });

  // The map also knows the real revisions' wording ("Client Certificate Details"): only with them here can none be stale.
  it.runIf(upstreamRevisions().length > 0)("every sentence the description map knows is in the seed or a real revision (none is stale)", () => {
    const keys = new Set(cloudflare.flatMap(([, spec]) => openapiStatements(spec).filter((s) => /-(DESCRIPTION|SUMMARY)(-\d+)?(-P[\d-]+)?$/.test(s.id)).map((s) => s.quote)));
    const stale = Object.entries(DESCRIPTIONS).flatMap(([key, list]) => list.filter((k) => !keys.has(k.sentence)).map((k) => `${key}: ${k.sentence}`));
    expect(stale).toEqual([]);
  });

  it("cuts a description into its sentences", () => {
    expect(sentencesOf("The Certificate Signing Request (CSR). Must be  newline-encoded.")).toEqual(["The Certificate Signing Request (CSR).", "Must be newline-encoded."]);
    expect(sentencesOf("The type of hash used for the Client Certificate..")).toEqual(["The type of hash used for the Client Certificate.."]);
  });

  it("a revision's new sentence, keyword or member is reported as a GAP new in the document", () => {
    const doc = JSON.parse(JSON.stringify(seedSpec().doc)) as Record<string, any>;
    const op = Object.values(doc.paths as Record<string, any>)[0].get;
    op["x-api-token-group"] = ["SSL and Certificates Read"];
    op.parameters[0].schema.pattern = "^[0-9a-f]{32}$";
    const status = op.responses["200"].content["application/json"].schema.allOf[1].properties.result.properties.status;
    status.description = "The status of the Client Certificate.";
    status.title = "Status";
    status["x-stainless-enum"] = true;
    op.responses["200"].content["application/json"].schema.allOf[1].properties.result.properties.serial_number.contentEncoding = "base16";
    const dir = mkdtempSync(join(tmpdir(), "sources-"));
    const path = join(dir, "openapi.json");
    writeFileSync(path, JSON.stringify(doc));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const statements = openapiStatements(loadOperationSpec({ path }));
    expect(newInDocument(statements).map((s) => s.id).sort()).toEqual([
      "OPENAPI-OPERATION-X-API-TOKEN-GROUP", "OPENAPI-RESULT-SERIAL-NUMBER-CONTENTENCODING", "OPENAPI-RESULT-STATUS-DESCRIPTION",
    ]);
    expect(statements.find((s) => s.id === "OPENAPI-PARAM-ZONE-PATTERN")?.unchecked?.why).toMatch(/^GAP: no probe is derived from the parameter's pattern/);
    expect(statements.find((s) => s.id === "OPENAPI-RESULT-STATUS-TITLE")?.unchecked?.kind).toBe("out-of-scope");
    expect(problems(loadOperationSpec({ path }), statements)).toEqual([]);
  });
});
