import type { LeftOut } from "../../reports/model.ts";
import { applicableNearMisses, type CredentialScheme } from "../http/index.ts";
import { proxyFor } from "../http/proxy.ts";
import type { Check } from "../../suites/support/check.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";
import type { RunConfig } from "./config.ts";
import { probeFeeds, probesFor, type Feeds } from "./feeds.ts";
import { planMethodProbes } from "./plan-methods.ts";
import { fitToBudget, listPath, madeUpIdentifier, planProbes, primaryScheme, type Probe } from "./probes.ts";
import { isSelective, selectedIds } from "./selection.ts";

/** How much a run fuzzes: identifiers tried, and requests spent shrinking a wrongly answered one. Live stays well under 100 requests. */
export const FUZZ: Record<RunConfig["target"]["kind"], { runs: number; shrinks: number }> = {
  live: { runs: 3, shrinks: 2 },
  url: { runs: 40, shrinks: 12 },
  recorded: { runs: 40, shrinks: 12 },
};

/** Requests kept back from the fixed probes for control reads (see ProbeRunner). */
export const controlReserve = (budget: number) => Math.min(4, Math.floor(budget / 10));

/** A read of the zone's list operation (discovery, and once more at the end). */
export function listProbe(zoneId: string, when: "before" | "after", scheme?: CredentialScheme): Probe {
  return {
    key: `list:${when}`, kind: "list", label: when === "before" ? "discover certificates (list operation)" : "list the zone's certificates again, after the probes",
    path: `${listPath(zoneId)}?per_page=50`, auth: scheme ?? "none", expect: "200", zoneId, priority: 0, ...(scheme ? { scheme } : {}),
  };
}

/** Stand-ins for what a run adds to its fixed plan, so the feeds of each are measured like the plan's. */
function fuzzStandIns(spec: OperationSpec, zoneId: string, certificateId: string, scheme: CredentialScheme | undefined): Probe[] {
  const auth = scheme ?? "none";
  // Fuzzing draws malformed and over-long identifiers for either position (fuzz.ts).
  return (["malformed", "overlong"] as const).flatMap((idCase) => (["zone", "certificate"] as const).map((position): Probe => ({
    key: `id:${idCase}:${position}:fuzz-stand-in`, kind: "id", priority: 2, expect: "4xx", auth, idCase, idPosition: position,
    label: `fuzzed ${idCase} ${position} identifier`,
    path: position === "zone" ? spec.detailsPath("fuzz", certificateId) : spec.detailsPath(zoneId, "fuzz"),
    zoneId: position === "zone" ? "fuzz" : zoneId, certificateId: position === "certificate" ? "fuzz" : certificateId,
    ...(scheme ? { scheme } : {}),
  })));
}

export interface PlanInput {
  config: RunConfig;
  spec: OperationSpec;
  certificateIds: string[];
  otherZone?: { zoneId: string; certificateIds: string[] };
  /** Requests already spent (discovery). */
  requestsSent: number;
  /** Every requirement's check: needed to measure what each probe feeds (with a selection, or `withFeeds`). */
  checks?: readonly Check[];
}

/** The run's plan once its certificates are known: what is sent, what the budget or the selection leaves out, and the requirements each probe feeds. */
export interface RunPlan {
  /** The fixed probes to send, in order. */
  planned: Probe[];
  /** Probes the budget left out, and the fuzzed identifiers it cut. */
  leftOut: LeftOut[];
  /** How many fixed probes the budget left out. */
  probesLeftOut: number;
  /** Probes not sent because they feed only requirements `--include` / `--exclude` left out. */
  notSelected: Probe[];
  fuzz: { runs: number; shrinks: number; feeds: string[] };
  /** Reads sent at once at the end (`--burst`), and the list read again after everything: sent only when they feed a selected requirement. */
  burst: { send: boolean; feeds: string[] };
  listAfter: { send: boolean; feeds: string[] };
  /** Requests with another method on the operation's path (OPTIONS, TRACE), after the fixed probes: none live; with a selection, only when they feed it. */
  methods: { probes: Probe[]; feeds: string[] };
  /** Probe key → requirement ids (computed for a selection or a dry run; see feeds.ts). */
  feeds?: Feeds;
}

/**
 * Plans a run: the fixed probes (every family once before any second sample), trimmed to the
 * selected requirements' when there is a selection, fitted to the budget with room kept for
 * control reads, and what is left for fuzzing. `withFeeds` measures the requirements each probe
 * feeds even without a selection (for a dry run).
 */
