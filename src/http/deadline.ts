/**
 * One timer covering a whole attempt: connecting, headers and every body chunk; and the run's stop
 * signal (`--max-time`, Ctrl-C), which ends the attempt the same way.
 *
 * The transport settles the attempt on `expired` rather than trusting an abort to settle the body
 * read (aborting a `fetch` mid-body has been seen to leave the read pending forever,
 * nodejs/node#56917), and a server that sends headers and then hangs must end as `timeout`.
 */
export class Deadline {
  /** Rejects with a TimeoutError when the time runs out or the run stops; never resolves. */
  readonly expired: Promise<never>;
  /** Aborted when the time runs out or the run stops (passed to `node:http`). */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private ranOut = false;
  private stoppedBy: string | undefined;
  private readonly onStop: (() => void) | undefined;

  constructor(readonly timeoutMs: number, private readonly stop?: AbortSignal) {
    this.signal = this.controller.signal;
    let reject!: (error: Error) => void;
    this.expired = new Promise<never>((_, r) => (reject = r));
    this.expired.catch(() => {}); // raced where it matters; no unhandled rejection otherwise
    const end = (error: Error) => {
      this.controller.abort(error);
      reject(error);
    };
    this.timer = setTimeout(() => {
      this.ranOut = true;
      const error = new Error(`no complete response within ${timeoutMs} ms`);
      error.name = "TimeoutError";
      end(error);
    }, timeoutMs);
    if (stop) {
      this.onStop = () => {
        this.stoppedBy = stopReason(stop);
        const error = new Error(`stopped: ${this.stoppedBy}`);
        error.name = "StoppedError";
        end(error);
      };
      if (stop.aborted) this.onStop();
      else stop.addEventListener("abort", this.onStop, { once: true });
    }
  }

  /** True once the time has run out. */
  get hasExpired(): boolean {
    return this.ranOut;
  }

  /** Why the run stopped this attempt, when it did. */
  get stopped(): string | undefined {
    return this.stoppedBy;
  }

  /** Stops the timer (call when the attempt is over). */
  clear(): void {
    clearTimeout(this.timer);
    if (this.onStop) this.stop?.removeEventListener("abort", this.onStop);
  }
}

/** The one-line reason a stop signal carries (its Error's message, or the reason as text). */
export function stopReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason ?? "the run was stopped");
}
