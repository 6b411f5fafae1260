import type { Requirement } from "../src/registry/types.ts";
import type { OperationSpec } from "../src/schema/operation-spec.ts";
import type { Profile } from "../src/schema/validator.ts";
import type { CertificateResult } from "./certificates.ts";
import type { Conversation, ConversationEntry, GeneratedResponse } from "./conversations.ts";
import type { FailureBody, SuccessBody } from "./envelopes.ts";
import type { ExchangeCase } from "./exchange-cases.ts";
import type { RawResponse } from "./responses.ts";

/**
 * A mutation turns a valid sample into an invalid one and names the one registry
 * requirement it breaks. Three kinds, by where the breakage shows:
 *
 * - "schema": the validator reports it (under `profiles`) with that requirement's id.
 * - "x509": the body stays valid under both profiles; a member no longer agrees with the
 *   certificate, which only a comparison with the parsed certificate finds (the X509 checks).
 * - "response": the HTTP answer is wrong (status, content type, body text), for the
 *   requirements a body schema cannot state (HTTP, AUTH, ID); `on` says which request it answers.
 * - "exchange": what is wrong is in the run's exchanges taken together (a certificate served
 *   to a request that must be refused, two reads that disagree, an answer that never came);
 *   it changes a whole conversation (see conversations.ts).
 */

interface MutationCommon {
  /** Unique, kebab-case, says what changed ("status-uppercase"). */
  readonly name: string;
  readonly requirement: Requirement;
  /** The profiles under which the mutated sample fails (x509 and response: both, the checks do not depend on the profile). */
  readonly profiles: readonly Profile[];
  /** Requirement ids the mutation may break as well, because they state the same fact (e.g. a 33-character id is also not 32 hex digits). */
  readonly alsoBreaks: readonly string[];
  /** Requirement ids the suite may be left unable to judge (errored): the answer they need went missing or was cut. */
  readonly couldNotTell: readonly string[];
  /** "errored": the suite cannot tell, and says so: the requirement is errored, not failed (an answer missing at the end of a run). */
  readonly outcome?: "errored";
  /**
   * A 4xx body mutation after which the body is no failure envelope (`success` is not false): the
   * request it answers is not refused either, so that request's AUTH or ID requirement fails too.
   */
  readonly notARefusal?: boolean;
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
  /** The request whose answer it changes (the first one of the case in a conversation). */
  readonly on: ExchangeCase;
  /** The answer made wrong (what the client noticed of it besides status, fields and body included: its wire, its decoding). */
  readonly apply: (response: GeneratedResponse) => GeneratedResponse;
}

/** What exchange mutations may draw on besides the conversation. */
export interface MutationResources {
  /** A certificate of the same issuer and serial number as a pool certificate, by that certificate's fingerprint_sha256 (see issueSameSerialTwins). */
  readonly sameSerialTwins?: ReadonlyMap<string, CertificateResult>;
}

/** A run's exchanges made wrong together. */
export interface ExchangeMutation extends MutationCommon {
  readonly kind: "exchange";
  /** The requests whose answers it changes or reads; `apply` throws NoSuchRequest when the conversation has none of one. */
  readonly on: readonly ExchangeCase[];
  /** The conversation made wrong (same requests in the same order; a control read may be added where a run would send one). */
  readonly apply: (conversation: Conversation, resources: MutationResources) => ConversationEntry[];
}

/** A mutation the validator finds. */
export type SchemaMutation = SuccessMutation | FailureMutation;
/** A mutation of a body (schema or X.509). */
export type BodyMutation = SchemaMutation | X509Mutation;
/** Any mutation. */
export type Mutation = BodyMutation | ResponseMutation | ExchangeMutation;

/** Options of a mutation: the profiles it fails under (default both) and what it may break besides. */
export interface MutationOptions {
  profiles?: readonly Profile[];
  alsoBreaks?: readonly string[];
  couldNotTell?: readonly string[];
  outcome?: MutationCommon["outcome"];
  notARefusal?: boolean;
  underDocument?: MutationCommon["underDocument"];
}

const BOTH: readonly Profile[] = Object.freeze(["spec", "strict"] as Profile[]);
/** For mutations only the strict profile refuses (the errata and implied formats). */
export const STRICT_ONLY: MutationOptions = Object.freeze({ profiles: Object.freeze(["strict"] as Profile[]) });

const common = (requirement: Requirement, name: string, opts: MutationOptions = {}): MutationCommon => {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error(`mutation name ${name} is not kebab-case`);
  return {
    name, requirement, profiles: opts.profiles ?? BOTH, alsoBreaks: opts.alsoBreaks ?? [], couldNotTell: opts.couldNotTell ?? [],
    ...(opts.outcome ? { outcome: opts.outcome } : {}), ...(opts.notARefusal ? { notARefusal: true } : {}), ...(opts.underDocument ? { underDocument: opts.underDocument } : {}),
  };
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
export function responseMutation(requirement: Requirement, name: string, on: ExchangeCase, apply: (response: GeneratedResponse) => GeneratedResponse, opts?: MutationOptions): ResponseMutation {
  return Object.freeze({ ...common(requirement, name, opts), kind: "response", on, apply });
}

/** A change to a run's exchanges taken together that breaks `requirement`. */
export function exchangeMutation(requirement: Requirement, name: string, on: readonly ExchangeCase[], apply: ExchangeMutation["apply"], opts?: MutationOptions): ExchangeMutation {
  return Object.freeze({ ...common(requirement, name, opts), kind: "exchange", on: Object.freeze([...on]), apply });
}

/** Thrown by a mutation whose conversation has no request of a case it changes (the plan does not send one). */
export class NoSuchRequest extends Error {
  override name = "NoSuchRequest";
  constructor(readonly exchange: ExchangeCase, mutation: string) {
    super(`${mutation}: the conversation has no request of case ${exchange} (the plan does not send one)`);
  }
}
