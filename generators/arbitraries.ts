import fc from "fast-check";
import { loadCertificateMaterial } from "./certificate-material.ts";
import type { CertificateResult } from "./certificates.ts";
import { consistentSuccessEnvelopeArbitrary, failureEnvelopeArbitrary, successEnvelopeArbitrary, type FailureBody, type SuccessBody } from "./envelopes.ts";
import { identifierArbitrary, malformedIdentifierArbitrary, overlongIdentifierArbitrary, validIdentifierArbitrary, type IdentifierSample } from "./identifiers.ts";
import type { FailureMutation, SuccessMutation, X509Mutation } from "./mutation.ts";
import { FAILURE_MUTATIONS, SUCCESS_MUTATIONS } from "./mutations.ts";
import { responseArbitrary, type ExchangeCase, type RawResponse } from "./responses.ts";
import { certificateResultPool } from "./results.ts";
import { X509_MUTATIONS } from "./x509-mutations.ts";

/** The generators as ready-made fast-check arbitraries, over one pool of real certificates. */
export interface ConformanceArbitraries {
  /** The real certificates the 200 bodies carry (issued once, by seed). */
  pool: readonly CertificateResult[];
  /** Valid 200 bodies: every status, both key types, varied subjects and date notations. */
  success: fc.Arbitrary<SuccessBody>;
  /** Valid 200 bodies whose members all agree with their certificate (what the X509 checks expect). */
  consistentSuccess: fc.Arbitrary<SuccessBody>;
  /** Valid 4xx failure envelopes. */
  failure: fc.Arbitrary<FailureBody>;
  /** A whole correct HTTP answer (status, headers, body text) to one kind of request. */
  response(exchange: ExchangeCase): fc.Arbitrary<RawResponse>;
  /** A 200 body made invalid by one tagged mutation: `[mutation, body]`, the requirement it breaks in `mutation.requirement`. */
  mutatedSuccess: fc.Arbitrary<[SuccessMutation | X509Mutation, unknown]>;
  /** A 4xx body made invalid by one tagged mutation. */
  mutatedFailure: fc.Arbitrary<[FailureMutation, unknown]>;
  /** Path identifiers by class: valid, over-long, malformed, any. */
  identifiers: { valid: fc.Arbitrary<IdentifierSample>; overlong: fc.Arbitrary<IdentifierSample>; malformed: fc.Arbitrary<IdentifierSample>; any: fc.Arbitrary<IdentifierSample> };
}

/**
 * Issues a pool of real certificates (by seed; RSA and ECDSA, about a second) and returns the
 * generators over it. Every arbitrary shrinks; seed your property (`fc.assert(..., { seed })`).
 */
export async function conformanceArbitraries(options: { seed?: number; certificates?: number } = {}): Promise<ConformanceArbitraries> {
  const pool = await certificateResultPool(await loadCertificateMaterial(), { seed: options.seed ?? 1, size: options.certificates ?? 8 });
  const success = successEnvelopeArbitrary(pool);
  const consistentSuccess = consistentSuccessEnvelopeArbitrary(pool);
  const failure = failureEnvelopeArbitrary();
  return {
    pool, success, consistentSuccess, failure,
    response: (exchange) => responseArbitrary(exchange, pool),
    mutatedSuccess: fc.oneof(
      fc.tuple(fc.constantFrom(...SUCCESS_MUTATIONS), success).map(([m, b]): [SuccessMutation, unknown] => [m, m.apply(structuredClone(b))]),
      fc.tuple(fc.constantFrom(...X509_MUTATIONS), consistentSuccess).map(([m, b]): [X509Mutation, unknown] => [m, m.apply(structuredClone(b))]),
    ),
    mutatedFailure: fc.tuple(fc.constantFrom(...FAILURE_MUTATIONS), failure).map(([m, b]): [FailureMutation, unknown] => [m, m.apply(structuredClone(b))]),
    identifiers: { valid: validIdentifierArbitrary(), overlong: overlongIdentifierArbitrary(), malformed: malformedIdentifierArbitrary(), any: identifierArbitrary() },
  };
}
