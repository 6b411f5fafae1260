import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  consistentSuccessEnvelopeArbitrary, EXCHANGE_CASES, failureEnvelopeArbitrary, isReadCase, responseArbitrary, successEnvelopeArbitrary,
  type CertificateResult,
} from "../../../generators/index.ts";
import type { ResponseClass } from "../../../src/schema/extract.ts";
import { PROFILES, responseValidator } from "../../../src/schema/validator.ts";
import { same } from "../support/check.ts";
import { resultPool } from "../support/pool.ts";
import { holds, RUNS, SEED } from "../support/seed.ts";

/** Every violation under each profile, as "profile: requirement at path message" (empty: valid under both). */
const violations = (cls: ResponseClass, body: unknown) =>
  PROFILES.flatMap((p) => responseValidator().validate(cls, body, p).map((v) => `${p}: ${v.requirementId} at ${v.instancePath} ${v.message}`));

/** Valid samples pass both profiles, and are not all one shape. */
export function validSampleLaws(): void {
  let pool: CertificateResult[];
  beforeAll(async () => {
    pool = await resultPool();
  });

  describe(`valid samples pass both profiles (seed ${SEED}, ${RUNS} runs each)`, () => {
    it("every 200 envelope with freely varied members", () => {
      holds(fc.property(successEnvelopeArbitrary(pool), (body) => same(violations("success-200", body), [], "violations")));
    });

    // That it also agrees with its certificate, and that each answer meets the HTTP, AUTH and ID
    // requirements of its request, the suites' own checks judge in test/matrix/generated-matrix.test.ts.
    it("every 200 envelope consistent with its certificate", () => {
      holds(fc.property(consistentSuccessEnvelopeArbitrary(pool), (body) => same(violations("success-200", body), [], "violations")));
    });

    it("every 4xx envelope", () => {
      holds(fc.property(failureEnvelopeArbitrary(), (body) => same(violations("failure-4xx", body), [], "violations")));
    });

    it("every generated answer to every kind of request has a valid body", () => {
      const answers = fc.oneof(...EXCHANGE_CASES.map((c) => responseArbitrary(c, pool).map((r) => [c, r] as const)));
      holds(fc.property(answers, ([c, response]) => same(violations(isReadCase(c) ? "success-200" : "failure-4xx", JSON.parse(response.body)), [], `violations of the answer to ${c}`)));
    });
  });

  describe(`the valid samples are not one shape (seed ${SEED}, ${RUNS} samples)`, () => {
    it("200 envelopes show every status, extras, messages, errors, fractional and offset dates and each PEM style", () => {
      const bodies = fc.sample(successEnvelopeArbitrary(pool), { seed: SEED, numRuns: RUNS });
      const some = (p: (b: (typeof bodies)[number]) => boolean) => bodies.filter(p).length;
      for (const status of ["active", "pending_reactivation", "pending_revocation", "revoked"]) expect(some((b) => b.result.status === status), status).toBeGreaterThan(0);
      expect(some((b) => b.result_info !== undefined)).toBeGreaterThan(0);
      expect(some((b) => b.messages.length >= 2)).toBeGreaterThan(0);
      expect(some((b) => b.errors.length > 0)).toBeGreaterThan(0);
      expect(some((b) => b.messages.some((m) => m.error_chain || m.documentation_url || m.source))).toBeGreaterThan(0);
      expect(some((b) => /\.\d+Z$/.test(b.result.issued_on))).toBeGreaterThan(0);
      expect(some((b) => /[+-]\d\d:\d\d$/.test(b.result.expires_on))).toBeGreaterThan(0);
      expect(some((b) => b.result.certificate.includes("\\n"))).toBeGreaterThan(0);
      expect(some((b) => b.result.certificate.includes("\r\n"))).toBeGreaterThan(0);
      expect(some((b) => /[^\x00-\x7f]/.test(b.result.common_name))).toBeGreaterThan(0);
      expect(new Set(bodies.map((b) => b.result.signature)).size).toBeGreaterThan(2);
    });

    it("4xx envelopes hold one to four distinct errors, sometimes messages too", () => {
      const bodies = fc.sample(failureEnvelopeArbitrary(), { seed: SEED, numRuns: RUNS });
      expect(new Set(bodies.map((b) => b.errors.length))).toEqual(new Set([1, 2, 3, 4]));
      expect(bodies.some((b) => b.messages.length > 0)).toBe(true);
      expect(bodies.some((b) => b.errors.some((e) => e.error_chain))).toBe(true);
    });
  });
}
