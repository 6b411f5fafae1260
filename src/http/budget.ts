/** The most requests a run may send to the target (`--budget`). Every attempt, retries included, counts. */
export class RequestBudget {
  private spent = 0;

  /** @param max the most requests that may be sent; `undefined` means no limit. */
  constructor(readonly max?: number) {
    if (max !== undefined && !(Number.isInteger(max) && max >= 0)) {
      throw new RangeError(`budget must be a non-negative integer, got ${max}`);
    }
  }

  /** Spends one request if any is left; false (and nothing spent) when the budget is exhausted. */
  take(): boolean {
    if (this.max !== undefined && this.spent >= this.max) return false;
    this.spent += 1;
    return true;
  }

  /** Requests spent so far. */
  get used(): number {
    return this.spent;
  }

  /** Requests still allowed (`Infinity` without a limit). */
  get remaining(): number {
    return this.max === undefined ? Infinity : this.max - this.spent;
  }
}
