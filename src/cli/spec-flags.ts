import { isSpecLoadError, loadOperationSpec, type OperationSpec, type SpecRequest } from "../schema/operation-spec.ts";
import { responseValidator, SchemaCompileError } from "../schema/validator.ts";
import { UsageError } from "./usage-error.ts";

/** `--spec FILE` / `CONFORMANCE_SPEC` and `--spec-revision REV` / `CONFORMANCE_SPEC_REVISION` (`run`, `record`, `validate`). */
export function specRequestFrom(values: { spec?: string; "spec-revision"?: string }, env: NodeJS.ProcessEnv): SpecRequest {
  const path = values.spec ?? (env.CONFORMANCE_SPEC || undefined);
  const revision = values["spec-revision"] ?? (env.CONFORMANCE_SPEC_REVISION || undefined);
  return { ...(path ? { path } : {}), ...(revision ? { revision } : {}) };
}

/** Loads the document and compiles its schemas now, so a bad one is one line (exit 2) before anything is sent or read. */
export function loadSpecOrExplain(request: SpecRequest, what = "--spec"): OperationSpec {
  try {
    const spec = loadOperationSpec(request);
    responseValidator(spec).compileAll();
    return spec;
  } catch (e) {
    if (isSpecLoadError(e) || e instanceof SchemaCompileError) throw new UsageError(`${what}: ${e.message}`);
    throw e;
  }
}
