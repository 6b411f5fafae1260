/**
 * One input (a file, a cassette, standard input) could not be read as recorded responses.
 * The message is one line: the input's name, what is wrong, and how to fix it.
 * The command reports it on standard error, goes on with the other inputs, and exits 2.
 */
export class InputError extends Error {
  constructor(readonly input: string, what: string, readonly fix: string) {
    super(`${input}: ${what}; ${fix}`);
  }
}

/** What every "this is not something validate reads" message suggests. */
export const ACCEPTED_INPUTS =
  "pass a JSON response body, a HAR 1.2 file, NDJSON of {status, headers, body} lines, a cassette directory, or - for standard input";

/** Makes any text safe and short enough to quote inside a one-line message. */
export function quoteSnippet(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}
