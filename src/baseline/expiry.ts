// Expiry dates of baseline entries: a calendar day, UTC, inclusive.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why `value` is not a `YYYY-MM-DD` calendar date, or undefined when it is one. */
export function expiryProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return `expires must be a date written "YYYY-MM-DD" (got ${JSON.stringify(value) ?? typeof value})`;
  const m = DATE.exec(value);
  if (!m) return `expires must be a date written "YYYY-MM-DD" (got ${JSON.stringify(value)})`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return `expires ${JSON.stringify(value)} is not a calendar date`;
  return undefined;
}

/** True once `now` is past the end (UTC) of the `YYYY-MM-DD` day `expires`: an entry applies through its expiry day. */
export function isExpired(expires: string, now: Date): boolean {
  const m = DATE.exec(expires);
  if (!m) return true;
  const endOfDay = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1);
  return now.getTime() >= endOfDay;
}
