import type { LeftOut } from "../../reports/model.ts";
import type { Check } from "../../suites/support/check.ts";
import type { OtherMethod } from "../http/index.ts";
import { loadOperationSpec } from "../schema/operation-spec.ts";
import { SUITE_NAME, SUITE_VERSION } from "./build-report.ts";
import type { RunConfig } from "./config.ts";
import { madeUpIdentifier, primaryScheme, type Probe } from "./probes.ts";
import { controlReserve, listProbe, planRun, secondZoneStandIn, wantsSecondZone } from "./run-plan.ts";
import { isSelective, selectedIds } from "./selection.ts";

/** One request of the plan: what is sent, what a conforming server answers, and what it feeds. */
export interface PlannedRequest {
  key: string;
  kind: Probe["kind"] | "discovery";
  label: string;
  method: "GET" | OtherMethod;
  /** Below the target's base URL. */
  path: string;
  /** What a conforming server answers: 200, a 4xx, 200 or 406, 200 or a 4xx. */
  expect: Probe["expect"];
  /** Requirement ids whose checks judge its answer (see src/run/feeds.ts). */
  feeds: string[];
  /** Sent only when this holds (discovery finds something). */
  when?: string;
}

/**
 * What a run would send, without sending anything (`run --dry-run`, `planConformance`): each
 * request in order with the requirements it feeds, the property-based and burst parts, what the
 * budget or the selection leaves out, and the most requests the run can send.
 */
export interface DryRunPlan {
  dryRun: true;
  suite: { name: string; version: string };
  target: RunConfig["target"];
  zone: string;
  seed: number;
  budget: number;
  gatingLevel: RunConfig["gatingLevel"];
  /** Certificates read: given (`--certificate`, a recording), or stand-ins for those the list operation will return. */
  certificates: { ids: string[]; discovered: boolean; probesPerMoreCertificate?: number };
  selection?: { include: string[]; exclude: string[]; requirements: string[] };
  requests: PlannedRequest[];
  fuzz: { runs: number; shrinks: number; feeds: string[] };
  burst: { reads: number; feeds: string[] };
  leftOut: { budget: LeftOut[]; notSelected: { key: string; label: string }[] };
  /** Request counts by part, and the most the run sends (never more than the budget). */
  counts: { discovery: number; secondZone: number; probes: number; fuzz: number; burst: number; methods: number; listAfter: number; controlReads: number; atMost: number };
  /** What the plan assumed where only the run can tell. */
  notes: string[];
}

