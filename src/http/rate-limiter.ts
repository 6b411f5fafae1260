/**
 * At most N requests per second (`--rate`), by spacing request starts 1/N seconds apart.
 *
 * Even spacing rather than bursts of N: it also keeps a run well inside Cloudflare's
 * 1200 requests per 5 minutes, and it is easy to assert with a fake clock.
 */
export interface RateLimiterOptions {
  /** Most requests per second; must be positive. */
  requestsPerSecond: number;
  /** Milliseconds since some epoch (injectable so tests control time). */
  now: () => number;
  /** Waits `ms` milliseconds (injectable so tests don't wait on the clock). */
  sleep: (ms: number) => Promise<void>;
}

/** Hands out send slots at most `requestsPerSecond` per second, in call order. */
export class RateLimiter {
  private readonly intervalMs: number;
  private nextSlot = -Infinity;

  constructor(private readonly options: RateLimiterOptions) {
    const rate = options.requestsPerSecond;
    if (!(Number.isFinite(rate) && rate > 0)) throw new RangeError(`rate must be a positive number, got ${rate}`);
    this.intervalMs = 1000 / rate;
  }

  /** Resolves when the caller may send its request. */
  async acquire(): Promise<void> {
    const now = this.options.now();
    // Slots are reserved synchronously, so concurrent callers queue instead of sharing one.
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.options.sleep(slot - now);
  }
}
