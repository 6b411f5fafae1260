/**
 * The operation as one loaded OpenAPI document states it: the seed by default, or any
 * published version of Cloudflare's document (`--spec FILE`, the full upstream file or
 * an excerpt). Everything that names a place in the operation (the registry, the
 * errata, reports, spec-diff) resolves it here, so nothing depends on one layout.
 */
import { isAbsolute, relative, resolve as resolvePath } from "node:path";
import { PACKAGE_ROOT, packagePath } from "../package-path.ts";
import { ExtractionError, sourcePointerFor } from "./convert-openapi-schema.ts";
import { DEFAULT_OPERATION_ID, extractOperation, RESPONSE_CLASSES, type ExtractedOperation, type ExtractedParameter, type ResponseClass } from "./extract.ts";
import { escapePointerSegment, joinPointer, localRefPointer, resolvePointer } from "./json-pointer.ts";
import { DocumentLoadError, loadOpenApiDocument } from "./load-document.ts";
import type { PathParameter, Place, PlacePath, ResolvedPlace, SchemaAnchor, SchemeName } from "./place.ts";

/** The seed: the document the suite ships with (schemas/source/openapi.json). */
export const SEED_DOCUMENT = packagePath("schemas", "source", "openapi.json");

/** Which document a run, a validation or a report is about. */
export interface SpecSource {
  /** As the user named it (or `schemas/source/openapi.json` for the seed). */
  label: string;
  /** Absolute path. */
  path: string;
  sha256: string;
  /** The upstream revision, when given (e.g. a cloudflare/api-schemas commit). */
  revision?: string;
}

/** What `loadOperationSpec` is asked for; every member optional (the seed's operation). */
export interface SpecRequest {
  path?: string;
  revision?: string;
  operationId?: string;
}

/** The security scheme components of the document, by what they carry. */
export interface SchemeComponents {
  token?: string;
  email?: string;
  key?: string;
}

export interface OperationSpec {
  readonly source: SpecSource;
  readonly doc: Record<string, unknown>;
  readonly operation: ExtractedOperation;
  readonly parameters: Readonly<Record<PathParameter, ExtractedParameter>>;
  /** Generated pointers (within each class's schema) of the anchors found in it. */
  readonly anchors: Readonly<Record<ResponseClass, Partial<Record<SchemaAnchor, string>>>>;
  /** The certificate's documented members, in the document's order. */
  readonly certificateMembers: readonly string[];
  /** The members the success envelope's required lists name (all of its allOf parts together). */
  readonly envelopeRequired: readonly string[];
  readonly schemeComponents: Readonly<SchemeComponents>;
  /** Schemes some alternative of the operation's security requirement declares. */
  readonly declaredSchemes: ReadonlySet<SchemeName>;
  /** Resolves a place in this document. */
  resolve(place: Place): ResolvedPlace;
  /** The schema node at a place (generated schema for schema and member places; the source node otherwise). */
  nodeAt(place: Place): unknown;
  /** A path parameter's maxLength (what the probes go beyond), when the document sets one. */
  maxLength(which: PathParameter): number | undefined;
  /** The details path for two identifiers, from the document's path template (identifiers inserted as given). */
  detailsPath(zone: string, certificate: string): string;
}

const cache = new Map<string, OperationSpec>();

/** Loads (once per path and operation) the operation of a document: the seed when no path is given. */
export function loadOperationSpec(request: SpecRequest = {}): OperationSpec {
  const path = request.path ? resolvePath(request.path) : SEED_DOCUMENT;
  const operationId = request.operationId ?? DEFAULT_OPERATION_ID;
  const key = `${path}\n${operationId}\n${request.revision ?? ""}`;
  let spec = cache.get(key);
  if (!spec) {
    const loaded = loadOpenApiDocument(path);
    const label = request.path ?? labelOf(path);
    spec = buildSpec(loaded.doc, extractOperation(loaded, operationId), { label, path, sha256: loaded.sha256, ...(request.revision ? { revision: request.revision } : {}) });
    cache.set(key, spec);
  }
  return spec;
}

/** A document that cannot be loaded or has no usable operation: one line saying which and why. */
export function isSpecLoadError(e: unknown): e is Error {
  return e instanceof DocumentLoadError || e instanceof ExtractionError;
}

/** The seed's operation (what the suite checks unless told otherwise). */
export function seedSpec(): OperationSpec {
  return loadOperationSpec();
}

