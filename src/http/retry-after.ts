/**
 * How long a `Retry-After` header asks the client to wait, in milliseconds
 * (RFC 9110 §10.2.3: delay-seconds or an HTTP-date); `undefined` when absent or unreadable.
 */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only something date-like: Date.parse also accepts bare numbers such as "-5".
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
