import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import { applyToConversation, mutationSites, tagUnder, type Mutation, type MutationResources, type MutationSite } from "../../generators/index.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";
import { ensure } from "../generators/support/check.ts";
import { resultPool, sameSerialTwins } from "../generators/support/pool.ts";
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
const RUNS_PER_FILE = 8;

let shared: Promise<{ runs: GeneratedRun[]; resources: MutationResources }> | undefined;

/** The file's runs and what exchange mutations draw on, made on first use. */
function sharedRuns(): Promise<{ runs: GeneratedRun[]; resources: MutationResources }> {
  shared ??= (async () => {
    const pool = await resultPool();
    const shapes = runShapeArbitrary({ certificates: { min: 2, max: 3 }, schemes: [["key", "token"], ["token", "key"]] });
    return { runs: fc.sample(generatedRunArbitrary(shapes, pool), { seed: SEED, numRuns: RUNS_PER_FILE }), resources: { sameSerialTwins: await sameSerialTwins() } };
  })();
  return shared;
}

/** A run of the property: the run, the site, and what came of it. */
function verdictOf(m: Mutation, run: GeneratedRun, site: MutationSite, resources: MutationResources): string[] {
  const mutated = applyToConversation(m, run.conversation, site, resources);
  return mutationVerdictProblems(m, run.conversation, site, judged(contextOf(run.shape, run.plan, mutated)));
}

/** How a mutation is tried: `numRuns` draws of (run, site) for each group of the sites it may land on. */
export interface MutationTrials {
  numRuns: number;
  /** The sites by group, each group tried `numRuns` times (default: one group of every site). */
  siteGroups?: (sites: MutationSite[]) => Record<string, MutationSite[]>;
}

/**
 * The mutations in turns by the requirement they are tagged with (the first of each requirement,
 * then the second of each, ...): whichever check a StrykerJS mutant breaks, a test that catches it
 * comes early, and vitest stops there.
 */
export function inTurnsByRequirement(mutations: readonly Mutation[]): Mutation[] {
  const byRequirement = new Map<string, Mutation[]>();
  for (const m of mutations) {
    const id = tagUnder(m, seedSpec()).requirement.id;
    byRequirement.set(id, [...(byRequirement.get(id) ?? []), m]);
  }
  const groups = [...byRequirement.values()];
  const most = Math.max(0, ...groups.map((g) => g.length));
  return Array.from({ length: most }, (_, turn) => groups.flatMap((g) => (turn < g.length ? [g[turn]] : []))).flat();
}

/** One test per mutation, named after it and the requirement it is tagged with. */
export function describeMutationMatrix(title: string, mutations: readonly Mutation[], trials: (m: Mutation) => MutationTrials): void {
  describe(`${title} (seed ${SEED})`, () => {
    let runs: GeneratedRun[];
    let resources: MutationResources;
    beforeAll(async () => {
      ({ runs, resources } = await sharedRuns());
    });

    it.each(mutations.map((m) => [m.name, tagUnder(m, seedSpec()).requirement.id, m] as const))("%s: %s", (_name, _tag, m) => {
      const { numRuns, siteGroups } = trials(m);
      const groups = (run: GeneratedRun) => {
        const sites = mutationSites(m, run.conversation);
        return siteGroups ? siteGroups(sites) : { all: sites };
      };
      for (const group of Object.keys(groups(runs[0]))) {
        fc.assert(fc.property(fc.constantFrom(...runs.keys()), fc.nat(), (i, pick) => {
          const sites = groups(runs[i])[group];
          ensure(sites.length > 0, () => `no site for ${m.name} (${group}) in run ${i}`);
          const site = sites[pick % sites.length];
          const problems = verdictOf(m, runs[i], site, resources);
          ensure(problems.length === 0, () => `${m.name} on run ${i} at ${JSON.stringify(site)}${group === "all" ? "" : ` (${group})`}:\n  ${problems.join("\n  ")}`);
        }), { seed: SEED, numRuns });
      }
    });
  });
}
