/**
 * Generators: identifiers to fuzz with, real certificate material and results, valid
 * envelopes and answers, and named mutations tagged with the requirement they break.
 * Seeded throughout (fast-check seeds; faker seeded from fast-check).
 */
import { FAILURE_MUTATIONS, SUCCESS_MUTATIONS } from "./mutations.ts";
import { RESPONSE_MUTATIONS } from "./response-mutations.ts";
import { X509_MUTATIONS } from "./x509-mutations.ts";
import { EXCHANGE_MUTATIONS } from "./exchange-mutations.ts";
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

/** Every mutation of every kind; names are unique. */
export const ALL_MUTATIONS: readonly Mutation[] = [...SUCCESS_MUTATIONS, ...FAILURE_MUTATIONS, ...X509_MUTATIONS, ...RESPONSE_MUTATIONS, ...EXCHANGE_MUTATIONS];
export * from "./arbitraries.ts";
