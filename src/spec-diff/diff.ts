import { REQUIREMENTS, requirementById } from "../registry/index.ts";
import { levelIn } from "../registry/resolve.ts";
import type { Level } from "../registry/types.ts";
import { loadErrata } from "../schema/errata.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";
import { lociOverlap } from "../schema/place.ts";
import { operationFacts, type OperationFact } from "./facts.ts";

/** A requirement a change touches, at its level in each document. */
export interface TouchedRequirement {
  id: string;
  /** The higher of its levels in the old and the new document. */
  level: Level;
}

export interface SpecChange {
  kind: "added" | "removed" | "changed" | "spelling";
  key: string;
  old?: unknown;
  new?: unknown;
  touches: TouchedRequirement[];
}

export interface SpecDiff {
  old: OperationSpec["source"];
  new: OperationSpec["source"];
  changes: SpecChange[];
  /** True when some change touches a must requirement (exit 1). */
  touchesMust: boolean;
}

const RANK: Record<Level, number> = { must: 3, should: 2, may: 1 };
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The requirements whose place, or whose erratum's place, overlaps one of the fact's loci in `spec`. */
function touchedIn(spec: OperationSpec, fact: OperationFact | undefined): Map<string, Level> {
  const out = new Map<string, Level>();
  if (!fact || fact.spellingOnly) return out;
  const overlaps = (locus: string) => fact.loci.some((l) => lociOverlap(l, locus));
  for (const r of REQUIREMENTS) if (overlaps(spec.resolve(r.place).locus)) out.set(r.id, levelIn(r.level, spec));
  for (const e of loadErrata()) {
    if ([e.place, ...(e.also ?? [])].some((p) => overlaps(spec.resolve(p).locus))) out.set(e.requirement, levelIn(requirementById(e.requirement).level, spec));
  }
  return out;
}

/** What changed in the operation between two documents, each change with the requirements it touches. */
export function diffSpecs(older: OperationSpec, newer: OperationSpec): SpecDiff {
  const before = new Map(operationFacts(older).map((f) => [f.key, f]));
  const after = new Map(operationFacts(newer).map((f) => [f.key, f]));
  const changes: SpecChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])]) {
    const o = before.get(key);
    const n = after.get(key);
    if (o && n && same(o.value, n.value)) continue;
    const touched = new Map<string, Level>();
    for (const [id, level] of [...touchedIn(older, o), ...touchedIn(newer, n)]) {
      const prev = touched.get(id);
      if (!prev || RANK[level] > RANK[prev]) touched.set(id, level);
    }
    const kind = (o ?? n)!.spellingOnly ? "spelling" : !o ? "added" : !n ? "removed" : "changed";
    changes.push({ kind, key, ...(o ? { old: o.value } : {}), ...(n ? { new: n.value } : {}), touches: [...touched].map(([id, level]) => ({ id, level })) });
  }
  return { old: older.source, new: newer.source, changes, touchesMust: changes.some((c) => c.touches.some((t) => t.level === "must")) };
}
