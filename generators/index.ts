/**
 * Generators: identifiers to fuzz with, real certificate material and results, valid
 * envelopes and answers, and named mutations tagged with the requirement they break.
 * Seeded throughout (fast-check seeds; faker seeded from fast-check).
 */
import { FAILURE_MUTATIONS, SUCCESS_MUTATIONS } from "./mutations.ts";
import { RESPONSE_MUTATIONS } from "./response-mutations.ts";
import { X509_MUTATIONS } from "./x509-mutations.ts";
import { EXCHANGE_MUTATIONS } from "./exchange-mutations.ts";
import { CODING_MUTATIONS } from "./coding-mutations.ts";
import { CONNECTION_MUTATIONS } from "./connection-mutations.ts";
import { CREDENTIAL_EXCHANGE_MUTATIONS, CREDENTIAL_RESPONSE_MUTATIONS } from "./credential-mutations.ts";
import { DISCLOSURE_MUTATIONS } from "./disclosure-mutations.ts";
import { HTTP_FIELD_MUTATIONS } from "./http-field-mutations.ts";
import { JSON_TEXT_MUTATIONS } from "./json-text-mutations.ts";
import { STATUS_MUTATIONS } from "./status-mutations.ts";
import { METHOD_MUTATIONS } from "./method-mutations.ts";
import { WIRE_MUTATIONS } from "./wire-mutations.ts";
import type { Mutation } from "./mutation.ts";

export * from "./identifiers.ts";
export * from "./certificate-material.ts";
export * from "./certificates.ts";
export * from "./subjects.ts";
export * from "./rfc3339.ts";
export * from "./seeded-faker.ts";
export * from "./results.ts";
export * from "./envelope-items.ts";
export * from "./envelopes.ts";
export * from "./exchange-cases.ts";
export * from "./responses.ts";
export * from "./conversations.ts";
export * from "./conversation-edits.ts";
export * from "./conversation-mutations.ts";
export * from "./mutation.ts";
export * from "./mutations.ts";
export * from "./x509-mutations.ts";
export * from "./response-mutations.ts";
export * from "./exchange-mutations.ts";
export * from "./http-field-mutations.ts";
export * from "./wire-mutations.ts";
export * from "./connection-mutations.ts";
export * from "./coding-mutations.ts";
export * from "./json-text-mutations.ts";
export * from "./credential-mutations.ts";
export * from "./disclosure-mutations.ts";
export * from "./status-mutations.ts";
export * from "./x509-encoding-mutations.ts";
export * from "./method-mutations.ts";

/** Every mutation of every kind; names are unique. */
export const ALL_MUTATIONS: readonly Mutation[] = [
  ...SUCCESS_MUTATIONS, ...FAILURE_MUTATIONS, ...X509_MUTATIONS, ...RESPONSE_MUTATIONS, ...EXCHANGE_MUTATIONS,
  ...HTTP_FIELD_MUTATIONS, ...WIRE_MUTATIONS, ...CONNECTION_MUTATIONS, ...CODING_MUTATIONS, ...JSON_TEXT_MUTATIONS,
  ...CREDENTIAL_RESPONSE_MUTATIONS, ...CREDENTIAL_EXCHANGE_MUTATIONS, ...DISCLOSURE_MUTATIONS, ...STATUS_MUTATIONS,
  ...METHOD_MUTATIONS,
];
export * from "./arbitraries.ts";
