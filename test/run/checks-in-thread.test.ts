import { describe, expect, it } from "vitest";
import type { CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import { evaluateChecks } from "../../src/run/evaluate-checks.ts";
import type { ChecksInFlight, startChecksInThread as Start } from "../../src/run/checks-in-thread.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import { runAgainstReference } from "../support/reference-run.ts";

/**
 * The thread a CLI run judges in (compiled code only: Node 20 starts no thread from TypeScript,
 * so these tests load the build bin/ runs, which the suite's globalSetup has made).
 */
const { freshBuild } = (await import("../../bin/fresh-build.js" as string)) as { freshBuild(root: URL): URL };
const build = freshBuild(new URL("../../", import.meta.url));
const { startChecksInThread } = (await import(new URL("src/run/checks-in-thread.js", build).href)) as { startChecksInThread: typeof Start };

/** Outcomes without the time each check took (the one thing two evaluations need not share). */
const timeless = (outcomes: Map<string, CheckOutcome>) => new Map([...outcomes].map(([id, { durationMs: _d, ...o }]) => [id, o]));

/** A run's evidence against the reference with `faults`, as the checks read it. */
async function evidence(faults: string[]): Promise<CheckContext> {
  const { results } = await runAgainstReference(faults);
  const reads = results.filter((r) => r.probe.kind === "read");
  return {
    zoneId: results[0]!.probe.zoneId, certificateIds: [...new Set(reads.map((r) => r.probe.certificateId!))],
    schemes: [...new Set(reads.map((r) => r.probe.scheme!))], results, spec: {},
  };
}

const warmUpOn = (thread: ChecksInFlight, ctx: CheckContext, results: ProbeResult[]) =>
  thread.warm({ specRequest: {}, zoneId: ctx.zoneId, certificateIds: ctx.certificateIds, schemes: ctx.schemes, probes: results.map((r) => r.probe) });

describe("judging in a thread (the CLI's run)", () => {
  it("concludes what the checks conclude in-process, warmed up on the plan and fed the answers as they came", async () => {
    for (const faults of [[], ["fingerprint-mismatch", "status-uppercase"]]) {
      const ctx = await evidence(faults);
      const expected = timeless(await evaluateChecks(ctx));
      expect([...expected.values()].some((o) => o.status === "failed")).toBe(faults.length > 0);
      const thread = startChecksInThread(undefined);
      // Warmed on made-up conforming answers to the same probes: nothing of them may stay in what it concludes.
      warmUpOn(thread, ctx, ctx.results);
      for (const r of ctx.results) thread.observe(r.exchange);
      expect(timeless(await thread.judge(ctx)), faults.join(",") || "the reference").toEqual(expected);
    }
  }, 60_000);

  it("says why it could not judge (a document handed over without the operation), and ends", async () => {
    const spec = { path: "/elsewhere/openapi.json" };
    const thread = startChecksInThread(spec);
    // What the run read: the thread reads no file itself (the path does not exist here).
    thread.share([{ path: spec.path, sha256: "0".repeat(64), doc: { openapi: "3.0.3", info: { title: "t", version: "1" }, paths: {} } }]);
    const ctx = await evidence([]);
    await expect(thread.judge({ ...ctx, spec })).rejects.toThrow(/client-certificate-for-a-zone-client-certificate-details|operation/);
  }, 60_000);

  it("abandoned, ends: it judges nothing more", async () => {
    const thread = startChecksInThread(undefined);
    thread.abandon();
    await expect(thread.judge(await evidence([]))).rejects.toThrow(/ended/);
  }, 60_000);
});
