import { ERR_ERRORS_NONEMPTY, ERR_ITEMS_SHAPE, ERR_ITEMS_UNIQUE, ERR_NO_INTERNALS, ERR_REQUIRED_MEMBERS, ERR_RESULT_NULL, ERR_SUCCESS_FALSE } from "../src/registry/index.ts";
import { responsesOfClass, schemaCheck } from "./schema-checks.ts";
import { conformsTo } from "./support/check.ts";
import { jsonBody } from "./support/evidence.ts";

/**
 * What no message for a person looks like: a stack frame (`at fn (/path/file.js:12:3)`, Python's
 * traceback, a Java frame), a source file path, an exception dump.
 */
const INTERNALS: readonly [RegExp, string][] = [
  [/\bat\s+(?:[\w$.<>[\] ]+\s)?\(?(?:file:\/\/|node:)?[\w./\\:-]*\.(?:js|mjs|cjs|ts|jsx|tsx):\d+:\d+\)?/, "a stack frame"],
  [/Traceback \(most recent call last\)/, "a Python traceback"],
  [/\bat\s+[\w$.]+\([\w$]+\.(java|kt|scala):\d+\)/, "a Java stack frame"],
  [/(?:^|[\s"'(])(?:\/[\w.@-]+){2,}\.(?:js|mjs|cjs|ts|py|rb|go|java|php|cs)\b/, "a source file path"],
  [/\bnode_modules\b|\bsite-packages\b/, "a library path"],
  [/\b(?:Unhandled|Uncaught)\s+\w*(?:Exception|Error)\b|\bException in thread\b|\bpanic: /, "an exception dump"],
];

/** Every string in a JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** ERR: every 4xx seen anywhere in the run, against the failure schema (must) and its errata (should); and what its texts reveal. */
export const ERR_CHECKS = [
  ...[ERR_REQUIRED_MEMBERS, ERR_SUCCESS_FALSE, ERR_RESULT_NULL, ERR_ITEMS_SHAPE, ERR_ERRORS_NONEMPTY, ERR_ITEMS_UNIQUE]
    .map((requirement) => schemaCheck(requirement, "failure-4xx", undefined, { notJsonFails: requirement === ERR_REQUIRED_MEMBERS })),
  conformsTo(ERR_NO_INTERNALS, (ctx, c) => {
    for (const r of responsesOfClass(ctx, "failure-4xx")) {
      const body = jsonBody(r.exchange.response!);
      const texts = body.ok ? strings(body.value) : [r.exchange.response!.body];
      const found = INTERNALS.find(([pattern]) => texts.some((t) => pattern.test(t)));
      c.expect(found === undefined, () => `the ${r.exchange.response!.status} answer carries ${found![1]}: ${JSON.stringify(texts.find((t) => found![0].test(t))!.slice(0, 160))}`, r);
    }
  }),
];