/** The plan of a run from its resolved config (a recorded target's already prepared), sending nothing; `checks` measure what each request feeds (evaluate-checks.ts `loadChecks`). */
export function dryRunPlan(config: RunConfig, checks: readonly Check[]): DryRunPlan {
  const spec = loadOperationSpec(config.spec);
  const scheme = primaryScheme(spec, config.schemes);
  const notes: string[] = [];
  const requests: PlannedRequest[] = [];
  const discovered = config.certificateIds.length === 0;
  const standIn = (i: number) => madeUpIdentifier(i, "planned-certificate");
  const certificateIds = discovered ? [standIn(0)] : config.certificateIds;
  if (discovered) {
    const list = listProbe(config.zoneId, "before", scheme);
    requests.push({ key: list.key, kind: "discovery", label: list.label, method: "GET", path: list.path, expect: "200", feeds: [] });
    notes.push(`the certificates are discovered at run time with the list operation; this plan reads one stand-in, ${standIn(0)}`);
  }
  const otherZoneStandIn = secondZoneStandIn(config.otherZoneId);
  const otherZoneId = otherZoneStandIn.zoneId;
  const secondZone = scheme !== undefined && wantsSecondZone({ config, spec, certificateIds, checks });
  if (secondZone) {
    if (!config.otherZoneId) requests.push({ key: "zones", kind: "discovery", label: "find a second zone (GET /zones)", method: "GET", path: "/zones?per_page=50", expect: "200", feeds: [] });
    requests.push({
      key: "list:second-zone", kind: "discovery", label: `list the second zone's certificates`, method: "GET", path: `/zones/${otherZoneId}/client_certificates?per_page=50`, expect: "200", feeds: [],
      ...(config.otherZoneId ? {} : { when: "GET /zones lists another zone" }),
    });
    notes.push(config.otherZoneId
      ? `the second zone's certificates are listed at run time; this plan uses two stand-ins`
      : `a second zone is whichever other zone GET /zones lists first, if any (stand-in ${otherZoneId}); its probes are sent only if there is one`);
  }
  const spent = requests.length;
  const plan = planRun({ config, spec, certificateIds, requestsSent: spent, checks, ...(secondZone ? { otherZone: otherZoneStandIn } : {}) }, true);
  // The list read for discovery is evidence too (a certificate's status must not go back after it).
  if (discovered) requests[0]!.feeds = plan.feeds?.get("list:before") ?? [];
  for (const p of plan.planned) {
    requests.push({
      key: p.key, kind: p.kind, label: p.label, method: "GET", path: p.path, expect: p.expect, feeds: plan.feeds?.get(p.key) ?? [],
      ...(p.otherZone && !config.otherZoneId ? { when: "GET /zones lists another zone" } : {}),
    });
  }
  const firstPlainRead = plan.planned.find((p) => p.kind === "read" && !p.variant && !p.repeat && p.scheme === scheme);
  const burst = config.burst && plan.burst.send && firstPlainRead ? config.burst : 0;
  for (const p of plan.methods.probes) {
    requests.push({ key: p.key, kind: p.kind, label: p.label, method: p.method!, path: p.path, expect: p.expect, feeds: plan.feeds?.get(p.key) ?? [] });
  }
  const listAfter = scheme !== undefined && plan.listAfter.send;
  if (listAfter) {
    const after = listProbe(config.zoneId, "after", scheme);
    requests.push({ key: after.key, kind: "list", label: after.label, method: "GET", path: after.path, expect: "200", feeds: plan.listAfter.feeds });
  }
  let probesPerMoreCertificate: number | undefined;
  if (discovered) {
    const two = planRun({ config, spec, certificateIds: [standIn(0), standIn(1)], requestsSent: spent, checks }).planned.length;
    probesPerMoreCertificate = two - plan.planned.length;
    if (probesPerMoreCertificate > 0) notes.push(`each further certificate the list returns adds up to ${probesPerMoreCertificate} probes, within the budget`);
  }
  const reserve = controlReserve(config.budget);
  notes.push(`control reads (at most ${reserve}) are sent only when an answer goes missing`);
  if (config.target.kind === "recorded") notes.push("a recorded target replays its recording: nothing reaches the network in a real run either");
  const counts = {
    discovery: discovered ? 1 : 0, secondZone: spent - (discovered ? 1 : 0), probes: plan.planned.length,
    fuzz: plan.fuzz.runs + plan.fuzz.shrinks, burst, methods: plan.methods.probes.length, listAfter: listAfter ? 1 : 0, controlReads: reserve, atMost: 0,
  };
  counts.atMost = Math.min(config.budget, counts.discovery + counts.secondZone + counts.probes + counts.fuzz + counts.burst + counts.methods + counts.listAfter + counts.controlReads);
  return {
    dryRun: true, suite: { name: SUITE_NAME, version: SUITE_VERSION },
    target: config.target, zone: config.zoneId, seed: config.seed, budget: config.budget, gatingLevel: config.gatingLevel,
    certificates: { ids: certificateIds, discovered, ...(probesPerMoreCertificate !== undefined ? { probesPerMoreCertificate } : {}) },
    ...(isSelective(config) ? { selection: { include: config.include ?? [], exclude: config.exclude ?? [], requirements: [...selectedIds(config)] } } : {}),
    requests,
    fuzz: plan.fuzz,
    burst: { reads: burst, feeds: plan.burst.feeds },
    leftOut: { budget: plan.leftOut, notSelected: plan.notSelected.map((p) => ({ key: p.key, label: p.label })) },
    counts, notes,
  };
}
