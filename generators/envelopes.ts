import fc from "fast-check";
import type { CertificateResult } from "./certificates.ts";
import { uniqueItemsArbitrary, type EnvelopeItem } from "./envelope-items.ts";
import { consistentResultArbitrary, freeResultArbitrary } from "./results.ts";

/**
 * Cloudflare envelopes valid under the strict profile (and so under spec), in the shapes
 * real servers send: informational messages, errors now and then on a 200, several error
 * items on a failure, item extras (`documentation_url`, `source`, `error_chain`) and a
 * `result_info` beside the result. A suite checked against these is not tuned to one shape.
 */

/** Lets a counterexample shrink from a non-empty array to the empty first choice. */
const CROSS_SHRINK = { withCrossShrink: true } as const;

/** Cloudflare's `result_info`, as list answers carry it (some servers add it to every answer). */
export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages?: number;
}

/** A 200 body. */
export interface SuccessBody {
  success: true;
  errors: EnvelopeItem[];
  messages: EnvelopeItem[];
  result: CertificateResult;
  result_info?: ResultInfo;
}

/** A 4xx body. */
export interface FailureBody {
  success: false;
  errors: EnvelopeItem[];
  messages: EnvelopeItem[];
  result: null;
}

/** A `result_info` (page counters, all non-negative). */
export function resultInfoArbitrary(): fc.Arbitrary<ResultInfo> {
  return fc.record(
    {
      page: fc.integer({ min: 1, max: 100 }),
      per_page: fc.integer({ min: 1, max: 100 }),
      count: fc.integer({ min: 0, max: 100 }),
      total_count: fc.integer({ min: 0, max: 10_000 }),
      total_pages: fc.integer({ min: 0, max: 100 }),
    },
    { requiredKeys: ["page", "per_page", "count", "total_count"], noNullPrototype: true },
  );
}

/** A 200 envelope around `result`: errors empty nine times in ten, up to three informational messages, `result_info` sometimes. */
export function successEnvelopeAround(result: fc.Arbitrary<CertificateResult>): fc.Arbitrary<SuccessBody> {
  return fc
    .record(
      {
        success: fc.constant<true>(true),
        errors: fc.oneof(CROSS_SHRINK, { arbitrary: fc.constant<EnvelopeItem[]>([]), weight: 9 }, { arbitrary: uniqueItemsArbitrary({ minLength: 1, maxLength: 2 }), weight: 1 }),
        messages: fc.oneof(CROSS_SHRINK, { arbitrary: fc.constant<EnvelopeItem[]>([]), weight: 2 }, { arbitrary: uniqueItemsArbitrary({ minLength: 1, maxLength: 3 }), weight: 1 }),
        result,
        result_info: resultInfoArbitrary(),
      },
      { requiredKeys: ["success", "errors", "messages", "result"], noNullPrototype: true },
    );
}

/** A strict-valid 200 whose result members vary freely (schema laws; see freeResultArbitrary). */
export function successEnvelopeArbitrary(pool: readonly CertificateResult[]): fc.Arbitrary<SuccessBody> {
  return successEnvelopeAround(freeResultArbitrary(pool));
}

/** A strict-valid 200 whose result agrees with its certificate (X.509 laws; see consistentResultArbitrary). */
export function consistentSuccessEnvelopeArbitrary(pool: readonly CertificateResult[]): fc.Arbitrary<SuccessBody> {
  return successEnvelopeAround(consistentResultArbitrary(pool));
}

/** A strict-valid 4xx: one to four distinct errors, up to two messages, result null. */
export function failureEnvelopeArbitrary(): fc.Arbitrary<FailureBody> {
  return fc.record(
    {
      success: fc.constant<false>(false),
      errors: uniqueItemsArbitrary({ minLength: 1, maxLength: 4 }),
      messages: fc.oneof(CROSS_SHRINK, { arbitrary: fc.constant<EnvelopeItem[]>([]), weight: 3 }, { arbitrary: uniqueItemsArbitrary({ minLength: 1, maxLength: 2 }), weight: 1 }),
      result: fc.constant(null),
    },
    { noNullPrototype: true },
  );
}
