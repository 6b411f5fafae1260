import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadOperationSpec, type OperationSpec } from "../../src/schema/operation-spec.ts";

/** One OpenAPI document the suite is tested on. */
export interface SpecUnderTest {
  name: string;
  /** undefined: the seed. */
  path?: string;
  /** A real revision of cloudflare/api-schemas (fixtures/upstream/, made by scripts/vendor-upstream.ts). */
  upstream?: { commit: string; date: string };
  load(): OperationSpec;
}

/** Where excerpts are looked for: the folder the script makes, and one kept outside the clone (CONFORMANCE_UPSTREAM_DIR). */
const UPSTREAM_DIRS = ["fixtures/upstream", process.env.CONFORMANCE_UPSTREAM_DIR].filter((d): d is string => !!d && existsSync(d));

/** The real revisions vendored on this machine (fixtures/UPSTREAM.md says how to make them; CI's weekly workflow does). */
export function upstreamRevisions(): SpecUnderTest[] {
  const seen = new Set<string>();
  const folders = UPSTREAM_DIRS.flatMap((root) => readdirSync(root).sort().map((d) => join(root, d)))
    .filter((dir) => existsSync(join(dir, "openapi.json")) && existsSync(join(dir, "PROVENANCE.json")));
  return folders.flatMap((dir) => {
    const provenance = JSON.parse(readFileSync(join(dir, "PROVENANCE.json"), "utf8")) as { commit: string; date: string };
    if (seen.has(provenance.commit)) return []; // the same revision in both places: tested once
    seen.add(provenance.commit);
    const path = join(dir, "openapi.json");
    return [{ name: `cloudflare/api-schemas ${provenance.date} (${provenance.commit.slice(0, 8)})`, path, upstream: provenance, load: () => loadOperationSpec({ path, revision: provenance.commit }) }];
  });
}

/** A hand-written document in the upstream layout (shared components, {zone_id}, 4XX, an optional result): always present. */
export const UPSTREAM_LAYOUT: SpecUnderTest = {
  name: "hand-written, in the upstream layout",
  path: "test/foundation/fixtures/cloudflare-style.yaml",
  load: () => loadOperationSpec({ path: "test/foundation/fixtures/cloudflare-style.yaml" }),
};

export const SEED: SpecUnderTest = { name: "the seed", load: () => loadOperationSpec() };

/** Every document the whole suite is tested on: the seed, the hand-written upstream layout, and each vendored real revision. */
export function specsUnderTest(): SpecUnderTest[] {
  return [SEED, UPSTREAM_LAYOUT, ...upstreamRevisions()];
}
