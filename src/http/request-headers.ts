/**
 * Header checks done before sending, so that a value HTTP cannot carry (e.g. a made-up malformed
 * credential with a line break) becomes an `invalid-request` exchange instead of an exception from
 * deep inside the transport, and the evidence shows the bytes that were sent.
 */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The value as `fetch` normalises it (leading and trailing spaces, tabs, CR and LF removed); the
 * same normalisation is applied for `node:http` so the evidence shows what was sent.
 */
export function normaliseHeaderValue(value: string): string {
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
}

/** Why `name: value` cannot be sent, or `undefined` when it can. Expects an already normalised value. */
export function headerProblem(name: string, value: string): string | undefined {
  if (!TOKEN.test(name)) return `header name ${JSON.stringify(name)} is not an HTTP token`;
  if (/[\0\r\n]/.test(value)) return `header ${name} contains NUL, CR or LF`;
  if (/[^\x00-\xff]/.test(value)) return `header ${name} contains characters outside Latin-1`;
  return undefined;
}
