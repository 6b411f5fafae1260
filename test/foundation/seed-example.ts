import { readFileSync } from "node:fs";
import { resolvePointer } from "../../src/schema/json-pointer.ts";
import { CERTIFICATE } from "../../src/registry/pointers.ts";

/** The seed's own example values assembled into a 200 body (each member's `example`). */
export function seedExampleSuccessBody(): Record<string, any> {
  const doc = JSON.parse(readFileSync("schemas/source/openapi.json", "utf8"));
  const props = resolvePointer(doc, `${CERTIFICATE}/properties`) as Record<string, { example?: unknown; properties?: Record<string, { example?: unknown }> }>;
  const result: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(props)) {
    result[name] = schema.properties
      ? Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, v.example]))
      : schema.example;
  }
  return { success: true, errors: [], messages: [], result };
}

/** The 4xx example of the seed: errors [{7003, "No route for the URI"}]. */
export function seedExampleFailureBody(): Record<string, any> {
  return { success: false, errors: [{ code: 7003, message: "No route for the URI" }], messages: [], result: null };
}
