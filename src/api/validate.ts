import type { ResponseClass } from "../schema/extract.ts";
import { isSpecLoadError, loadOperationSpec } from "../schema/operation-spec.ts";
import { responseValidator, type Profile, type Violation } from "../schema/validator.ts";
import { ConformanceOptionsError } from "./errors.ts";

export interface ValidateResponseOptions {
  /** The response's HTTP status (200, or a 4xx), or the class: default from the body's `success`. */
  status?: number | "200" | "4xx";
  /** `"spec"` (default): exactly the document; `"strict"`: with the errata and the formats the examples imply. */
  profile?: Profile;
  /** Another OpenAPI document to judge against (default: the seed). */
  spec?: string;
}

function classOf(body: unknown, status: ValidateResponseOptions["status"]): ResponseClass {
  if (status === 200 || status === "200") return "success-200";
  if (status === "4xx" || (typeof status === "number" && status >= 400 && status <= 499)) return "failure-4xx";
  if (status !== undefined) throw new ConformanceOptionsError(`status must be 200 or a 4xx (the operation declares no other response), got ${JSON.stringify(status)}`);
  const success = body !== null && typeof body === "object" ? (body as { success?: unknown }).success : undefined;
  if (success === true) return "success-200";
  if (success === false) return "failure-4xx";
  throw new ConformanceOptionsError("cannot tell whether this body answers 200 or 4xx (its success is neither true nor false): pass status");
}

/**
 * Validates one response body, parsed (`JSON.parse` the text first: a JSON string is a body too),
 * against the operation's schema: every violation, each naming the requirement it breaks and the
 * rule's JSON pointer in the document. An empty list means valid.
 */
export function validateResponse(body: unknown, options: ValidateResponseOptions = {}): Violation[] {
  const value = body;
  let spec;
  try {
    spec = loadOperationSpec(options.spec ? { path: options.spec } : {});
  } catch (e) {
    if (isSpecLoadError(e)) throw new ConformanceOptionsError(`spec: ${e.message}`);
    throw e;
  }
  return responseValidator(spec).validate(classOf(value, options.status), value, options.profile ?? "spec");
}
