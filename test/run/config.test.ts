import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/io/usage-error.ts";
import { LIVE_BASE_URL, runConfigFrom } from "../../src/run/config.ts";

const env = { CLOUDFLARE_ZONE_ID: "023e105f4ecef8ad9ca31a8372d0c353", CLOUDFLARE_API_TOKEN: "tok" };
const now = new Date("2026-11-27T06:00:00Z");

describe("run configuration (flags > environment > defaults)", () => {
  it("the default target is the shipped cassette", () => {
    expect(runConfigFrom({}, {}, now).target).toEqual({ kind: "recorded", baseUrl: "", cassette: undefined });
  });

  it("live uses Cloudflare's base URL or CLOUDFLARE_BASE_URL, with the live budget and rate", () => {
    const live = runConfigFrom({ target: "live" }, env, now);
    expect(live.target.baseUrl).toBe(LIVE_BASE_URL);
    expect([live.budget, live.rate]).toEqual([300, 2]);
    expect(runConfigFrom({ target: "live" }, { ...env, CLOUDFLARE_BASE_URL: "http://127.0.0.1:1/client/v4/" }, now).target.baseUrl).toBe("http://127.0.0.1:1/client/v4");
  });

  it("flags win over the environment", () => {
    const c = runConfigFrom({ target: "http://127.0.0.1:8787/client/v4", zone: "z", certificate: ["a", "b"], budget: "10", seed: "7", level: "should" }, { ...env, CLOUDFLARE_CLIENT_CERTIFICATE_IDS: "x,y" }, now);
    expect([c.zoneId, c.certificateIds, c.budget, c.seed, c.gatingLevel]).toEqual(["z", ["a", "b"], 10, 7, "should"]);
    expect(runConfigFrom({ target: "http://h/v4" }, { ...env, CLOUDFLARE_CLIENT_CERTIFICATE_IDS: "x, y," }, now).certificateIds).toEqual(["x", "y"]);
  });

  it("reports go to reports/out/<UTC timestamp>-<unique suffix>/ unless told, a folder per run even in the same second", () => {
    const first = runConfigFrom({}, {}, now).outDir;
    expect(first).toMatch(/^reports\/out\/20261127T060000Z-[0-9a-f]{8}$/);
    expect(runConfigFrom({}, {}, now).outDir).not.toBe(first);
    expect(runConfigFrom({}, { CONFORMANCE_REPORT_DIR: "r" }, now).outDir).toBe("r");
  });

  it("a URL target or a live run has a whole-run deadline by default, a replay none; --max-time and --max-retry-after set them", () => {
    expect(runConfigFrom({ target: "http://127.0.0.1:1/v4" }, env, now)).toMatchObject({ maxTimeMs: 300_000, retryAfterCapMs: 60_000 });
    expect(runConfigFrom({ target: "live" }, env, now).maxTimeMs).toBe(900_000);
    expect(runConfigFrom({}, {}, now).maxTimeMs).toBe(0);
    expect(runConfigFrom({ target: "live", "max-time": "5", "max-retry-after": "0" }, env, now)).toMatchObject({ maxTimeMs: 5000, retryAfterCapMs: 0 });
  });

  it("a target URL with a user name or password is refused without repeating the password", () => {
    for (const [values, environment] of [
      [{ target: "http://alice:hunter2secret@127.0.0.1:8787/client/v4" }, env],
      [{ target: "live" }, { ...env, CLOUDFLARE_BASE_URL: "https://alice:hunter2secret@api.example/client/v4" }],
    ] as const) {
      let message = "";
      try {
        runConfigFrom(values, environment, now);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        message = (e as Error).message;
      }
      expect(message).toMatch(/must not carry a user name or password \(got https?:\/\/(127\.0\.0\.1:8787|api\.example)\/client\/v4 with a password in it\)/);
      expect(message).not.toContain("hunter2secret");
      expect(message).not.toContain("alice");
    }
  });

  it.each([
    [{ target: "live" }, { CLOUDFLARE_API_TOKEN: "t" }, /no zone to test: pass --zone ID or set CLOUDFLARE_ZONE_ID/],
    [{ target: "live" }, { CLOUDFLARE_ZONE_ID: "z" }, /missing credentials: set CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY/],
    [{ target: "ftp://x" }, env, /--target URL must be http or https/],
    [{ target: "nonsense" }, env, /--target must be recorded, live or a base URL/],
    [{ level: "high" }, {}, /--level must be must, should or may/],
    [{ budget: "-1" }, {}, /--budget must be a whole number/],
    [{ "max-time": "soon" }, {}, /--max-time must be a whole number >= 0/],
  ])("%o with %o is a usage error saying how to fix it", (values, environment, message) => {
    expect(() => runConfigFrom(values as never, environment, now)).toThrow(UsageError);
    expect(() => runConfigFrom(values as never, environment, now)).toThrow(message);
  });
});
