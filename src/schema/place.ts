/**
 * A place in the operation, named by what it is rather than by where one document's
 * layout puts it: "the zone parameter's maxLength", "the certificate's status member",
 * "the failure schema's errors". The registry and the errata name places; whichever
 * OpenAPI document is loaded resolves them (operation-spec.ts) to a JSON pointer into
 * that document, following its `$ref`s, its parameter names and its response keys.
 */
import type { ResponseClass } from "./extract.ts";

/** The two path parameters, by position in the path (their names vary: zone_identifier, zone_id...). */
export type PathParameter = "zone" | "certificate";

/** A credential scheme as the operation's security names it: the API token, or the email + key pair. */
export type SchemeName = "token" | "key";

/**
 * Where inside a response schema a path starts (found by shape, not by position):
 * - `root`: the schema itself;
 * - `envelope`: the part that defines `success` (Cloudflare's common envelope);
 * - `envelope-result`: the generic envelope's `result` (object or string, no members);
 * - `certificate`: the `result` that has the certificate's members.
 */
export type SchemaAnchor = "root" | "envelope" | "envelope-result" | "certificate";

/**
 * A path below a place: JSON-pointer segments (unescaped). Two segments are special:
 * `**` matches the first descendant (document order) that has the next segment, so a
 * place survives an extra `allOf` wrapper; `$json` (response places only) is the
 * response's JSON media type key.
 */
export type PlacePath = readonly string[];

export type Place =
  | { readonly in: "operation"; readonly path?: PlacePath }
  | { readonly in: "parameter"; readonly which: PathParameter; readonly path?: PlacePath }
  | { readonly in: "response"; readonly which: ResponseClass; readonly path?: PlacePath }
  | { readonly in: "schema"; readonly which: ResponseClass; readonly anchor?: SchemaAnchor; readonly path?: PlacePath }
  | { readonly in: "member"; readonly name: string; readonly path?: PlacePath }
  | { readonly in: "security"; readonly scheme?: SchemeName; readonly part?: "email" | "key" }
  | { readonly in: "security-schemes"; readonly scheme?: SchemeName | "email" };

/** A place resolved in one document. */
export interface ResolvedPlace {
  /** JSON pointer into the loaded document (what reports show). */
  pointer: string;
  /**
   * The place in a layout-free space (`schema:success-200/allOf/1/properties/result`,
   * `param:zone/schema/maxLength`, `security/key`...): two places overlap when one locus
   * is a prefix of the other (spec-diff uses it to say which requirements a change touches).
   */
  locus: string;
  /** False when the document lacks the place and `pointer` is the nearest enclosing one. */
  exact: boolean;
}

/** True when one locus contains the other (segment-wise prefix). */
export function lociOverlap(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long === short || long.startsWith(short.endsWith("/") ? short : `${short}/`);
}

/** One line saying what a place is, for docs ("the zone parameter: schema/maxLength"). */
export function describePlace(place: Place): string {
  const tail = "path" in place && place.path?.length ? `: ${place.path.join("/")}` : "";
  switch (place.in) {
    case "operation": return `the operation${tail}`;
    case "parameter": return `the ${place.which} parameter${tail}`;
    case "response": return `the ${place.which === "success-200" ? "success" : "failure"} response${tail}`;
    case "schema": return `the ${place.which} schema${place.anchor && place.anchor !== "root" ? ` (${place.anchor})` : ""}${tail}`;
    case "member": return `the certificate's ${place.name}${tail}`;
    case "security": return `the operation's security${place.scheme ? ` (${place.scheme}${place.part ? `, ${place.part}` : ""})` : ""}`;
    case "security-schemes": return `the security schemes${place.scheme ? ` (${place.scheme})` : ""}`;
  }
}
