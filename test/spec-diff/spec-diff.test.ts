import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadOperationSpec, seedSpec, type OperationSpec } from "../../src/schema/operation-spec.ts";
import { diffSpecs, type SpecDiff } from "../../src/spec-diff/index.ts";
import { runCli } from "../support/cli.ts";
import { UPSTREAM_LAYOUT, upstreamRevisions } from "../support/specs.ts";

const summary = (d: SpecDiff) => d.changes.map((c) => `${c.kind} ${c.key}: ${JSON.stringify(c.old)} -> ${JSON.stringify(c.new)} [${c.touches.map((t) => `${t.id}:${t.level}`).join(" ")}]`);

/** What changed from the seed to Cloudflare's 2024-08 layout (the hand-written document follows it). */
const SEED_TO_2024_08 = [
  `changed parameter zone: name: "zone_identifier" -> "zone_id" [ID-MAXLENGTH-ZONE:must ID-ZONE-SCOPED:must ID-EXISTENCE-HIDDEN:should]`,
  `changed parameter certificate: name: "client_certificate_identifier" -> "client_certificate_id" [ID-MAXLENGTH-CERTIFICATE:must ID-RESULT-ECHO:must ID-MALFORMED-REFUSED:should]`,
  `changed success body required: ["errors","messages","result","success"] -> ["errors","messages","success"] [ENV-REQUIRED-MEMBERS:must ENV-RESULT-OBJECT:should]`,
  `spelling failure response: status as spelled: "4xx" -> "4XX" []`,
];

/** The reverse: what spec-diff lists from the 2024-08 layout back to the seed's. */
const FROM_2024_08_TO_SEED = [
  `changed parameter zone: name: "zone_id" -> "zone_identifier" [ID-MAXLENGTH-ZONE:must ID-ZONE-SCOPED:must ID-EXISTENCE-HIDDEN:should]`,
  `changed parameter certificate: name: "client_certificate_id" -> "client_certificate_identifier" [ID-MAXLENGTH-CERTIFICATE:must ID-RESULT-ECHO:must ID-MALFORMED-REFUSED:should]`,
  `changed success body required: ["errors","messages","success"] -> ["errors","messages","result","success"] [ENV-REQUIRED-MEMBERS:must ENV-RESULT-OBJECT:should]`,
  `spelling failure response: status as spelled: "4XX" -> "4xx" []`,
];

/** Which of the two layouts a document has: the seed's (published until 2024-02-01) or the one from 2024-02-16 on. */
const layoutOf = (spec: OperationSpec) => (spec.parameters.zone.name === "zone_identifier" ? "2024-02-01" : "2024-02-16");
/** The changes between two layouts (the seed is one of them; replacing schemas/source/openapi.json by a newer revision makes it the other). */
function expectedChanges(from: OperationSpec, to: OperationSpec): string[] {
  const [a, b] = [layoutOf(from), layoutOf(to)];
  return a === b ? [] : a === "2024-02-01" ? SEED_TO_2024_08 : FROM_2024_08_TO_SEED;
}

/** The hand-written upstream-layout document, edited, written to a temporary file. */
function variant(edit: (doc: any) => void): string {
  const doc = parseYaml(readFileSync(UPSTREAM_LAYOUT.path!, "utf8"));
  edit(doc);
  const path = join(mkdtempSync(join(tmpdir(), "spec-diff-")), "openapi.json");
  writeFileSync(path, JSON.stringify(doc));
  return path;
}
const DETAILS = "/zones/{zone_id}/client_certificates/{client_certificate_id}";
const tokenFirstVariant = () => variant((doc) => { doc.paths[DETAILS].get.security = [{ api_token: [] }, { api_email: [], api_key: [] }]; });

