/**
 * One timer covering a whole attempt: connecting, headers and every body chunk.
 *
 * The client races each await against `expired` rather than trusting an abort to settle the body
 * read: aborting a `fetch` mid-body has been seen to leave the read pending forever
 * (nodejs/node#56917), and a server that sends headers and then hangs must end as `timeout`.
 */
export class Deadline {
  /** Rejects with a TimeoutError when the time runs out; never resolves. */
  readonly expired: Promise<never>;
  /** Aborted when the time runs out (for `fetch` and `node:http`). */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private ranOut = false;

  constructor(readonly timeoutMs: number) {
    this.signal = this.controller.signal;
    let reject!: (error: Error) => void;
    this.expired = new Promise<never>((_, r) => (reject = r));
    this.expired.catch(() => {}); // raced where it matters; no unhandled rejection otherwise
    this.timer = setTimeout(() => {
      this.ranOut = true;
      const error = new Error(`no complete response within ${timeoutMs} ms`);
      error.name = "TimeoutError";
      this.controller.abort(error);
      reject(error);
    }, timeoutMs);
  }

  /** True once the time has run out. */
  get hasExpired(): boolean {
    return this.ranOut;
  }

  /** Stops the timer (call when the attempt is over). */
  clear(): void {
    clearTimeout(this.timer);
  }
}
