/**
 * The OpenAPI document's statements, generated from whichever document is loaded (the seed, an
 * upstream revision): the operation, its path parameters, its security and the schemes, its
 * responses, and every keyword at every place of the success and failure schemas, plus every
 * sentence of a description. Each is traced to the requirement that checks it, with the rules
 * the validator reports violations under (src/schema/violation-requirement.ts) and the errata
 * (schemas/errata.json), or to why none does. What the generator does not know (a keyword, a
 * member, a sentence of a new revision) is a GAP statement starting with NEW_IN_DOCUMENT.
 */
import { errataFor } from "../schema/errata.ts";
import { RESPONSE_CLASSES, type ResponseClass } from "../schema/extract.ts";
import { joinPointer, resolvePointer } from "../schema/json-pointer.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";
import type { PathParameter } from "../schema/place.ts";
import { requirementForSpecViolation } from "../schema/violation-requirement.ts";
import { EXAMPLES } from "./openapi-descriptions.ts";
import { descriptionDrafts, hasMembers, isObject, NEW_IN_DOCUMENT, schemaDrafts, shown, unknownTo, type Draft, type Mapping, type SchemaPolicy } from "./openapi-schema.ts";
import type { SourceStatement, Unchecked } from "./types.ts";

export { NEW_IN_DOCUMENT } from "./openapi-schema.ts";

const THIS_FILE = "src/sources/openapi.ts";
const NEW_MEMBER = (of: string) => unknownTo(`a member of ${of}`, THIS_FILE);
const out = (why: string): Unchecked => ({ kind: "out-of-scope", why });
const req = (...requirements: string[]): Mapping => ({ requirements });
const not = (unchecked: Unchecked): Mapping => ({ unchecked });

const AN_EXAMPLE = out("an example value: it illustrates, it constrains nothing (no erratum or requirement takes a format from it)");
const READ_ONLY_MEMBER = out("an annotation: the member is only ever in answers, and this operation takes no body");
const AN_ANNOTATION = out("an annotation: it constrains nothing in the answer");
const READ_ONLY_PARAMETER = out("readOnly is for the members of a body, not for a parameter: it constrains nothing here");

/** The tag of a response class in ids and description keys. */
const TAG: Record<ResponseClass, string> = { "success-200": "200", "failure-4xx": "4XX" };

function operationDrafts(spec: OperationSpec): Draft[] {
  const { operation } = spec;
  const at = operation.operationPointer;
  const node = resolvePointer(spec.doc, at);
  const drafts: Draft[] = [{ segments: ["operation"], section: at, quote: `${operation.method} ${operation.path}`, mapping: req("HTTP-EXISTING-200", "HTTP-PATH-EXACT") }];
  const known: Record<string, Mapping> = {
    operationId: not(out("names the operation in the document: the suite finds it by this id")),
    tags: not(out("groups the operation in the document's navigation")),
    "x-cfPlanAvailability": not(out("every plan has the operation; a run reads one zone, of one plan")),
    "x-cfPermissionsRequired": not({ kind: "not-observable", why: "GAP: no probe uses a valid token without #ssl:read to see it refused (CLOUDFLARE-AUTH-PERMISSIONS); AUTH-TOKEN-ACCEPTED reads with one that has it" }),
  };
  for (const [key, value] of Object.entries(isObject(node) ? node : {})) {
    if (["parameters", "responses", "security"].includes(key)) continue; // statements of their own below
    const section = joinPointer(at, key);
    if (key === "summary" || key === "description") drafts.push(...descriptionDrafts(value, "operation", ["operation"], section, key));
    else drafts.push({ segments: ["operation", key], section, quote: `${key}: ${shown(value)}`, mapping: known[key] ?? not(NEW_MEMBER("the operation")) });
  }
  return drafts;
}