function labelOf(path: string): string {
  const rel = relative(PACKAGE_ROOT, path).split("\\").join("/");
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every node of a schema reachable through allOf/anyOf/oneOf (not into members), with its pointer, document order. */
function* compositionNodes(node: unknown, pointer: string): Generator<{ node: Json; pointer: string }> {
  if (!isObject(node)) return;
  yield { node, pointer };
  for (const kw of ["allOf", "anyOf", "oneOf"]) {
    const list = node[kw];
    if (Array.isArray(list)) for (let i = 0; i < list.length; i++) yield* compositionNodes(list[i], `${pointer}/${kw}/${i}`);
  }
}

function hasMembers(schema: unknown): boolean {
  for (const { node } of compositionNodes(schema, "")) if (isObject(node.properties) && Object.keys(node.properties).length > 0) return true;
  return false;
}

/** Where, in a converted response schema, the envelope, its generic result and the certificate are. */
function findAnchors(schema: Json): Partial<Record<SchemaAnchor, string>> {
  const anchors: Partial<Record<SchemaAnchor, string>> = { root: "" };
  for (const { node, pointer } of compositionNodes(schema, "")) {
    const props = isObject(node.properties) ? node.properties : undefined;
    if (!props) continue;
    if (anchors.envelope === undefined && "success" in props) anchors.envelope = pointer;
    if ("result" in props) {
      const result = `${pointer}/properties/result`;
      if (hasMembers(props.result)) {
        // The certificate: the node (inside result's own allOf, if any) that lists the members.
        anchors.certificate ??= [...compositionNodes(props.result, result)].find((n) => isObject(n.node.properties) && Object.keys(n.node.properties).length > 0)!.pointer;
      } else {
        anchors["envelope-result"] = result; // the last generic one: the envelope's most specific part
      }
    }
  }
  return anchors;
}

/** Follows `$ref`s while walking `segments` from `base` in the source document; stops at the deepest node that exists. */
function walkSource(doc: unknown, base: string, segments: PlacePath): { pointer: string; exact: boolean } {
  let pointer = base;
  let node = resolvePointer(doc, base);
  for (const segment of segments) {
    for (let hops = 0; isObject(node) && typeof node.$ref === "string" && hops < 20; hops++) {
      let target: string;
      try {
        target = localRefPointer(node.$ref);
      } catch {
        return { pointer, exact: false }; // extraction has refused such a document already; a place past it is not exact
      }
      pointer = target;
      node = resolvePointer(doc, pointer);
    }
    if (!isObject(node) && !Array.isArray(node)) return { pointer, exact: false };
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return { pointer, exact: false };
    node = (node as Json)[segment];
    pointer = `${pointer}/${escapePointerSegment(segment)}`;
  }
  return { pointer, exact: true };
}

/** Walks `segments` (with `**`) in a generated schema from `base`; the generated pointer reached and whether all of it exists. */
function walkGenerated(schema: unknown, base: string, segments: PlacePath): { pointer: string; exact: boolean; node: unknown } {
  let pointer = base;
  let node = resolvePointer(schema, base);
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === "**") {
      const next = segments[i + 1];
      const found = next === undefined ? undefined : findDescendantWith(node, pointer, next);
      if (!found) return { pointer, exact: false, node };
      ({ pointer, node } = found);
      continue;
    }
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, segment)) return { pointer, exact: false, node };
    node = (node as Json)[segment];
    pointer = `${pointer}/${escapePointerSegment(segment)}`;
  }
  return { pointer, exact: true, node };
}

function findDescendantWith(node: unknown, pointer: string, key: string): { node: unknown; pointer: string } | undefined {
  if (node === null || typeof node !== "object") return undefined;
  if (Object.prototype.hasOwnProperty.call(node, key)) return { node, pointer };
  for (const [k, v] of Object.entries(node as Json)) {
    const found = findDescendantWith(v, `${pointer}/${escapePointerSegment(k)}`, key);
    if (found) return found;
  }
  return undefined;
}

/** Security scheme components by what they carry (an http bearer scheme, the X-Auth-Email and X-Auth-Key headers). */
function schemeComponentsOf(doc: Json): SchemeComponents {
  const schemes = isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const out: SchemeComponents = {};
  for (const [name, s] of Object.entries(schemes)) {
    if (!isObject(s)) continue;
    if (s.type === "http" && String(s.scheme).toLowerCase() === "bearer") out.token ??= name;
    if (s.type === "apiKey" && s.in === "header" && typeof s.name === "string") {
      if (s.name.toLowerCase() === "x-auth-email") out.email ??= name;
      if (s.name.toLowerCase() === "x-auth-key") out.key ??= name;
    }
  }
  // An excerpt without components: Cloudflare's own names.
  return { token: out.token ?? "api_token", email: out.email ?? "api_email", key: out.key ?? "api_key" };
}

function declaredSchemesOf(requirements: Record<string, unknown>[], components: SchemeComponents): Set<SchemeName> {
  const declared = new Set<SchemeName>();
  for (const alternative of requirements) {
    if (!isObject(alternative)) continue;
    const names = Object.keys(alternative);
    if (components.token && names.includes(components.token)) declared.add("token");
    if (components.key && components.email && names.includes(components.key) && names.includes(components.email)) declared.add("key");
  }
  return declared;
}

