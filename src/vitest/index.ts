/**
 * The suite inside a team's own vitest project: `describeConformance(...)` in one of its test
 * files registers one test per requirement of the registry against its target (a URL, a
 * recording, or a reference server it started), judged with the same checks and verdict rules
 * as `client-cert-conformance run`.
 */
import { beforeAll, describe, test } from "vitest";
import type { Report, RequirementResult } from "../../reports/model.ts";
import { runConformance, type ConformanceOptions } from "../api/run.ts";
import { REQUIREMENTS } from "../registry/index.ts";
import { gates } from "../registry/types.ts";

export interface DescribeConformanceSettings {
  /** The describe block's name (default `client-cert-conformance`). */
  name?: string;
  /** How long the probes may take, in ms (default 120000). */
  timeout?: number;
}

const firstFailures = (r: RequirementResult) => r.failures.slice(0, 5).map((f) => f.message).join("\n") || r.reason || r.status;

/** What one requirement's test does with the report: run's verdict rules, test by test. */
export type TestOutcome =
  | { kind: "pass" }
  | { kind: "skip"; reason: string }
  | { kind: "note"; message: string }
  | { kind: "fail"; message: string };

/**
 * A requirement's test, by `run`'s verdict rules: a failure (or a requirement the suite could
 * not tell about) at or above the gating level fails it; below the gating level it is a note on
 * a passing test, since it does not change the verdict; skipped is skipped.
 */
export function testOutcome(report: Report, id: string): TestOutcome {
  const result = report.requirements.find((r) => r.id === id);
  if (!result) return { kind: "fail", message: `${id} is not in the report (a report of another suite version?)` };
  if (result.status === "passed") return { kind: "pass" };
  if (result.status === "skipped") return { kind: "skip", reason: result.reason ?? "nothing in this run to check it on" };
  const what = `${result.id} (${result.level}) ${result.status}: ${firstFailures(result)}`;
  if (!gates(result.level, report.gatingLevel) || result.knownDeviation) return { kind: "note", message: `not gating at level ${report.gatingLevel}: ${what}` };
  return { kind: "fail", message: result.status === "errored" ? `the suite could not tell (${report.error ?? "no answer to judge"}): ${what}` : what };
}

/**
 * Registers the conformance tests. `options` (or a function returning them, e.g. after starting
 * a server in the same file) are `runConformance`'s; the probes are sent once, before the tests.
 *
 * A requirement at or above the gating level (`options.level`, default must) that failed fails
 * its test, and so does one the suite could not tell about (errored); below the gating level a
 * failure is an annotation on a passing test, as it does not change `run`'s verdict; a skipped
 * requirement is a skipped test.
 */
export function describeConformance(options: ConformanceOptions | (() => ConformanceOptions | Promise<ConformanceOptions>), settings: DescribeConformanceSettings = {}): void {
  describe(settings.name ?? "client-cert-conformance", () => {
    let report: Report | undefined;
    let problem: unknown;
    beforeAll(async () => {
      try {
        report = await runConformance(typeof options === "function" ? await options() : options);
      } catch (e) {
        problem = e; // every test says so, rather than vitest reporting a hook failure once
      }
    }, settings.timeout ?? 120_000);

    for (const requirement of REQUIREMENTS) {
      test(`${requirement.id}: ${requirement.statement}`, async (ctx) => {
        if (problem !== undefined || !report) throw problem instanceof Error ? problem : new Error(`the conformance run did not complete: ${String(problem)}`);
        const outcome = testOutcome(report, requirement.id);
        if (outcome.kind === "skip") return ctx.skip(outcome.reason);
        if (outcome.kind === "note") await ctx.annotate(outcome.message, "notice");
        if (outcome.kind === "fail") throw new Error(outcome.message);
      });
    }
  });
}

export type { ConformanceOptions } from "../api/run.ts";
