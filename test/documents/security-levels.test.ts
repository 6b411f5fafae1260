import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { REQUIREMENTS } from "../../src/registry/index.ts";
import { resolveRequirement } from "../../src/registry/resolve.ts";
import { loadOperationSpec, seedSpec } from "../../src/schema/operation-spec.ts";
import { runAgainstReference } from "../support/reference-run.ts";
import { UPSTREAM_LAYOUT } from "../support/specs.ts";

/** The upstream-layout document with the API token listed first in the operation's security (as newer documents do). */
function tokenFirstDocument(): string {
  const doc = parseYaml(readFileSync(UPSTREAM_LAYOUT.path!, "utf8"));
  doc.paths["/zones/{zone_id}/client_certificates/{client_certificate_id}"].get.security = [{ api_token: [] }, { api_email: [], api_key: [] }];
  const path = join(mkdtempSync(join(tmpdir(), "token-first-")), "openapi.json");
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

const levels = (path?: string) => Object.fromEntries(REQUIREMENTS.filter((r) => r.family === "AUTH").map((r) => [r.id, resolveRequirement(r, loadOperationSpec({ path })).level]));
const statusOf = (report: { requirements: { id: string; status: string }[] }, id: string) => report.requirements.find((r) => r.id === id)!.status;

describe("levels the operation's security decides", () => {
  const tokenFirst = tokenFirstDocument();

  it("the token requirements are should where the security lists only email + key (the seed), must where it lists the token", () => {
    expect(levels()).toMatchObject({ "AUTH-TOKEN-ACCEPTED": "should", "AUTH-TOKEN-WRONG-REFUSED": "should", "AUTH-KEY-ACCEPTED": "must" });
    expect(levels(tokenFirst)).toMatchObject({ "AUTH-TOKEN-ACCEPTED": "must", "AUTH-TOKEN-WRONG-REFUSED": "must", "AUTH-KEY-ACCEPTED": "must" });
    expect(seedSpec().declaredSchemes).toEqual(new Set(["key"]));
  });

  it("a server that refuses the token (as Prism's mock of the seed does) fails no must requirement under the seed", async () => {
    const { report } = await runAgainstReference(["token-scheme-refused"], { level: "must" });
    expect(statusOf(report, "AUTH-TOKEN-ACCEPTED")).toBe("failed");
    expect(statusOf(report, "HTTP-EXISTING-200")).toBe("passed"); // the token reads belong to AUTH-TOKEN-ACCEPTED, at its level
    expect(report.verdict).toBe("conformant");
  });

  it("...and is non-conformant under a document that lists the token", async () => {
    const { report } = await runAgainstReference(["token-scheme-refused"], { level: "must", spec: { path: tokenFirst } });
    expect(statusOf(report, "AUTH-TOKEN-ACCEPTED")).toBe("failed");
    expect(statusOf(report, "HTTP-EXISTING-200")).toBe("failed");
    expect(report.requirements.find((r) => r.id === "AUTH-TOKEN-ACCEPTED")!.level).toBe("must");
    expect(report.verdict).toBe("non-conformant");
  });
});
