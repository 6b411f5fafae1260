import { describe, expect, it } from "vitest";
import type { Exchange, GetOptions } from "../../src/http/index.ts";
import { controlProbe, type Send } from "../../src/run/execute.ts";
import { ProbeRunner } from "../../src/run/probe-runner.ts";
import { planProbes, type Probe } from "../../src/run/probes.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";

// The runner's order, control reads and places, on a target simulated in process (no HTTP: the
// client is tested on loopback elsewhere). No test here reads the clock: answers are released
// by the test, or come on the next turn of the event loop.

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const A = "a".repeat(32);
const B = "b".repeat(32);
const plan = planProbes({ spec: seedSpec(), zoneId: ZONE, certificateIds: [A, B], schemes: ["key", "token"], seed: 1 });
const overlong = (path: string) => path.split("/").some((s) => s.length > 32);

/** A target in process: `answer(path, opts)` says what comes back; each exchange numbered as the client numbers them (in the order sent). */
function target(answer: (path: string, opts: GetOptions) => { status?: number; hang?: Promise<void> }) {
  let seq = 0;
  let inFlight = 0;
  const log: { seq: number; label: string; path: string; opts: GetOptions }[] = [];
  /** "sent LABEL" and "answered LABEL", in the order they happened. */
  const events: string[] = [];
  const inFlightPaths = new Map<string, number>();
  let most = 0;
  const overlaps: string[] = [];
  const send: Send = async (path, opts) => {
    const n = ++seq;
    log.push({ seq: n, label: opts.label ?? path, path, opts });
    events.push(`sent ${opts.label}`);
    const key = JSON.stringify([path, opts.auth, opts.headers ?? null, opts.withoutHeaders ?? null]);
    if (inFlightPaths.get(key)) overlaps.push(opts.label ?? path);
    inFlightPaths.set(key, (inFlightPaths.get(key) ?? 0) + 1);
    most = Math.max(most, ++inFlight);
    const { status, hang } = answer(path, opts);
    await (hang ?? new Promise((r) => setImmediate(r)));
    inFlight--;
    events.push(`answered ${opts.label}`);
    inFlightPaths.set(key, inFlightPaths.get(key)! - 1);
    const base = { seq: n, label: opts.label, request: { method: "GET", url: path, headers: {} }, timing: { startedAt: "", durationMs: 0 }, attempts: 1, curl: "" };
    return (status === undefined
      ? { ...base, error: { kind: "timeout", message: "timed out" } }
      : { ...base, response: { status, headers: {}, body: "{}" } }) as Exchange;
  };
  return { send, log, events, most: () => most, overlaps };
}

const control = controlProbe(plan.find((p) => p.kind === "read" && p.scheme === "key"));