function parameterDrafts(spec: OperationSpec, which: PathParameter): Draft[] {
  const { name, pointer } = spec.parameters[which];
  const node = resolvePointer(spec.doc, pointer);
  const key = `param.${which}`;
  const segments = ["param", which];
  const maxLength = which === "zone" ? "ID-MAXLENGTH-ZONE" : "ID-MAXLENGTH-CERTIFICATE";
  const policy: SchemaPolicy = {
    doc: spec.doc, openapi30: String(spec.doc.openapi).startsWith("3.0"), errata: [],
    validating: (_instance, keyword, value) => keyword === "maxLength" ? req(maxLength)
      : keyword === "type" && value === "string" ? not(out("every path segment is a string"))
      : not({ kind: "not-observable", why: `GAP: no probe is derived from the parameter's ${keyword} (the identifier probes know maxLength and Cloudflare's identifier format)` }),
    example: (k) => (EXAMPLES[k] ? { requirements: EXAMPLES[k] } : not(AN_EXAMPLE)),
    annotation: (keyword) => (keyword === "readOnly" ? READ_ONLY_PARAMETER : AN_ANNOTATION),
  };
  const drafts: Draft[] = [];
  for (const [k, value] of Object.entries(isObject(node) ? node : {})) {
    const section = joinPointer(pointer, k);
    const draft = (mapping: Mapping) => drafts.push({ segments: [...segments, k], section, quote: `${k}: ${shown(value)}`, mapping });
    if (k === "schema") schemaDrafts(value, { pointer: section, segments, instance: "", key }, policy, drafts);
    else if (k === "description") drafts.push(...descriptionDrafts(value, key, segments, section));
    else if (k === "in") draft(value === "path" ? req(which === "zone" ? "ID-ZONE-SCOPED" : "ID-RESULT-ECHO") : not(NEW_MEMBER("a parameter")));
    else if (k === "name") draft(not(out(`ties the value to {${name}} in the path template; the name itself is never sent`)));
    else if (k === "required") draft(value === true ? req("ID-MALFORMED-REFUSED") : not(NEW_MEMBER("a parameter")));
    else if (k === "example" || k === "examples") draft(policy.example(key));
    else draft(not(NEW_MEMBER("a parameter")));
  }
  return drafts;
}

/** The requirements each credential scheme's declaration feeds. */
const SCHEME_REQUIREMENTS: Record<"token" | "email" | "key", string[]> = {
  token: ["AUTH-TOKEN-ACCEPTED", "AUTH-TOKEN-WRONG-REFUSED", "AUTH-TOKEN-NEAR-MISS-REFUSED", "AUTH-MALFORMED-REFUSED", "AUTH-MISPLACED-REFUSED", "AUTH-SYNTAX-ACCEPTED", "AUTH-SECRET-NOT-ECHOED"],
  email: ["AUTH-KEY-ACCEPTED", "AUTH-EMAIL-WITHOUT-KEY-REFUSED", "AUTH-KEY-WRONG-REFUSED", "AUTH-MALFORMED-REFUSED", "AUTH-SYNTAX-ACCEPTED"],
  key: ["AUTH-KEY-ACCEPTED", "AUTH-KEY-WRONG-REFUSED", "AUTH-MALFORMED-REFUSED", "AUTH-MISPLACED-REFUSED", "AUTH-SYNTAX-ACCEPTED", "AUTH-SECRET-NOT-ECHOED"],
};

