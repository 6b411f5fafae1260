import type { CredentialScheme } from "../../src/http/index.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import type { ProbeKind } from "../../src/run/probes.ts";
import { loadOperationSpec, type OperationSpec, type SpecRequest } from "../../src/schema/operation-spec.ts";

/** What every check sees: the run's evidence, and nothing of how it was obtained. JSON-serialisable. */
export interface CheckContext {
  zoneId: string;
  certificateIds: string[];
  /** Credential schemes the run was configured with (what can be shown to work). */
  schemes: CredentialScheme[];
  results: ProbeResult[];
  /**
   * The zone's list operation, read before the probes (discovery) and after them: another
   * operation, so only what it says of this one's certificates is judged (STATUS-TRANSITIONS).
   */
  lists?: ProbeResult[];
  /**
   * Requests on the operation's path with another method (OPTIONS, TRACE: safe, without credentials,
   * never on a live run): judged only by the requirements about methods (suites/http-methods.ts).
   * Absent when the run planned none (live, or through a proxy); empty when none planned was sent.
   */
  methods?: ProbeResult[];
  /** The OpenAPI document to judge against (absent: the seed). */
  spec?: SpecRequest;
}

/** The document a context is judged against (loaded once per process, also in the thread that judges a run). */
export function specOf(ctx: CheckContext): OperationSpec {
  return loadOperationSpec(ctx.spec);
}

export function probesOfKind(ctx: CheckContext, kind: ProbeKind): ProbeResult[] {
  return ctx.results.filter((r) => r.probe.kind === kind);
}

/** The plain reads: each certificate with each scheme, and again; not the reads asked another way (variants). */
export function plainReads(ctx: CheckContext): ProbeResult[] {
  return ctx.results.filter((r) => r.probe.kind === "read" && !r.probe.variant);
}

/** Reads asked another legitimate way (a ReadVariant). */
export function variantReads(ctx: CheckContext, ...variants: string[]): ProbeResult[] {
  return ctx.results.filter((r) => r.probe.kind === "read" && r.probe.variant !== undefined && (variants.length === 0 || variants.includes(r.probe.variant)));
}
