/** The state of the window after one request was counted. */
export interface RateDecision {
  allowed: boolean;
  /** Requests the window allows. */
  limit: number;
  /** Requests left in the window after this one. */
  remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  resetSeconds: number;
  windowSeconds: number;
}

/**
 * A fixed-window counter: at most `limit` requests per `windowMs`; every request counts,
 * refused ones too (as Cloudflare counts them). `limit` 0 means no limit.
 */
export class WindowRateLimiter {
  private windowStart = 0;
  private count = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  take(): RateDecision {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count++;
    const windowSeconds = Math.max(1, Math.ceil(this.windowMs / 1000));
    const resetSeconds = Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
    if (this.limit === 0) return { allowed: true, limit: 0, remaining: 0, resetSeconds, windowSeconds };
    return { allowed: this.count <= this.limit, limit: this.limit, remaining: Math.max(0, this.limit - this.count), resetSeconds, windowSeconds };
  }
}

/**
 * Cloudflare's rate-limit headers (the IETF RateLimit fields draft, as Cloudflare sends them):
 * `ratelimit: "default";r=<remaining>;t=<seconds to reset>`, `ratelimit-policy: "default";q=<limit>;w=<window>`.
 * Nothing when the limit is off.
 */
export function rateLimitHeaders(d: RateDecision): Record<string, string> {
  if (d.limit === 0) return {};
  return {
    ratelimit: `"default";r=${d.remaining};t=${d.resetSeconds}`,
    "ratelimit-policy": `"default";q=${d.limit};w=${d.windowSeconds}`,
  };
}
