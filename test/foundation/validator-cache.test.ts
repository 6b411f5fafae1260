import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSpec } from "../../src/schema/operation-spec.ts";
import { PROFILES, ResponseValidator } from "../../src/schema/validator.ts";
import { seedExampleFailureBody, seedExampleSuccessBody } from "./seed-example.ts";

// The cache of compiled validators (src/schema/validator-cache.ts), in a folder of this test's own.
const cache = mkdtempSync(join(tmpdir(), "validator-cache-"));
const saved = process.env.XDG_CACHE_HOME;
beforeAll(() => { process.env.XDG_CACHE_HOME = cache; });
afterAll(() => {
  if (saved === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = saved;
  rmSync(cache, { recursive: true, force: true });
});

const ok = seedExampleSuccessBody();
const BODIES: [cls: "success-200" | "failure-4xx", body: unknown][] = [
  ["success-200", ok],
  ["success-200", { ...ok, result: { ...ok.result, status: "ACTIVE", expires_on: "tomorrow", certificate: 5 } }],
  ["success-200", { ...ok, success: "true", errors: [{}], messages: null }],
  ["success-200", { success: true }],
  ["success-200", [ok]],
  ["failure-4xx", seedExampleFailureBody()],
  ["failure-4xx", { ...seedExampleFailureBody(), errors: [{ code: "x", message: 5 }], result: {} }],
  ["failure-4xx", null],
];

const judge = (v: ResponseValidator) => BODIES.flatMap(([cls, body]) => PROFILES.map((profile) => v.validate(cls, body, profile)));

describe("compiled validators kept between processes", () => {
  it("a validator loaded from the cache judges every body as one compiled afresh", () => {
    const fresh = judge(new ResponseValidator(seedSpec()));
    const files = readdirSync(join(cache, "client-cert-conformance", "validators"));
    expect(files.filter((f) => f.endsWith(".cjs"))).toHaveLength(4); // two classes, two profiles
    expect(judge(new ResponseValidator(seedSpec()))).toEqual(fresh);
    expect(fresh.flat().length).toBeGreaterThan(10);
  });

  it("a cached file that will not load is compiled again, not an error", () => {
    const dir = join(cache, "client-cert-conformance", "validators");
    const expected = judge(new ResponseValidator(seedSpec()));
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), "this is not JavaScript (");
    expect(judge(new ResponseValidator(seedSpec()))).toEqual(expected);
  });
});
