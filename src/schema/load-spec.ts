import { resolve as resolvePath } from "node:path";
import { UsageError } from "../io/usage-error.ts";
import { ExtractionError } from "./convert-openapi-schema.ts";
import { loadOpenApiDocumentAsync } from "./load-document.ts";
import { isSpecLoadError, loadOperationSpec, type OperationSpec, type SpecRequest } from "./operation-spec.ts";

/**
 * Loads the document and compiles its schemas now, so a bad one is one line (exit 2) before
 * anything is sent or read. The document is read within its bound, with the event loop free
 * (a YAML one parsed off the main thread), so `signal` (`--max-time`, SIGINT, SIGTERM) stops it:
 * the signal's reason is thrown.
 */
export async function loadSpecOrExplain(request: SpecRequest, what = "--spec", signal?: AbortSignal): Promise<OperationSpec> {
  try {
    if (request.path) await loadOpenApiDocumentAsync(resolvePath(request.path), signal);
    signal?.throwIfAborted();
    const spec = loadOperationSpec(request);
    // The seed compiles (npm test proves it, and the validator need not load here for it); another
    // document is compiled now, so its defects are one line before a run.
    if (request.path) {
      const { responseValidator, SchemaCompileError } = await import("./validator.ts");
      try {
        responseValidator(spec).compileAll();
      } catch (e) {
        if (e instanceof SchemaCompileError) throw new UsageError(`${what}: ${e.message}`);
        // Anything else ajv refuses in a schema (an unknown keyword in strict mode, a keyword of the wrong type) is the document's defect too.
        if (e instanceof Error && !(e instanceof RangeError)) throw new UsageError(`${what}: ${request.path}: its response schemas do not compile: ${e.message.split("\n")[0]}`);
        throw e;
      }
    }
    return spec;
  } catch (e) {
    // A defect found in extraction names its place in the document; the line names the document too.
    if (e instanceof ExtractionError) throw new UsageError(`${what}: ${request.path ?? "the seed"}: ${e.message}`);
    if (isSpecLoadError(e)) throw new UsageError(`${what}: ${e.message}`);
    throw e;
  }
}
