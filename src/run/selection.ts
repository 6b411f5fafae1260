import type { Report, RequirementResult, Selection } from "../../reports/model.ts";
import type { CheckOutcome } from "../../suites/support/check.ts";
import { closest } from "../io/did-you-mean.ts";
import { UsageError } from "../io/usage-error.ts";
import { REQUIREMENTS } from "../registry/index.ts";
import { FAMILIES } from "../registry/types.ts";

/** `--include` / `--exclude` as given: requirement ids and family names, upper case. */
export interface SelectionRequest {
  include?: string[];
  exclude?: string[];
}

/**
 * Requirement ids and families from repeatable, comma-separated flag values (`--include STATUS,ID-ZONE-SCOPED`),
 * any letter case, each checked against the registry: an unknown one is a UsageError naming the closest known.
 */
export function parseSelectors(values: readonly string[] | undefined, flag: "include" | "exclude"): string[] {
  const known = [...FAMILIES, ...REQUIREMENTS.map((r) => r.id)];
  const out: string[] = [];
  for (const raw of (values ?? []).flatMap((v) => v.split(","))) {
    const name = raw.trim().toUpperCase();
    if (!name) continue;
    if (!known.includes(name)) {
      const suggestion = closest(name, known);
      throw new UsageError(`--${flag} ${JSON.stringify(raw.trim())} is neither a requirement id nor a family${suggestion ? `; did you mean ${suggestion}?` : ""} (families: ${FAMILIES.join(", ")}; \`client-cert-conformance requirements\` lists the ids)`);
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

const FAMILY_OF = new Map<string, string>(REQUIREMENTS.map((r) => [r.id, r.family]));
/** A selector names the requirement itself, or its family. */
const matches = (selector: string, id: string) => selector === id || selector === FAMILY_OF.get(id);

/** Whether a request selects anything less than the whole registry. */
export function isSelective(request: SelectionRequest | undefined): request is SelectionRequest {
  return !!(request?.include?.length || request?.exclude?.length);
}

/** The ids of the requirements a request selects: those `include` names (all, when it names none), less those `exclude` names. */
export function selectedIds(request: SelectionRequest): Set<string> {
  const include = request.include ?? [];
  const exclude = request.exclude ?? [];
  return new Set(REQUIREMENTS.map((r) => r.id).filter((id) => (include.length === 0 || include.some((s) => matches(s, id))) && !exclude.some((s) => matches(s, id))));
}

/** Why a requirement was not selected, as the report's reason says it. */
export function notSelectedReason(id: string, request: SelectionRequest): string {
  const excludedBy = (request.exclude ?? []).find((s) => matches(s, id));
  if (excludedBy) return `not selected: --exclude ${excludedBy}; not judged, no evidence either way`;
  return `not selected: not in --include ${(request.include ?? []).join(",")}; not judged, no evidence either way`;
}

/** The outcomes with every requirement the request does not select replaced by a skip saying so. */
export function selectOutcomes(outcomes: Map<string, CheckOutcome>, request: SelectionRequest): Map<string, CheckOutcome> {
  const selected = selectedIds(request);
  const out = new Map(outcomes);
  for (const { id } of REQUIREMENTS) {
    if (!selected.has(id)) out.set(id, { status: "skipped", checks: 0, failures: [], reason: notSelectedReason(id, request) });
  }
  return out;
}

/** The report marked with its selection: each requirement left out, the counts, and the probes not sent for it. */
export function markSelection(report: Report, request: SelectionRequest, probesNotSent: number): Report {
  const selected = selectedIds(request);
  const requirements: RequirementResult[] = report.requirements.map((r) => (selected.has(r.id) ? r : { ...r, notSelected: true }));
  const notSelected = requirements.filter((r) => r.notSelected).length;
  const selection: Selection = { include: request.include ?? [], exclude: request.exclude ?? [], selected: requirements.length - notSelected, notSelected, probesNotSent };
  return { ...report, requirements, summary: { ...report.summary, notSelected }, selection };
}
