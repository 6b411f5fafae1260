import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateArgv } from "../../src/cli/validate.ts";
import { UPSTREAM_LAYOUT, upstreamRevisions } from "../support/specs.ts";

async function validate(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await validateArgv(args, { stdin: process.stdin, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const BODIES = ["body-200.json", "body-200-status-uppercase.json", "body-4xx.json", "body-4xx-errors-empty.json", "body-no-success.json"].map((f) => `test/validate/fixtures/${f}`);
/** A finding without its source pointer (which is the document's own). */
const verdicts = (lines: string[]) => lines.map((l) => l.replace(/source #[^\]]*/, "source"));

describe("validate --spec", () => {
  it.each([UPSTREAM_LAYOUT, ...upstreamRevisions()].map((d) => [d.name, d] as const))("judges bodies as with the seed under %s, pointing into that document", async (_name, doc) => {
    for (const profile of ["spec", "strict"]) {
      const seed = await validate(["--profile", profile, ...BODIES]);
      const other = await validate(["--profile", profile, "--spec", doc.path!, ...BODIES]);
      expect(other.code).toBe(seed.code);
      expect(verdicts(other.out)).toEqual(verdicts(seed.out));
      expect(other.out.filter((l) => l.includes("source #")).every((l) => !l.includes("{zone_identifier}") || doc.path!.includes("2024-02-01"))).toBe(true);
    }
  });

  it("refuses a document it cannot use with one line: unreadable, no such operation, a misplaced keyword no erratum answers", async () => {
    const dir = mkdtempSync(join(tmpdir(), "validate-spec-"));
    const doc = parseYaml(readFileSync(UPSTREAM_LAYOUT.path!, "utf8"));
    doc.components.schemas["api-shield_api-response-common-failure"].properties.success.maxLength = 3; // a string keyword on a boolean
    writeFileSync(join(dir, "misplaced.json"), JSON.stringify(doc));
    writeFileSync(join(dir, "other.json"), JSON.stringify({ openapi: "3.0.3", info: { title: "t", version: "1" }, paths: {} }));
    for (const [file, message] of [["missing.json", /cannot read OpenAPI document/], ["other.json", /operationId client-certificate-for-a-zone-client-certificate-details not found/], ["misplaced.json", /keyword misplacement no erratum names, at #\/components\/schemas\/api-shield_api-response-common-failure\/properties\/success.*schemas\/errata.json$/]] as const) {
      await expect(validate(["--spec", join(dir, file), BODIES[0]!])).rejects.toThrow(message);
    }
  });
});
