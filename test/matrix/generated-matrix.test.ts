import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_MUTATIONS, type CertificateResult, type Mutation } from "../../generators/index.ts";
import { REQUIREMENTS } from "../../src/registry/index.ts";
import { ensure } from "../generators/support/check.ts";
import { resultPool } from "../generators/support/pool.ts";
import { SEED } from "../generators/support/seed.ts";
import { contextOf, generatedRunArbitrary, judged, runShapeArbitrary, type GeneratedRun, type RunShape } from "../support/generated-run.ts";
import { describeMutationMatrix, inTurnsByRequirement, type MutationTrials } from "../support/mutation-matrix.ts";
import { failureProblems } from "../support/mutation-verdict.ts";

// The generator-driven matrix: the suites' own checks judged on generated runs. One file, so that
// StrykerJS (which reruns the tests covering a mutant, file by file) imports it and draws its runs once.

// Mutation side: every tagged mutation fails exactly what it is tagged with (a mutant that loosens a
// check is caught here; one that tightens it fails the rest of the run, which these judge too).

/** The 4xx statuses the probes meet: each failure-body mutation is tried on a refusal of each (401 on a credential probe, 404 on an identifier probe). */
const REFUSAL_STATUSES = [400, 401, 403, 404];

/**
 * 200-body mutations on every read of one certificate, twice; 4xx-body mutations on one refusal of
 * each status, once each; response and exchange mutations (a status, a header, a body that is not
 * JSON, a certificate served where a refusal is due, reads that disagree, an answer that never
 * came) three times.
 */
function trials(m: Mutation): MutationTrials {
  if (m.kind === "response" || m.kind === "exchange") return { numRuns: 3 };
  if (m.on === "success-200") return { numRuns: 2 };
  return { numRuns: 1, siteGroups: (sites) => Object.fromEntries(REFUSAL_STATUSES.map((s) => [`status ${s}`, sites.filter((site) => "status" in site && site.status === s)])) };
}

describeMutationMatrix("every tagged mutation fails, under the suites' checks, exactly what it is tagged with", inTurnsByRequirement(ALL_MUTATIONS), trials);

/**
 * The generators drive the checks, valid side: a run whose every probe got a correct generated
 * answer (every status, moving only forward, both key types, the pool's subjects, dates with and
 * without fractions or offsets, envelope extras present and absent, every JSON content type,
 * refusals of every status a refusal of its kind may have, twins refused alike, a Date on every
 * answer and a challenge on every 401, wire evidence on most, codings where accepted, the zone's
 * list before and after) passes every check of the suites, or is skipped for a reason the run's
 * shape gives.
 */

/** Runs generated per property: each a whole plan of 60 to 90 probes, and the zone's list before and after. */
const RUNS = 60;

/** The requirements a run of this shape cannot judge, and the reason it gives. */
function expectedSkips(shape: RunShape): Map<string, RegExp> {
  const skips = new Map<string, RegExp>();
  if (shape.certificateIds.length < 2) skips.set("RESULT-FINGERPRINT-UNIQUE", /fewer than two certificates were read/);
  if (!shape.schemes.includes("token")) {
    skips.set("AUTH-TOKEN-ACCEPTED", /the token scheme is not configured/);
    skips.set("AUTH-TOKEN-NEAR-MISS-REFUSED", /nothing in this run to check it on/); // no token, no near miss of it
  }
  if (!shape.schemes.includes("key")) skips.set("AUTH-KEY-ACCEPTED", /the key scheme is not configured/);
  return skips;
}

/** What differs from "passed, or skipped as the shape says" (empty: as expected). */
function problemsOf(run: GeneratedRun): string[] {
  const skips = expectedSkips(run.shape);
  const problems: string[] = [];
  for (const [id, o] of judged(contextOf(run.shape, run.plan, run.conversation))) {
    const skip = skips.get(id);
    if (skip ? o.status === "skipped" && skip.test(o.reason ?? "") : o.status === "passed" && o.checks > 0) continue;
    problems.push(`${id}: ${o.status}${skip ? ` (expected skipped, ${skip})` : ""} ${o.reason ?? ""} ${o.failures[0]?.message ?? ""}`.trim());
    if (o.status === "failed") problems.push(...failureProblems(id, o));
  }
  return problems;
}

