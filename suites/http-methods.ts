import { HTTP_ALLOW_ACCURATE, HTTP_TRACE_REFUSED } from "../src/registry/index.ts";
import type { ProbeResult } from "../src/run/execute.ts";
import { conformsTo, type Checker } from "./support/check.ts";
import type { CheckContext } from "./support/context.ts";

/**
 * The answers to the other methods the suite sends on the operation's path (OPTIONS and TRACE:
 * safe methods, without credentials, never live). They are another operation's requests, so only
 * these checks read them: nothing else in the run is judged on them.
 */
function methodAnswers(ctx: CheckContext, c: Checker, method?: string): ProbeResult[] {
  const all = (ctx.methods ?? []).filter((r) => !method || r.probe.method === method);
  // A live run (and one through a proxy) plans GET alone (no `methods`): nothing to judge, and nothing missing.
  if (ctx.methods === undefined) c.skip("no request with another method was planned: a live run, or one through a proxy, sends GET alone", "get-only");
  else if (!all.length) c.skip(`no ${method ?? "request with another method"} was sent`);
  return all;
}

/** The methods an Allow field lists (RFC 9110 §10.2.1: `#method`, tokens, case-sensitive). */
export function allowedMethods(value: string): string[] {
  return value.split(",").map((m) => m.trim()).filter(Boolean);
}

export const HTTP_METHOD_CHECKS = [
  conformsTo(HTTP_ALLOW_ACCURATE, (ctx, c) => {
    for (const r of methodAnswers(ctx, c)) {
      c.withResponse(r, (res) => {
        const allow = res.headers.allow;
        const method = r.probe.method!;
        if (res.status === 405) {
          if (allow === undefined) return void c.fail(`${method} answered 405 without Allow (RFC 9110 §15.5.6: an origin server MUST send one)`, r);
          const listed = allowedMethods(allow);
          c.expect(listed.includes("GET") && !listed.includes(method), () => `${method} answered 405 with Allow: ${allow}: ${listed.includes(method) ? `it lists ${method}, the method it refused` : "it does not list GET"}`, r);
          return;
        }
        c.expect(allow === undefined || allowedMethods(allow).includes("GET"), () => `${method} answered ${res.status} with Allow: ${allow}, which does not list GET`, r);
      });
    }
  }),

  conformsTo(HTTP_TRACE_REFUSED, (ctx, c) => {
    for (const r of methodAnswers(ctx, c, "TRACE")) {
      c.withResponse(r, (res) => {
        const refused = (res.status >= 400 && res.status < 500) || res.status === 501;
        c.expect(refused, () => `TRACE answered ${res.status}${res.headers["content-type"] ? ` (${res.headers["content-type"]})` : ""}: expected a refusal, a 4xx or 501`, r);
      });
    }
  }),
];
