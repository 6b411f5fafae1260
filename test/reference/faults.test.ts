import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAULTS, startReferenceServer, type Fault, type ReferenceServer } from "../../src/reference/index.ts";
import { REQUIREMENTS } from "../../src/registry/index.ts";
import { runBattery, type ProbeResult } from "./battery.ts";
import { judge } from "./oracle.ts";
import { fullMatrix, oneOfEachFamily } from "../support/fault-sample.ts";

const OPTIONS = { seed: 7, rate: 0 };

/** A field line as compared: a date field's value by its shape only (the clock moves between runs). */
const DATE_FIELDS = new Set(["date", "last-modified", "expires"]);
const fieldShape = ([name, value]: [string, string]) => `${name}: ${DATE_FIELDS.has(name.toLowerCase()) ? value.replace(/[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT/, "<IMF-fixdate>") : value}`;

/** What a probe got, for comparing a faulty server's answers with the correct one's: status, field lines and body bytes as sent. */
const fingerprint = (r: ProbeResult) => r.exchange.error ? "error"
  : `${r.exchange.status}${r.exchange.bareLf ? " (bare LF)" : ""}\n${r.exchange.fields.map(fieldShape).join("\n")}\n\n${r.exchange.raw.toString("latin1")}`;

describe("the correct reference", () => {
  let server: ReferenceServer;
  beforeAll(async () => { server = await startReferenceServer(OPTIONS); });
  afterAll(() => server?.close());

  it("breaks no requirement on the battery", async () => {
    const verdict = judge(await runBattery(server), server.credentials);
    expect(Object.fromEntries(verdict.why)).toEqual({});
    expect([...verdict.errored]).toEqual([]);
  });
});

/**
 * Faults that make the battery wait (hangs) or read 9 MiB: alone, after the others. Run beside
 * them, in the same thread, a 9 MiB parse made prompt answers of other faults miss their timeout.
 */
const waits = (f: Fault) => f.expect === "errored" || f.trips.some((id) => id === "HTTP-BODY-BOUNDED" || id === "HTTP-EVERY-REQUEST-ANSWERED");

describe("every fault", () => {
  let baseline: Map<string, string>;
  beforeAll(async () => {
    const server = await startReferenceServer(OPTIONS);
    try {
      baseline = new Map((await runBattery(server)).map((r) => [r.probe.name, fingerprint(r)]));
    } finally {
      await server.close();
    }
  });

  const breaksWhatItClaims = async (_name: string, fault: Fault) => {
    const server = await startReferenceServer({ ...OPTIONS, faults: [fault.name] });
    let results: ProbeResult[];
    try {
// The timeout bounds what a hang costs, for the faults that wait (judged alone, 2.5 s leaves prompt answers room on a
      // loaded machine); the battery's 10 s for every other fault, which answers.
      results = await runBattery(server, undefined, waits(fault) ? 2500 : undefined);
    } finally {
      await server.close();
    }
    // Some answer differs from the correct server's (same seed, so the same probes; a fault renaming ids changes the probes' names too).
    const changed = results.filter((r) => baseline.get(r.probe.name) !== fingerprint(r));
    expect(changed.length).toBeGreaterThan(0);

    const verdict = judge(results, server.credentials);
    const seen = fault.expect === "errored" ? verdict.errored : verdict.violated;
    for (const id of fault.trips) expect(seen.has(id), `${fault.name} must ${fault.expect ?? "fail"} ${id}`).toBe(true);
    const declared = new Set([...fault.trips, ...(fault.incidental ?? [])]);
    const undeclared = [...verdict.violated, ...verdict.errored].filter((id) => !declared.has(id));
    expect(undeclared.map((id) => `${id}: ${verdict.why.get(id) ?? "errored"}`)).toEqual([]);
  };
  const byName = (faults: Fault[]) => faults.map((f) => [f.name, f] as const);

  // Every fault under `npm run test:long` (CI runs it after `npm test`). `npm test` takes the first fault of
  // each family: the oracle kept honest on every family, while the covering sample goes through the suite
  // itself (test/matrix/self-certification.test.ts).
  const underTest = fullMatrix() ? FAULTS : oneOfEachFamily(FAULTS);
  describe.concurrent("answering at once", () => {
    it.each(byName(underTest.filter((f) => !waits(f))))("%s breaks what it claims and nothing it does not declare", breaksWhatItClaims);
  });
  if (underTest.some(waits)) {
    describe.sequential("making the suite wait", () => {
      it.each(byName(underTest.filter(waits)))("%s breaks what it claims and nothing it does not declare", breaksWhatItClaims);
    });
  }
  it("has faults of both kinds (neither list is empty by accident)", () => {
    expect(FAULTS.filter(waits).length).toBeGreaterThanOrEqual(3);
    expect(FAULTS.filter((f) => !waits(f)).length).toBeGreaterThan(50);
  });
});
describe("the catalogue", () => {
  it("names only registry requirements and has unique names", () => {
    const ids = new Set(REQUIREMENTS.map((r) => r.id));
    for (const f of FAULTS) for (const id of [...f.trips, ...(f.incidental ?? [])]) expect(ids.has(id), `${f.name}: ${id}`).toBe(true);
    expect(new Set(FAULTS.map((f) => f.name)).size).toBe(FAULTS.length);
  });

  it("trips every requirement of the registry, or the registry says why none can", () => {
    const tripped = new Set(FAULTS.flatMap((f) => f.trips));
    const untripped = REQUIREMENTS.filter((r) => !tripped.has(r.id) && !r.untrippable).map((r) => r.id);
    expect(untripped).toEqual([]);
  });

  it("has a fault in every family", () => {
    const families = new Set(FAULTS.map((f) => f.family));
    expect([...families].sort()).toEqual(["AUTH", "ENV", "ERR", "HTTP", "ID", "RESULT", "STATUS", "X509"]);
  });
});