function securityDrafts(spec: OperationSpec): Draft[] {
  const { security } = spec.operation;
  const components = spec.schemeComponents;
  const kindOf = (name: string) => (["token", "email", "key"] as const).find((k) => components[k] === name);
  const drafts: Draft[] = [];
  if (security.requirements.length === 0) {
    drafts.push({ segments: ["security"], section: security.pointer, quote: "security: []", mapping: not(out("the operation requires no credentials: the AUTH requirements are then may")) });
  }
  security.requirements.forEach((alternative, i) => {
    const names = isObject(alternative) ? Object.keys(alternative) : [];
    const kinds = names.map(kindOf);
    const id = kinds.includes("token") && names.length === 1 ? "token" : names.length === 2 && kinds.includes("email") && kinds.includes("key") ? "key" : undefined;
    const mapping = id === "token" ? req("AUTH-TOKEN-ACCEPTED", "AUTH-TOKEN-WRONG-REFUSED", "AUTH-MISSING-REFUSED", "AUTH-EXISTENCE-HIDDEN")
      : id === "key" ? req("AUTH-KEY-ACCEPTED", "AUTH-KEY-WRONG-REFUSED", "AUTH-EMAIL-WITHOUT-KEY-REFUSED", "AUTH-MISSING-REFUSED", "AUTH-EXISTENCE-HIDDEN")
      : not({ kind: "not-observable", why: `GAP: the suite has no credential for ${names.join(" + ") || "this alternative"}; its reads use the token or the email and key` });
    drafts.push({ segments: ["security", ...(id ? [id] : names)], section: joinPointer(security.pointer, i), quote: `security: ${shown(alternative)}`, mapping });
  });
  const listed = new Set(security.requirements.flatMap((a) => (isObject(a) ? Object.keys(a) : [])));
  const schemes = resolvePointer(spec.doc, "/components/securitySchemes");
  for (const [name, scheme] of Object.entries(isObject(schemes) ? schemes : {})) {
    const kind = kindOf(name);
    const section = joinPointer("/components/securitySchemes", name);
    const s = isObject(scheme) ? scheme : {};
    const quote = `${name}: ${s.type === "http" ? `http ${shown(s.scheme)}` : `${shown(s.type)} in ${shown(s.in)} ${shown(s.name)}`}`;
    const mapping: Mapping = kind ? { requirements: SCHEME_REQUIREMENTS[kind] }
      : listed.has(name) ? not({ kind: "not-observable", why: `GAP: the operation's security lists ${name}, for which the suite has no credential` })
      : not(out("declared for other operations of the API; this operation's security does not list it"));
    drafts.push({ segments: ["scheme", kind ?? name], section, quote, mapping });
    drafts.push(...descriptionDrafts(s.description, `scheme.${kind ?? name}`, ["scheme", kind ?? name], joinPointer(section, "description")));
  }
  return drafts;
}

function responseDrafts(spec: OperationSpec, cls: ResponseClass): Draft[] {
  const { doc, operation } = spec;
  const c = operation.classes[cls];
  const tag = TAG[cls];
  const drafts: Draft[] = [{
    segments: [tag, "status"], section: joinPointer(operation.operationPointer, "responses", c.responseKey), quote: `responses: ${c.responseKey}`,
    mapping: cls === "success-200" ? req("HTTP-EXISTING-200") : req("HTTP-NO-5XX", "ID-UNKNOWN-REFUSED", "AUTH-REFUSAL-STATUS", "AUTH-401-CHALLENGE"),
  }];
  const response = resolvePointer(doc, c.responsePointer);
  for (const [key, value] of Object.entries(isObject(response) ? response : {})) {
    const section = joinPointer(c.responsePointer, key);
    if (key === "description") drafts.push(...descriptionDrafts(value, `response.${tag}`, [tag], section));
    else if (key !== "content") drafts.push({ segments: [tag, key], section, quote: `${key}: ${shown(value)}`, mapping: not(NEW_MEMBER("a response")) });
    else {
      const types = isObject(value) ? Object.keys(value) : [];
      drafts.push({
        segments: [tag, "content"], section, quote: `content: ${types.join(", ")}`,
        mapping: cls === "success-200" ? req("HTTP-JSON-CONTENT-TYPE", "HTTP-JSON-BODY", "HTTP-NEGOTIATION", "HTTP-JSON-INTEROPERABLE", "HTTP-BODY-BOUNDED")
          : req("HTTP-JSON-CONTENT-TYPE", "HTTP-JSON-BODY", "HTTP-JSON-INTEROPERABLE"),
      });
    }
  }
  const policy: SchemaPolicy = {
    doc, openapi30: String(doc.openapi).startsWith("3.0"), errata: errataFor(spec).filter((e) => e.applies && e.class === cls),
    validating: (instance, keyword) => req(requirementForSpecViolation(cls, instance, keyword)),
    example: (key) => (EXAMPLES[key] ? { requirements: EXAMPLES[key] } : not(AN_EXAMPLE)),
    annotation: (keyword) => (keyword === "readOnly" ? READ_ONLY_MEMBER : AN_ANNOTATION),
    // The result that lists the certificate's members: its statements are the certificate's (OPENAPI-RESULT-STATUS-ENUM).
    restart: (name, here, member) => (cls === "success-200" && name === "result" && here.instance === "" && hasMembers(doc, member) ? { segments: ["result"], parts: [], key: "" } : undefined),
  };
  schemaDrafts(resolvePointer(doc, c.pointer), { pointer: c.pointer, segments: [tag], instance: "", key: tag }, policy, drafts);
  return drafts;
}

