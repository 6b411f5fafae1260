import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  failureEnvelopeArbitrary, mutation, overlongIdentifierArbitrary, successEnvelopeArbitrary, type CertificateResult,
} from "../../../generators/index.ts";
import { STATUS_ENUM } from "../../../src/registry/index.ts";
import { responseValidator } from "../../../src/schema/validator.ts";
import { resultPool } from "../support/pool.ts";
import { SEED } from "../support/seed.ts";

/** Runs a property meant to fail and returns its shrunk counterexample. */
function counterexample<T>(property: fc.IProperty<[T]>): T {
  const details = fc.check(property, { seed: SEED, numRuns: 1000 });
  expect(details.failed, "the property was meant to fail").toBe(true);
  return details.counterexample![0];
}

/** Counterexamples shrink to something a person can read. */
export function shrinkingLaws(): void {
  let pool: CertificateResult[];
  beforeAll(async () => {
    pool = await resultPool();
  });

  describe(`counterexamples shrink to something a person can read (seed ${SEED})`, () => {
    it("a 4xx envelope with three errors shrinks to three short, distinct errors and nothing else", () => {
      const body = counterexample(fc.property(failureEnvelopeArbitrary(), (b) => b.errors.length < 3));
      expect(body.errors).toHaveLength(3);
      expect(body.messages).toEqual([]);
      expect(body.errors.every((e) => Object.keys(e).join() === "code,message" && e.code === 1000)).toBe(true);
      expect(JSON.stringify(body).length).toBeLessThan(320);
    });

    it("an over-long identifier shrinks to the shortest failing length, all zeros", () => {
      const sample = counterexample(fc.property(overlongIdentifierArbitrary(), (s) => s.value.length < 40));
      expect(sample.value).toBe("0".repeat(40));
    });

    it("a 200 envelope shrinks to bare members around the first pool certificate", () => {
      const body = counterexample(fc.property(successEnvelopeArbitrary(pool), (b) => b.result.status !== "revoked"));
      expect(body.result.status).toBe("revoked");
      expect([body.errors, body.messages, "result_info" in body]).toEqual([[], [], false]);
      const { certificate: _c, csr: _r, ...members } = body.result;
      expect(members).toMatchObject({ id: "0".repeat(32), fingerprint_sha256: "0".repeat(64), serial_number: "0", validity_days: 0 });
      expect(JSON.stringify(members).length).toBeLessThan(600);
    });

    it("a mistagged mutation fails the mutation law, with a small counterexample naming what was reported", () => {
      const mistagged = mutation(STATUS_ENUM, "mistagged-success-false", (b) => ({ ...b, success: false }));
      const validator = responseValidator();
      const details = fc.check(fc.property(successEnvelopeArbitrary(pool), (body) => {
        const reported = validator.validate("success-200", mistagged.apply(body), "spec").map((v) => v.requirementId);
        if (!reported.includes(mistagged.requirement.id)) throw new Error(`reported ${reported.join(", ")}, not ${mistagged.requirement.id}`);
      }), { seed: SEED, numRuns: 1000 });
      expect(details.failed).toBe(true);
      expect((details.errorInstance as Error).message).toBe("reported ENV-SUCCESS-TRUE, not STATUS-ENUM");
      const [body] = details.counterexample!;
      expect([body.errors, body.messages, body.result.status]).toEqual([[], [], "active"]);
    });
  });
}