describe("ProbeRunner", () => {
  it("keeps results in plan order whatever order the answers come in, with at most N in flight", async () => {
    const t = target((path) => ({ status: 200, hang: new Promise((r) => setTimeout(r, path.length % 7)) }));
    const runner = new ProbeRunner(t.send, { concurrency: 4, control });
    runner.planned(plan);
    const results = await runner.runAll(plan);
    expect(results.map((r) => r.probe.key)).toEqual(plan.map((p) => p.key));
    expect(runner.results.map((r) => r.probe.key)).toEqual(plan.map((p) => p.key));
    expect(t.most()).toBeLessThanOrEqual(4);
    expect(t.most()).toBeGreaterThan(1);
    // Each exchange numbered in the order it was sent, every number once.
    expect(results.map((r) => r.exchange.seq).sort((a, b) => a - b)).toEqual(plan.map((_, i) => i + 1));
  });

  it("never has the same request in flight twice, and sends a read's variants after its plain reads", async () => {
    const t = target(() => ({ status: 200 }));
    const runner = new ProbeRunner(t.send, { concurrency: 8, control });
    runner.planned(plan);
    await runner.runAll(plan);
    expect(t.overlaps).toEqual([]);
    // Each variant or repeat of a read is sent after every plain read before it in the plan was answered.
    const at = (event: string) => t.events.indexOf(event);
    for (const [i, p] of plan.entries()) {
      if (p.kind !== "read" || !(p.variant || p.repeat)) continue;
      for (const q of plan.slice(0, i).filter((x) => x.kind === "read" && !x.variant && !x.repeat)) expect(at(`answered ${q.label}`)).toBeLessThan(at(`sent ${p.label}`));
    }
    // The same request, asked several times, goes in plan order.
    for (const key of new Set(plan.map((p) => JSON.stringify([p.path, p.auth, p.headers ?? null, p.withoutHeaders ?? null])))) {
      const alike = plan.filter((p) => JSON.stringify([p.path, p.auth, p.headers ?? null, p.withoutHeaders ?? null]) === key).map((p) => at(`sent ${p.label}`));
      expect(alike).toEqual([...alike].sort((a, b) => a - b));
    }
    // The kept-alive pair: step 1, then step 2, on the one connection.
    const pair = plan.filter((p) => p.connection).map((p) => t.log.find((e) => e.label === p.label)!);
    expect(pair.map((e) => e.seq)).toEqual([...pair.map((e) => e.seq)].sort((a, b) => a - b));
    expect(pair[0]!.opts.connection).toBe(pair[1]!.opts.connection);
  });

  it("sends the same control reads, the same requests and keeps the same results at any concurrency", async () => {
    const runWith = async (concurrency: number) => {
      const t = target((path) => (overlong(path) ? {} : { status: path.includes(".json") ? 404 : 200 }));
      const runner = new ProbeRunner(t.send, { concurrency, control });
      runner.planned(plan);
      await runner.runAll(plan);
      await runner.finish();
      return { keys: runner.results.map((r) => `${r.probe.key} ${r.exchange.error?.kind ?? r.exchange.response?.status}`), sent: t.log.length, down: runner.down };
    };
    const one = await runWith(1);
    expect(one.keys.filter((k) => k.startsWith("control:")).length).toBeGreaterThan(0);
    expect(await runWith(8)).toEqual(one);
    expect(await runWith(3)).toEqual(one);
  });

  it("stops sending once control reads go unanswered too (the target is down): at most 2 N more are sent", async () => {
    for (const concurrency of [1, 2, 4]) {
      const t = target(() => ({}));
      const runner = new ProbeRunner(t.send, { concurrency, control });
      const results = await runner.runAll(plan);
      expect(runner.down).toMatch(/timeout/);
      const sent = results.filter((r) => r.exchange.attempts > 0).length;
      // One after another: two probes, a control, a third, a second control; then nothing.
      expect(sent).toBeLessThanOrEqual(3 + (concurrency === 1 ? 0 : 2 * concurrency));
      expect(results.filter((r) => r.exchange.error?.kind === "stopped")).toHaveLength(plan.length - sent);
    }
  });

  it("lets a request the server leaves unanswered give up its place while later ones are answered", async () => {
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    // Unanswered and answered probes in turn (two unanswered first would hold both places: nothing later is answered to tell).
    const ids = plan.filter((p) => p.kind === "id");
    const [hanging, answered] = [ids.filter((p) => overlong(p.path)).slice(0, 6), ids.filter((p) => !overlong(p.path)).slice(0, 6)];
    expect(hanging).toHaveLength(6);
    const probes = answered.flatMap((p, i) => [p, hanging[i]!]);
    const t = target((path) => (overlong(path) ? { hang: hung } : { status: 404 }));
    const runner = new ProbeRunner(t.send, { concurrency: 2, control, stallFloorMs: 5 });
    const running = runner.runAll(probes);
    // Every probe is sent while the hung ones still hang: they wait out their time together.
    while (t.log.length < probes.length) await new Promise((r) => setTimeout(r, 5));
    expect(t.most()).toBeGreaterThan(2);
    expect(t.most()).toBeLessThanOrEqual(2 * 4);
    release();
    expect((await running).map((r) => r.probe.key)).toEqual(probes.map((p) => p.key));
  });

  it("with concurrency 1, sends each probe after the last one's answer (and control read)", async () => {
    const t = target((path) => (overlong(path) ? {} : { status: 200 }));
    const runner = new ProbeRunner(t.send, { concurrency: 1, control });
    await runner.runAll(plan.slice(0, 30));
    expect(t.most()).toBe(1);
    expect(t.log.map((e) => e.label)).toEqual(runner.results.map((r) => r.probe.label));
  });

  it("numbers a probe that was not sent and says why", async () => {
    const t = target(() => ({ status: 200 }));
    const runner = new ProbeRunner(t.send, { concurrency: 4, stopped: () => "stopped at the run's --max-time" });
    const results = await runner.runAll(plan.slice(0, 3) as Probe[]);
    expect(t.log).toEqual([]);
    expect(results.map((r) => r.exchange.error?.message)).toEqual(Array(3).fill("not sent: stopped at the run's --max-time"));
  });
});
