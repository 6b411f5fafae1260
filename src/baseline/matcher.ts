// The `match` of a baseline entry: a substring of the failure message, or `/regex/flags`.

/** A test of one failure message. */
export type MessageMatcher = (message: string) => boolean;

const REGEX_LITERAL = /^\/(.+)\/([a-z]*)$/s;

/**
 * The matcher of a `match` value: absent matches every message; `/source/flags` is a
 * regular expression (the stateful `g` and `y` flags are dropped); anything else is a
 * case-sensitive substring. Throws an Error saying what is wrong with a bad regex.
 */
export function compileMatch(match: string | undefined): MessageMatcher {
  if (match === undefined) return () => true;
  const literal = REGEX_LITERAL.exec(match);
  if (!literal) return (message) => message.includes(match);
  let re: RegExp;
  try {
    re = new RegExp(literal[1]!, literal[2]!.replace(/[gy]/g, ""));
  } catch (e) {
    throw new Error(`match ${JSON.stringify(match)} is not a valid regular expression: ${(e as Error).message}`);
  }
  return (message) => re.test(message);
}
