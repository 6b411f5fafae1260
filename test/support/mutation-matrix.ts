import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import {
  applyToConversation, issueSameSerialTwins, loadCertificateMaterial, mutationSites, tagUnder,
  type Mutation, type MutationResources, type MutationSite,
} from "../../generators/index.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";
import { ensure } from "../generators/support/check.ts";
import { resultPool } from "../generators/support/pool.ts";
import { SEED } from "../generators/support/seed.ts";
import { contextOf, generatedRunArbitrary, judged, runShapeArbitrary, type GeneratedRun } from "./generated-run.ts";
import { mutationVerdictProblems } from "./mutation-verdict.ts";

/**
 * The generators drive the checks, mutation side: each tagged mutation, applied to a valid
 * generated run, put through the suites' real checks, fails exactly what it is tagged with.
 * The runs are generated once per file (a whole conversation takes tens of milliseconds to
 * draw) and each mutation's property draws which run and where in it the mutation lands.
 */

/** Valid runs drawn per file: two or three certificates, both schemes (so every request of every case is sent). */
const RUNS_PER_FILE = 12;

/** A run of the property: the run, the site, and what came of it. */
function verdictOf(m: Mutation, run: GeneratedRun, site: MutationSite, resources: MutationResources): string[] {
  const mutated = applyToConversation(m, run.conversation, site, resources);
  return mutationVerdictProblems(m, run.conversation, site, judged(contextOf(run.shape, run.plan, mutated)));
}

/**
 * One test per mutation: `numRuns` draws of (run, site). `sitesFor` narrows where a mutation may
 * land (a 4xx body mutation: per status); each group of sites gets its own `numRuns`.
 */
export function describeMutationMatrix(title: string, mutations: readonly Mutation[], opts: { numRuns: number; siteGroups?: (sites: MutationSite[], run: GeneratedRun) => Record<string, MutationSite[]> }): void {
  describe(`${title} (seed ${SEED})`, () => {
    let runs: GeneratedRun[];
    let resources: MutationResources;
    beforeAll(async () => {
      const pool = await resultPool();
      runs = fc.sample(generatedRunArbitrary(runShapeArbitrary({ certificates: { min: 2, max: 3 }, schemes: [["key", "token"], ["token", "key"]] }), pool), { seed: SEED, numRuns: RUNS_PER_FILE });
      resources = { sameSerialTwins: await issueSameSerialTwins(await loadCertificateMaterial(), pool) };
    });

    it.each(mutations.map((m) => [m.name, tagUnder(m, seedSpec()).requirement.id, m] as const))("%s: %s", (_name, _tag, m) => {
      const groups = (run: GeneratedRun) => {
        const sites = mutationSites(m, run.conversation);
        return opts.siteGroups ? opts.siteGroups(sites, run) : { all: sites };
      };
      for (const group of Object.keys(groups(runs[0]))) {
        fc.assert(fc.property(fc.constantFrom(...runs.keys()), fc.nat(), (i, pick) => {
          const sites = groups(runs[i])[group];
          ensure(sites.length > 0, () => `no site for ${m.name} (${group}) in run ${i}`);
          const site = sites[pick % sites.length];
          const problems = verdictOf(m, runs[i], site, resources);
          ensure(problems.length === 0, () => `${m.name} on run ${i} at ${JSON.stringify(site)}${group === "all" ? "" : ` (${group})`}:\n  ${problems.join("\n  ")}`);
        }), { seed: SEED, numRuns: opts.numRuns });
      }
    });
  });
}