export function planRun(input: PlanInput, withFeeds = false): RunPlan {
  const { config, spec, certificateIds } = input;
  const viaProxy = config.target.kind !== "recorded" && URL.canParse(config.target.baseUrl) && proxyFor(new URL(config.target.baseUrl), config.proxy, config.proxyEnv ?? {}) !== undefined;
  const all = planProbes({
    spec, zoneId: config.zoneId, certificateIds, schemes: config.schemes, seed: config.seed, nearMisses: applicableNearMisses(config.credentials),
    ...(input.otherZone ? { otherZone: input.otherZone } : {}),
    // Through a proxy, the bytes a probe puts on the wire are the proxy's to forward or refuse: raw-framed probes are not sent.
    ...(viaProxy ? { viaProxy: true } : {}),
  });
  const scheme = primaryScheme(spec, config.schemes);
  const selection = isSelective(config) ? { include: config.include, exclude: config.exclude } : undefined;
  let feeds: Feeds | undefined;
  const extra = { fuzz: [] as string[], burst: [] as string[], listAfter: [] as string[], methods: [] as string[] };
  // Live is read with GET alone; through a proxy, the other methods (sent on a socket of the suite's own) are not sent.
  const methodProbes = config.target.kind === "live" || viaProxy ? [] : planMethodProbes(spec, config.zoneId, certificateIds[0]);
  if (selection || withFeeds) {
    const fuzz = fuzzStandIns(spec, config.zoneId, certificateIds[0] ?? "certificate", scheme);
    const firstRead = all.find((p) => p.kind === "read" && !p.variant && !p.repeat && p.scheme === scheme);
    const burst: Probe[] = firstRead ? [{ ...firstRead, key: "read:burst:stand-in", variant: "burst", priority: 2 }] : [];
    const after = listProbe(config.zoneId, "after", scheme);
    if (!input.checks) throw new Error("planRun: the checks are needed to measure what each probe feeds (loadChecks)");
    feeds = probeFeeds({
      checks: input.checks, spec, specRequest: config.spec, zoneId: config.zoneId, certificateIds, schemes: config.schemes,
      probes: [...all, ...fuzz, ...burst], lists: scheme ? [listProbe(config.zoneId, "before", scheme), after] : [], methods: methodProbes,
    });
    const union = (probes: Probe[]) => [...new Set(probes.flatMap((p) => feeds!.get(p.key) ?? []))];
    extra.fuzz = union(fuzz);
    extra.burst = union(burst);
    extra.listAfter = scheme ? union([after]) : [];
    extra.methods = union(methodProbes);
    for (const p of [...fuzz, ...burst]) feeds.delete(p.key);
  }
  const selected = selection ? selectedIds(selection) : undefined;
  const wanted = (ids: string[]) => !selected || ids.some((id) => selected.has(id));
  const chosen = selected && feeds ? probesFor(all, feeds, selected) : all;
  const notSelected = all.filter((p) => !chosen.includes(p));

  const room = config.budget - input.requestsSent - controlReserve(config.budget);
  const { planned, leftOut: notPlanned } = fitToBudget(chosen, room);
  const leftOut: LeftOut[] = notPlanned.map((p) => ({ kind: p.kind, label: p.label }));
  const fuzz = wanted(extra.fuzz) ? FUZZ[config.target.kind] : { runs: 0, shrinks: 0 };
  const fuzzRoom = Math.max(0, room - planned.length);
  const fuzzRuns = Math.min(fuzz.runs, Math.max(0, fuzzRoom - Math.min(fuzz.shrinks, Math.floor(fuzzRoom / 4))));
  const shrinks = Math.min(fuzz.shrinks, Math.max(0, fuzzRoom - fuzzRuns));
  if (fuzzRuns < fuzz.runs) leftOut.push({ kind: "id", label: `${fuzz.runs - fuzzRuns} of ${fuzz.runs} fuzzed malformed identifiers` });
  return {
    planned, leftOut, probesLeftOut: notPlanned.length, notSelected,
    fuzz: { runs: fuzzRuns, shrinks, feeds: extra.fuzz },
    burst: { send: wanted(extra.burst), feeds: extra.burst },
    listAfter: { send: wanted(extra.listAfter), feeds: extra.listAfter },
    methods: { probes: wanted(extra.methods) ? methodProbes : [], feeds: extra.methods },
    ...(feeds ? { feeds } : {}),
  };
}

/** A second zone as a plan assumes one before it is found (`given`: `--other-zone`): stand-ins for its id and two of its certificates. */
export function secondZoneStandIn(given?: string): { zoneId: string; certificateIds: string[] } {
  return { zoneId: given ?? madeUpIdentifier(0, "planned-second-zone"), certificateIds: [0, 1].map((i) => madeUpIdentifier(i, "planned-second-zone-certificate")) };
}

/** Whether the run has probes of a second zone to send: always without a selection; with one, when they feed it (else no zone is looked for). */
export function wantsSecondZone(input: Omit<PlanInput, "otherZone" | "requestsSent">): boolean {
  if (!isSelective(input.config)) return true;
  return planRun({ ...input, requestsSent: 0, otherZone: secondZoneStandIn(input.config.otherZoneId) }).planned.some((p) => p.otherZone);
}
