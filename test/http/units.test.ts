import { describe, expect, it } from "vitest";
import { RequestBudget } from "../../src/http/budget.ts";
import { RateLimiter } from "../../src/http/rate-limiter.ts";
import { joinUrl, needsVerbatimTarget } from "../../src/http/request-url.ts";
import { retryAfterMs } from "../../src/http/retry-after.ts";

describe("retryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterMs("1", now)).toBe(1000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
  });
  it("ignores what it cannot read", () => {
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs("-5", now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
  });
});

describe("RequestBudget", () => {
  it("allows max requests", () => {
    const budget = new RequestBudget(2);
    expect([budget.take(), budget.take(), budget.take()]).toEqual([true, true, false]);
    expect([budget.used, budget.remaining]).toEqual([2, 0]);
    expect(new RequestBudget().remaining).toBe(Infinity);
  });
});

describe("RateLimiter", () => {
  it("waits only when requests come faster than the rate", async () => {
    let clock = 0;
    const sleeps: number[] = [];
    const limiter = new RateLimiter({
      requestsPerSecond: 2,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    await limiter.acquire();
    await limiter.acquire();
    clock += 2000; // idle: no debt carried over
    await limiter.acquire();
    await limiter.acquire();
    expect(sleeps).toEqual([500, 500]);
  });

  it("queues concurrent callers into successive slots", async () => {
    const sleeps: number[] = [];
    const limiter = new RateLimiter({ requestsPerSecond: 4, now: () => 0, sleep: async (ms) => void sleeps.push(ms) });
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(sleeps).toEqual([250, 500, 750]);
  });
});

describe("URLs", () => {
  it("joins without touching the path", () => {
    expect(joinUrl("http://h/client/v4", "/zones/../%2F")).toBe("http://h/client/v4/zones/../%2F");
    expect(joinUrl("http://h/client/v4/", "zones")).toBe("http://h/client/v4/zones");
  });
  it("routes only targets fetch would rewrite through node:http", () => {
    expect(needsVerbatimTarget("http://h/a/%2F")).toBe(false);
    expect(needsVerbatimTarget("http://h/a/../b")).toBe(true);
    expect(needsVerbatimTarget("http://h/a/%2e%2E")).toBe(true);
    expect(needsVerbatimTarget("http://h/a/b\\c")).toBe(true);
    expect(needsVerbatimTarget("http://h/a b")).toBe(false);
    expect(needsVerbatimTarget("http://h/a/b?q=1#frag")).toBe(false);
  });
});