describe("spec-diff", () => {
  it("the same document: no change", () => {
    expect(diffSpecs(seedSpec(), seedSpec()).changes).toEqual([]);
  });

  it("seed -> the upstream layout: the renamed parameters, the optional result, the 4XX spelling, and nothing else", () => {
    const d = diffSpecs(seedSpec(), UPSTREAM_LAYOUT.load());
    expect(summary(d)).toEqual(expectedChanges(seedSpec(), UPSTREAM_LAYOUT.load()));
    expect(d.touchesMust).toBe(layoutOf(seedSpec()) === "2024-02-01");
  });

  it("a document that lists the API token first in the operation's security touches the token requirements, now must", () => {
    const tokenFirst = tokenFirstVariant();
    const d = diffSpecs(UPSTREAM_LAYOUT.load(), loadOperationSpec({ path: tokenFirst }));
    expect(d.changes.map((c) => c.key)).toEqual(["security: alternatives"]);
    const touched = Object.fromEntries(d.changes[0]!.touches.map((t) => [t.id, t.level]));
    expect(touched).toMatchObject({ "AUTH-TOKEN-ACCEPTED": "must", "AUTH-TOKEN-WRONG-REFUSED": "must", "AUTH-KEY-ACCEPTED": "must" });
  });

  it("a new status value, a longer identifier limit and a member dropped are each named with their requirements", () => {
    const edited = variant((doc) => {
      doc.components.schemas["api-shield_client-certificate"].properties.status.enum.push("expired");
      doc.components.schemas["api-shield_identifier"].maxLength = 36;
      delete doc.components.schemas["api-shield_client-certificate"].properties.ski;
    });
    const d = diffSpecs(UPSTREAM_LAYOUT.load(), loadOperationSpec({ path: edited }));
    const byKey = Object.fromEntries(d.changes.map((c) => [c.key, c.touches.map((t) => t.id)]));
    expect(byKey["success body result.status: enum"]).toContain("STATUS-ENUM");
    expect(byKey["parameter zone: schema maxLength"]).toContain("ID-MAXLENGTH-ZONE");
    expect(byKey["success body result.id: maxLength"]).toContain("ID-RESULT-MAXLENGTH");
    expect(byKey["success body result: members"]).toContain("RESULT-REQUIRED-MEMBERS");
    expect(d.changes.find((c) => c.key === "success body result.ski: type")).toMatchObject({ kind: "removed" });
  });

  /** Revisions whose changes from the seed are known exactly; a newer one (the weekly workflow's newest) must at least keep the 2024-02-16 layout. */
  const KNOWN = new Set(["de210c6feb0acacfcb2c2ead374fe9d38f6fde1f", "cca3064f1aba08cc6cef52fc7b3d3064a9eafcc9"]);
  it.each(upstreamRevisions().map((r) => [r.name, r] as const))("seed -> %s: what changed in that real revision", (_name, revision) => {
    const d = diffSpecs(seedSpec(), revision.load());
    // The seed is the operation as published on 2024-02-01; the parameters were renamed and result made optional on 2024-02-16.
    if (KNOWN.has(revision.upstream!.commit)) expect(summary(d)).toEqual(expectedChanges(seedSpec(), revision.load()));
    else expect(summary(d)).toEqual(expect.arrayContaining(expectedChanges(seedSpec(), revision.load()).slice(0, 2)));
  });

  it("the CLI exits 1 when a change touches a must requirement, 0 when none does, 2 on an unreadable document", async () => {
    expect((await runCli(["spec-diff", "schemas/source/openapi.json", "schemas/source/openapi.json"])).code).toBe(0);
    const changed = await runCli(["spec-diff", UPSTREAM_LAYOUT.path!, tokenFirstVariant(), "--format", "json"]);
    expect(changed.code).toBe(1);
    expect(JSON.parse(changed.stdout).changes).toHaveLength(1);
    const noMust = await runCli(["spec-diff", UPSTREAM_LAYOUT.path!, variant((doc) => { doc.info.title = "another title"; doc.components.schemas["api-shield_client-certificate"].properties.ski.description = "reworded"; })]);
    expect(noMust.code).toBe(0);
    const missing = await runCli(["spec-diff", "schemas/source/openapi.json", "/nonexistent.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^client-cert-conformance spec-diff: NEW: cannot read OpenAPI document \/nonexistent.json: ENOENT\n$/);
  });
});
