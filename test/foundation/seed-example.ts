import { CERTIFICATE } from "../../src/registry/pointers.ts";
import { seedSpec, type OperationSpec } from "../../src/schema/operation-spec.ts";

type MemberSchema = { examples?: unknown[]; properties?: Record<string, { examples?: unknown[] }> };

/** The document's own example values assembled into a 200 body (each certificate member's `example`). */
export function seedExampleSuccessBody(spec: OperationSpec = seedSpec()): Record<string, any> {
  const certificate = spec.nodeAt(CERTIFICATE) as { properties: Record<string, MemberSchema> };
  const result: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(certificate.properties)) {
    result[name] = schema.properties
      ? Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, v.examples?.[0]]))
      : schema.examples?.[0];
  }
  return { success: true, errors: [], messages: [], result };
}

/** The 4xx example of the seed: errors [{7003, "No route for the URI"}]. */
export function seedExampleFailureBody(): Record<string, any> {
  return { success: false, errors: [{ code: 7003, message: "No route for the URI" }], messages: [], result: null };
}
