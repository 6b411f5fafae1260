import type { SpecRequest } from "./operation-spec.ts";

/** `--spec FILE` / `CONFORMANCE_SPEC` and `--spec-revision REV` / `CONFORMANCE_SPEC_REVISION` (`run`, `record`, `validate`). */
export function specRequestFrom(values: { spec?: string; "spec-revision"?: string }, env: NodeJS.ProcessEnv): SpecRequest {
  const path = values.spec ?? (env.CONFORMANCE_SPEC || undefined);
  const revision = values["spec-revision"] ?? (env.CONFORMANCE_SPEC_REVISION || undefined);
  return { ...(path ? { path } : {}), ...(revision ? { revision } : {}) };
}