function buildSpec(doc: Json, operation: ExtractedOperation, source: SpecSource): OperationSpec {
  if (operation.parameters.length !== 2) {
    throw new ExtractionError(`operation ${operation.operationId} has ${operation.parameters.length} path parameters; the suite expects a zone and a certificate identifier`);
  }
  const parameters = { zone: operation.parameters[0]!, certificate: operation.parameters[1]! };
  const anchors = Object.fromEntries(RESPONSE_CLASSES.map((cls) => [cls, findAnchors(operation.classes[cls].schema)])) as OperationSpec["anchors"];
  const success = operation.classes["success-200"].schema;
  const certificateAt = anchors["success-200"].certificate;
  const certificate = certificateAt === undefined ? undefined : resolvePointer(success, certificateAt);
  const certificateMembers = isObject(certificate) && isObject(certificate.properties) ? Object.keys(certificate.properties) : [];
  const envelopeRequired = [...new Set([...compositionNodes(success, "")].flatMap(({ node }) => (Array.isArray(node.required) ? node.required.map(String) : [])))];
  const schemeComponents = schemeComponentsOf(doc);
  const declaredSchemes = declaredSchemesOf(operation.security.requirements, schemeComponents);

  const schemaPlace = (cls: ResponseClass, anchor: SchemaAnchor, path: PlacePath) => {
    const base = anchors[cls][anchor];
    const { schema, sourceMap } = operation.classes[cls];
    if (base === undefined) return { pointer: operation.classes[cls].pointer, locus: `schema:${cls}/(no ${anchor})`, exact: false, node: undefined };
    const walked = walkGenerated(schema, base, path);
    return { pointer: sourcePointerFor(sourceMap, walked.pointer), locus: `schema:${cls}${walked.pointer}`, exact: walked.exact, node: walked.node };
  };

  const resolveAny = (place: Place): ResolvedPlace & { node?: unknown } => {
    switch (place.in) {
      case "operation": {
        const w = walkSource(doc, operation.operationPointer, place.path ?? []);
        return { ...w, locus: `op/${(place.path ?? []).join("/")}`.replace(/\/$/, ""), node: resolvePointer(doc, w.pointer) };
      }
      case "parameter": {
        const w = walkSource(doc, parameters[place.which].pointer, place.path ?? []);
        return { ...w, locus: ["param:" + place.which, ...(place.path ?? [])].join("/"), node: resolvePointer(doc, w.pointer) };
      }
      case "response": {
        const cls = operation.classes[place.which];
        const path = (place.path ?? []).map((s) => (s === "$json" ? cls.mediaType : s));
        const w = walkSource(doc, cls.responsePointer, path);
        return { ...w, locus: ["response:" + place.which, ...(place.path ?? []).map((s) => (s === "$json" ? "json" : s))].join("/"), node: resolvePointer(doc, w.pointer) };
      }
      case "schema":
        return schemaPlace(place.which, place.anchor ?? "root", place.path ?? []);
      case "member":
        return schemaPlace("success-200", "certificate", ["properties", place.name, ...(place.path ?? [])]);
      case "security": {
        const base = { pointer: operation.security.pointer, locus: "security", exact: true, node: operation.security.requirements };
        if (!place.scheme) return base;
        const names = place.scheme === "token" ? [schemeComponents.token] : place.part === "email" ? [schemeComponents.email] : [schemeComponents.key, ...(place.part ? [] : [schemeComponents.email])];
        const index = operation.security.requirements.findIndex((alt) => isObject(alt) && names.every((n) => n !== undefined && n in alt));
        const locus = ["security", place.scheme, ...(place.part ? [place.part] : [])].join("/");
        // Not in the operation's security: the scheme's own component, where the document declares one.
        if (index === -1) {
          const component = walkSource(doc, "/components/securitySchemes", [names[0] ?? ""]);
          return { pointer: component.exact ? component.pointer : base.pointer, locus, exact: false, node: undefined };
        }
        const pointer = place.part || place.scheme === "token" ? joinPointer(operation.security.pointer, index, names[0]!) : joinPointer(operation.security.pointer, index);
        return { pointer, locus, exact: true, node: resolvePointer(doc, pointer) };
      }
      case "security-schemes": {
        const name = place.scheme ? schemeComponents[place.scheme] : undefined;
        const w = walkSource(doc, "/components/securitySchemes", name ? [name] : []);
        const exists = resolvePointer(doc, "/components/securitySchemes") !== undefined;
        return { pointer: exists ? w.pointer : "/components/securitySchemes", exact: exists && w.exact, locus: ["schemes", ...(place.scheme ? [place.scheme] : [])].join("/"), node: resolvePointer(doc, w.pointer) };
      }
    }
  };

  const template = operation.path;
  return {
    source, doc, operation, parameters, anchors, certificateMembers, envelopeRequired, schemeComponents, declaredSchemes,
    resolve: (place) => {
      const { pointer, locus, exact } = resolveAny(place);
      return { pointer, locus, exact };
    },
    nodeAt: (place) => resolveAny(place).node,
    maxLength: (which) => {
      const max = parameters[which].schema.maxLength;
      return typeof max === "number" ? max : undefined;
    },
    detailsPath: (zone, certificate) =>
      template.replace(`{${parameters.zone.name}}`, () => zone).replace(`{${parameters.certificate.name}}`, () => certificate),
  };
}