/** The responses the suite does not judge (beyond the two classes). */
function otherResponses(spec: OperationSpec): Draft[] {
  const at = joinPointer(spec.operation.operationPointer, "responses");
  const responses = resolvePointer(spec.doc, at);
  const judged = RESPONSE_CLASSES.map((cls) => spec.operation.classes[cls].responseKey);
  const keys = Object.keys(isObject(responses) ? responses : {});
  return [
    { segments: ["responses"], section: at, quote: `responses: ${keys.join(", ")}`, mapping: req("HTTP-EVERY-REQUEST-ANSWERED", "HTTP-NO-5XX") },
    ...keys.filter((k) => !judged.includes(k)).map((k): Draft => ({ segments: ["responses", k], section: joinPointer(at, k), quote: `responses: ${k}`, mapping: not(NEW_MEMBER("the responses")) })),
  ];
}

const idOf = (segments: readonly string[]) => ["OPENAPI", ...segments.map((s) => s.toUpperCase().replace(/[^A-Z0-9]+/g, "-").replace(/^-+|-+$/g, "")).filter(Boolean)].join("-");

/**
 * Ids from the drafts' places: OPENAPI-<segments>, upper case. Where two places have the same
 * segments (the allOf parts of a schema each say `type`, or each list `result`), each takes the
 * allOf parts on its way as a suffix (`-P1-2`: the second part of the first part); should that
 * still repeat, -2, -3 in document order.
 */
function withIds(drafts: Draft[]): SourceStatement[] {
  const count = new Map<string, number>();
  for (const d of drafts) count.set(idOf(d.segments), (count.get(idOf(d.segments)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return drafts.map((d) => {
    const base = idOf(d.segments);
    const placed = (count.get(base) ?? 0) > 1 && d.parts?.length ? `${base}-P${d.parts.join("-")}` : base;
    const n = (seen.get(placed) ?? 0) + 1;
    seen.set(placed, n);
    const mapping = "requirements" in d.mapping ? { requirements: [...new Set(d.mapping.requirements)] } : { unchecked: d.mapping.unchecked };
    return { id: n === 1 ? placed : `${placed}-${n}`, source: "openapi", section: d.section, quote: d.quote, ...mapping };
  });
}

/** Every statement of the loaded document's operation, in document order, traced. */
export function openapiStatements(spec: OperationSpec): SourceStatement[] {
  return withIds([
    ...operationDrafts(spec), ...parameterDrafts(spec, "zone"), ...parameterDrafts(spec, "certificate"), ...securityDrafts(spec),
    ...otherResponses(spec), ...RESPONSE_CLASSES.flatMap((cls) => responseDrafts(spec, cls)),
  ]);
}

/** The statements a revision of the document brought that nothing here knows (each a GAP to trace). */
export function newInDocument(statements: readonly SourceStatement[]): SourceStatement[] {
  return statements.filter((s) => s.unchecked?.why.startsWith(NEW_IN_DOCUMENT));
}
