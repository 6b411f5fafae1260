import type { Requirement } from "../src/registry/types.ts";
import type { OperationSpec } from "../src/schema/operation-spec.ts";
import type { Profile } from "../src/schema/validator.ts";
import type { CertificateResult } from "./certificates.ts";
import type { FailureBody, SuccessBody } from "./envelopes.ts";
import type { ExchangeCase, RawResponse } from "./responses.ts";

/**
 * A mutation turns a valid sample into an invalid one and names the one registry
 * requirement it breaks. Three kinds, by where the breakage shows:
 *
 * - "schema": the validator reports it (under `profiles`) with that requirement's id.
 * - "x509": the body stays valid under both profiles; a member no longer agrees with the
 *   certificate, which only a comparison with the parsed certificate finds (the X509 checks).
 * - "response": the HTTP answer is wrong (status, content type, body text), for the
 *   requirements a body schema cannot state (HTTP, AUTH); `on` says which request it answers.
 */

interface MutationCommon {
  /** Unique, kebab-case, says what changed ("status-uppercase"). */
  readonly name: string;
  readonly requirement: Requirement;
  /** The profiles under which the mutated sample fails (x509 and response: both, the checks do not depend on the profile). */
  readonly profiles: readonly Profile[];
  /** Requirement ids the mutation may break as well, because they state the same fact (e.g. a 33-character id is also not 32 hex digits). */
  readonly alsoBreaks: readonly string[];
  /**
   * Where a version of the document says otherwise: the requirement and profiles it breaks under
   * that document instead (e.g. a 200 without result, where the envelope does not require it).
   */
  readonly underDocument?: (spec: OperationSpec) => MutationTag | undefined;
}

/** What a mutation breaks, under which profiles. */
export interface MutationTag {
  readonly requirement: Requirement;
  readonly profiles: readonly Profile[];
}

/** The requirement and profiles `m` breaks under a document (its own tag unless the document says otherwise). */
export function tagUnder(m: MutationCommon, spec: OperationSpec): MutationTag {
  return m.underDocument?.(spec) ?? { requirement: m.requirement, profiles: m.profiles };
}

/** A 200 body made schema-invalid. */
export interface SuccessMutation extends MutationCommon {
  readonly kind: "schema";
  readonly on: "success-200";
  readonly apply: (body: SuccessBody) => unknown;
}

/** A 4xx body made schema-invalid. */
export interface FailureMutation extends MutationCommon {
  readonly kind: "schema";
  readonly on: "failure-4xx";
  readonly apply: (body: FailureBody) => unknown;
}

/** A 200 body that stays schema-valid but disagrees with its certificate. */
export interface X509Mutation extends MutationCommon {
  readonly kind: "x509";
  readonly on: "success-200";
  /** The change, on the result alone. */
  readonly applyToResult: (result: CertificateResult) => CertificateResult;
  readonly apply: (body: SuccessBody) => SuccessBody;
}

/** An HTTP answer made wrong. */
export interface ResponseMutation extends MutationCommon {
  readonly kind: "response";
  readonly on: ExchangeCase;
  readonly apply: (response: RawResponse) => RawResponse;
}

/** A mutation the validator finds. */
export type SchemaMutation = SuccessMutation | FailureMutation;
/** A mutation of a body (schema or X.509). */
export type BodyMutation = SchemaMutation | X509Mutation;
/** Any mutation. */
export type Mutation = BodyMutation | ResponseMutation;

/** Options of a mutation: the profiles it fails under (default both) and what it may break besides. */
export interface MutationOptions {
  profiles?: readonly Profile[];
  alsoBreaks?: readonly string[];
  underDocument?: MutationCommon["underDocument"];
}

const BOTH: readonly Profile[] = Object.freeze(["spec", "strict"] as Profile[]);
/** For mutations only the strict profile refuses (the errata and implied formats). */
export const STRICT_ONLY: MutationOptions = Object.freeze({ profiles: Object.freeze(["strict"] as Profile[]) });

const common = (requirement: Requirement, name: string, opts: MutationOptions = {}): MutationCommon => {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error(`mutation name ${name} is not kebab-case`);
  return { name, requirement, profiles: opts.profiles ?? BOTH, alsoBreaks: opts.alsoBreaks ?? [], ...(opts.underDocument ? { underDocument: opts.underDocument } : {}) };
};

/** A 200-body mutation the validator reports as `requirement`. */
export function mutation(requirement: Requirement, name: string, apply: (body: SuccessBody) => unknown, opts?: MutationOptions): SuccessMutation {
  return Object.freeze({ ...common(requirement, name, opts), kind: "schema", on: "success-200", apply });
}

/** A 4xx-body mutation the validator reports as `requirement`. */
export function failureMutation(requirement: Requirement, name: string, apply: (body: FailureBody) => unknown, opts?: MutationOptions): FailureMutation {
  return Object.freeze({ ...common(requirement, name, opts), kind: "schema", on: "failure-4xx", apply });
}

/** A result change that keeps the body schema-valid and breaks agreement with the certificate (`requirement`). */
export function x509Mutation(requirement: Requirement, name: string, applyToResult: (result: CertificateResult) => CertificateResult, opts?: MutationOptions): X509Mutation {
  return Object.freeze({
    ...common(requirement, name, opts),
    kind: "x509",
    on: "success-200",
    applyToResult,
    apply: (body: SuccessBody): SuccessBody => ({ ...body, result: applyToResult(body.result) }),
  });
}

/** A change to the answer to `on` that breaks `requirement`. */
export function responseMutation(requirement: Requirement, name: string, on: ExchangeCase, apply: (response: RawResponse) => RawResponse, opts?: MutationOptions): ResponseMutation {
  return Object.freeze({ ...common(requirement, name, opts), kind: "response", on, apply });
}