describe(`valid generated runs pass every check of the suites (seed ${SEED}, ${RUNS} runs)`, () => {
  let pool: CertificateResult[];
  beforeAll(async () => {
    pool = await resultPool();
  });

  it("one to three certificates, either scheme or both: every requirement passed, or skipped for the shape's reason", () => {
    fc.assert(fc.property(generatedRunArbitrary(runShapeArbitrary({ certificates: { min: 1, max: 3 } }), pool), (run) => {
      const problems = problemsOf(run);
      ensure(problems.length === 0, () => `a valid run of ${run.shape.certificateIds.length} certificate(s) with ${run.shape.schemes.join(" + ")}:\n  ${problems.join("\n  ")}`);
    }), { seed: SEED, numRuns: RUNS });
  });

  it("every requirement is judged by a valid run (none is left unchecked by every shape)", () => {
    const run = fc.sample(generatedRunArbitrary(runShapeArbitrary({ certificates: { min: 3, max: 3 }, schemes: [["key", "token"]] }), pool), { seed: SEED, numRuns: 1 })[0];
    const outcomes = judged(contextOf(run.shape, run.plan, run.conversation));
    expect(REQUIREMENTS.map((r) => `${r.id}: ${outcomes.get(r.id)?.status}`)).toEqual(REQUIREMENTS.map((r) => `${r.id}: passed`));
  });

  it("the runs vary: every status, both key types, fractions and offsets in dates, every refusal status, several content types", () => {
    const runs = fc.sample(generatedRunArbitrary(runShapeArbitrary({ certificates: { min: 1, max: 3 } }), pool), { seed: SEED, numRuns: 30 });
    const answers = runs.flatMap((r) => r.conversation.map((e) => e.answer.response!));
    const bodies = answers.map((a) => a.body);
    const seen = (re: RegExp) => bodies.filter((b) => re.test(b)).length;
    for (const status of ["active", "pending_reactivation", "pending_revocation", "revoked"]) expect(seen(new RegExp(`"status": ?"${status}"`)), status).toBeGreaterThan(0);
    expect(seen(/"signature": ?"SHA256WithRSA"/)).toBeGreaterThan(0);
    expect(seen(/"signature": ?"ECDSAWithSHA256"/)).toBeGreaterThan(0);
    expect(seen(/"issued_on": ?"[^"]*\.\d+(Z|[+-])/), "issued_on with a fraction").toBeGreaterThan(0);
    expect(seen(/"issued_on": ?"[^"]*:\d\dZ"/), "issued_on without").toBeGreaterThan(0);
    expect(seen(/"expires_on": ?"[^"]*[+-]\d\d:\d\d"/), "expires_on with an offset").toBeGreaterThan(0);
    expect(seen(/"result_info"/)).toBeGreaterThan(0);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200, 400, 401, 403, 404, 405]));
    expect(new Set(answers.map((a) => a.headers["content-type"])).size).toBeGreaterThan(3);
    // What a run sees besides bodies: wire evidence or none, codings, both ways of ending a kept-alive connection, dates.
    expect(answers.some((a) => a.wire) && answers.some((a) => !a.wire), "wire evidence on some answers, not all").toBe(true);
    expect(new Set(answers.flatMap((a) => a.decoding?.codings ?? []))).toEqual(new Set(["gzip", "br", "deflate"]));
    const firstKeptAlive = runs.map((r) => r.conversation.find((e) => e.request.connection?.step === 1)!.answer.response!.headers.connection);
    expect(new Set(firstKeptAlive)).toEqual(new Set(["close", "keep-alive"]));
    expect(answers.some((a) => a.headers["last-modified"] !== undefined)).toBe(true);
    // Statuses move forward within a run: some certificate is seen in two statuses.
    const moved = runs.some((r) => r.shape.certificateIds.some((id) =>
      new Set(r.conversation.filter((e) => e.request.kind === "read" && e.request.certificateId === id).map((e) => (JSON.parse(e.answer.response!.body) as { result: { status: string } }).result.status)).size > 1));
    expect(moved, "a certificate whose status moved on during a run").toBe(true);
  });
});
