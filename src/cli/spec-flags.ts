import { isSpecLoadError, loadOperationSpec, type OperationSpec, type SpecRequest } from "../schema/operation-spec.ts";
import { UsageError } from "./usage-error.ts";

/** `--spec FILE` / `CONFORMANCE_SPEC` and `--spec-revision REV` / `CONFORMANCE_SPEC_REVISION` (`run`, `record`, `validate`). */
export function specRequestFrom(values: { spec?: string; "spec-revision"?: string }, env: NodeJS.ProcessEnv): SpecRequest {
  const path = values.spec ?? (env.CONFORMANCE_SPEC || undefined);
  const revision = values["spec-revision"] ?? (env.CONFORMANCE_SPEC_REVISION || undefined);
  return { ...(path ? { path } : {}), ...(revision ? { revision } : {}) };
}

/** Loads the document and compiles its schemas now, so a bad one is one line (exit 2) before anything is sent or read. */
export async function loadSpecOrExplain(request: SpecRequest, what = "--spec"): Promise<OperationSpec> {
  try {
    const spec = loadOperationSpec(request);
    // The seed compiles (npm test proves it, and the validator need not load here for it); another
    // document is compiled now, so its defects are one line before a run.
    if (request.path) {
      const { responseValidator, SchemaCompileError } = await import("../schema/validator.ts");
      try {
        responseValidator(spec).compileAll();
      } catch (e) {
        if (e instanceof SchemaCompileError) throw new UsageError(`${what}: ${e.message}`);
        throw e;
      }
    }
    return spec;
  } catch (e) {
    if (isSpecLoadError(e)) throw new UsageError(`${what}: ${e.message}`);
    throw e;
  }
}
