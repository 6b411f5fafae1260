import type { ResponseClass } from "../schema/extract.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";
import type { PathParameter } from "../schema/place.ts";
import { factsOf, shapeOf } from "./shape.ts";

/** One thing the document says about the operation, in layout-free terms. */
export interface OperationFact {
  /** Stable key, e.g. `parameter zone: name`, `success-200 result.status: enum`. */
  key: string;
  value: unknown;
  /** Loci (see ResolvedPlace.locus) the fact is stated at; none for a change of spelling only. */
  loci: string[];
  /** The fact restates another one's meaning (a response key's spelling): a change touches no requirement. */
  spellingOnly?: boolean;
}

const CLASS_NAME: Record<ResponseClass, string> = { "success-200": "success", "failure-4xx": "failure" };

/** Everything spec-diff compares: parameters, the two schemas, security, the responses. */
export function operationFacts(spec: OperationSpec): OperationFact[] {
  const facts: OperationFact[] = [];
  const { operation } = spec;
  facts.push({ key: "method", value: operation.method, loci: ["op"] });
  // The path with its parameters by position: a rename is the parameter's own change.
  facts.push({ key: "path", value: spec.detailsPath("{zone}", "{certificate}"), loci: ["op"] });
  for (const which of ["zone", "certificate"] as PathParameter[]) {
    const param = spec.parameters[which];
    facts.push({ key: `parameter ${which}: name`, value: param.name, loci: [`param:${which}`] });
    for (const f of factsOf(shapeOf(param.schema))) facts.push({ key: `parameter ${which}: schema ${f.path}`, value: f.value, loci: f.from.map((g) => `param:${which}/schema${g}`) });
  }
  for (const cls of ["success-200", "failure-4xx"] as ResponseClass[]) {
    const c = operation.classes[cls];
    facts.push({ key: `${CLASS_NAME[cls]} response: status`, value: c.responseKey.toUpperCase(), loci: [`response:${cls}`] });
    facts.push({ key: `${CLASS_NAME[cls]} response: status as spelled`, value: c.responseKey, loci: [], spellingOnly: true });
    facts.push({ key: `${CLASS_NAME[cls]} response: media type`, value: c.mediaType, loci: [`response:${cls}/content/json`] });
    for (const f of factsOf(shapeOf(c.schema))) facts.push({ key: `${CLASS_NAME[cls]} body ${f.path}`, value: f.value, loci: f.from.map((g) => `schema:${cls}${g}`) });
  }
  const kinds = operation.security.requirements.map((alt) => Object.keys(alt).map((name) => schemeKind(spec, name)).sort());
  facts.push({ key: "security: alternatives", value: kinds, loci: ["security"] });
  for (const [kind, name] of Object.entries(spec.schemeComponents)) {
    const scheme = (spec.doc.components as Record<string, Record<string, unknown>> | undefined)?.securitySchemes?.[name!] as Record<string, unknown> | undefined;
    if (scheme) facts.push({ key: `security scheme ${kind}`, value: { type: scheme.type, ...(scheme.in ? { in: scheme.in, name: scheme.name } : {}), ...(scheme.scheme ? { scheme: scheme.scheme } : {}) }, loci: [`schemes/${kind}`] });
  }
  return facts;
}

/** A security scheme component as what it carries (token, email, key), or its own name when it is none of those. */
function schemeKind(spec: OperationSpec, name: string): string {
  const entry = Object.entries(spec.schemeComponents).find(([, n]) => n === name);
  return entry ? entry[0] : name;
}
