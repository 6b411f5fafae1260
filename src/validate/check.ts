import { HTTP_JSON_BODY, HTTP_JSON_CONTENT_TYPE } from "../registry/index.ts";
import { seedSpec, type OperationSpec } from "../schema/operation-spec.ts";
import type { ResponseClass } from "../schema/extract.ts";
import { formatViolation, responseValidator, shorten, type Profile, type Violation } from "../schema/validator.ts";
import type { RecordedRequest, RecordedResponse } from "./exchange.ts";
import { parseJson } from "./parse-json.ts";
import { NOT_UTF8 } from "./document.ts";
import { isOperationUrl } from "./operation.ts";

/** A violation of one requirement; `header` names the header it is about, when it is not the body. */
export interface Finding extends Violation {
  header?: string;
}

/** What became of one recorded response. */
export type Outcome =
  /** Validated: no findings means valid. */
  | { kind: "checked"; findings: Finding[] }
  /** This operation's response, but nothing here says what it must be (a 5xx, a 302, no body recorded). */
  | { kind: "not-validated"; reason: string }
  /** Another operation's exchange (a HAR holds a whole browsing session): not counted. */
  | { kind: "ignored" };

/** 200 → success-200, 400-499 → failure-4xx: the two responses the operation declares. */
export function classOfStatus(status: number): ResponseClass | undefined {
  if (status === 200) return "success-200";
  if (status >= 400 && status <= 499) return "failure-4xx";
  return undefined;
}

/** application/json, any case, with or without parameters (charset). */
export function isJsonMediaType(contentType: string): boolean {
  // As written by nearly everyone: no need to split, trim and fold.
  if (contentType === "application/json" || contentType === "application/json; charset=utf-8") return true;
  return contentType.split(";")[0]!.trim().toLowerCase() === "application/json";
}

/** The schema check of a body already parsed, under the class's schema and the profile. */
export function checkBody(cls: ResponseClass, body: unknown, profile: Profile, spec: OperationSpec = seedSpec()): Finding[] {
  return responseValidator(spec).validate(cls, body, profile);
}

function contentTypeFinding(contentType: string | undefined, spec: OperationSpec): Finding | undefined {
  if (contentType !== undefined && isJsonMediaType(contentType)) return undefined;
  return {
    requirementId: HTTP_JSON_CONTENT_TYPE.id, header: "content-type", instancePath: "", keyword: "content-type",
    message: "must be application/json",
    sourcePointer: spec.resolve(HTTP_JSON_CONTENT_TYPE.place).pointer, value: shorten(contentType),
  };
}

/** A violation of HTTP-JSON-BODY: the body is not one complete JSON document in UTF-8. */
export function jsonBodyFinding(message: string, text: string, spec: OperationSpec = seedSpec()): Finding {
  return { requirementId: HTTP_JSON_BODY.id, instancePath: "", keyword: "json", message, sourcePointer: spec.resolve(HTTP_JSON_BODY.place).pointer, value: shorten(text) };
}

/**
 * The per-response check: whether the exchange is this operation's GET, which schema its status
 * selects, its Content-Type (HTTP-JSON-CONTENT-TYPE, when the headers were recorded), whether
 * its body text is JSON (HTTP-JSON-BODY), then the schema.
 */
export function checkExchange(request: RecordedRequest | undefined, response: RecordedResponse, profile: Profile, spec: OperationSpec = seedSpec()): Outcome {
  if (request?.url !== undefined && !isOperationUrl(request.url)) return { kind: "ignored" };
  if (request?.method !== undefined && request.method.toUpperCase() !== "GET") return { kind: "not-validated", reason: `method ${request.method.toUpperCase()}` };
  const cls = classOfStatus(response.status);
  if (!cls) return { kind: "not-validated", reason: `status ${response.status}` };
  if (response.body.kind === "absent") return { kind: "not-validated", reason: "no body recorded" };
  const findings: Finding[] = [];
  if (response.headersKnown) {
    const f = contentTypeFinding(response.contentType, spec);
    if (f) findings.push(f);
  }
  if (response.truncated) return { kind: "not-validated", reason: "body cut at the recorder's size limit" };
  if (response.invalidUtf8) return { kind: "checked", findings: [...findings, jsonBodyFinding(NOT_UTF8, response.body.kind === "text" ? response.body.text.slice(0, 40) : "", spec)] };
  let body: unknown;
  if (response.body.kind === "value") {
    body = response.body.value;
  } else {
    const text = response.body.text;
    if (text.trim() === "") return { kind: "checked", findings: [...findings, jsonBodyFinding("is empty (must be one JSON document)", text, spec)] };
    const parsed = parseJson(text);
    if (!parsed.ok) {
      return { kind: "checked", findings: [...findings, jsonBodyFinding(parsed.tooDeep ? parsed.why : `is not JSON (${parsed.why})`, text, spec)] };
    }
    body = parsed.value;
  }
  return { kind: "checked", findings: [...findings, ...checkBody(cls, body, profile, spec)] };
}

/** One line for one finding: formatViolation's, or the same shape for a header. */
export function formatFinding(f: Finding): string {
  if (f.header === undefined) return formatViolation(f);
  const got = f.value === shorten(undefined) ? " but is absent" : ` (got ${f.value})`;
  return `${f.header} header ${f.message}${got} [${f.requirementId}; source #${f.sourcePointer}]`;
}
