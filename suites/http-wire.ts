import type { ExchangeResponse } from "../src/http/index.ts";
import {
  HTTP_CACHE_PRIVATE, HTTP_CODING_ACCEPTED, HTTP_CONNECTION_PERSISTENCE, HTTP_CONTENT_CODING, HTTP_DATE_FORMAT, HTTP_DATE_PRESENT,
  HTTP_MESSAGE_FRAMING, HTTP_RETRY_AFTER_AGREES, HTTP_RETRY_AFTER_VALID, HTTP_SINGLETON_FIELDS,
} from "../src/registry/index.ts";
import { answerOf, type ProbeResult } from "../src/run/execute.ts";
import { acceptedCodings, cacheDirectives, imfFixdateProblem, rateLimitReset } from "./support/fields.ts";
import { conformsTo, type Checker } from "./support/check.ts";
import { probesOfKind, type CheckContext } from "./support/context.ts";

/** The rule the singleton requirement judges; every other wire violation is framing. */
const SINGLETON_RULE = "singleton-field-repeated";

/**
 * Judges `fn` on every answer with wire evidence, complete or cut short (the bytes of an answer are
 * judged however it ended); answers without it (a replay of a recording made without it) are said once.
 */
function onWire(ctx: CheckContext, c: Checker, fn: (r: ProbeResult, res: ExchangeResponse & { wire: NonNullable<ExchangeResponse["wire"]> }) => void): void {
  let without = 0;
  for (const r of ctx.results) {
    const res = r.exchange.response;
    if (!res || r.exchange.error?.kind === "not-recorded" || r.exchange.error?.kind === "stopped") continue;
    if (!res.wire) {
      if (answerOf(r.exchange) === "answered") without++;
      continue;
    }
    fn(r, res as ExchangeResponse & { wire: NonNullable<ExchangeResponse["wire"]> });
  }
  if (!c.checks && without) c.skip(`none of the ${without} answers carries the bytes it came in: the recording replayed was made without them`, "no-wire-evidence");
}

const listed = (violations: { rule: string; cite: string; message: string }[]) => violations.map((v) => `${v.message} (${v.cite})`).join("; ");

/** HTTP on the wire: message syntax, fields, dates, codings, connections, caching. */
export const HTTP_WIRE_CHECKS = [
  conformsTo(HTTP_MESSAGE_FRAMING, (ctx, c) => onWire(ctx, c, (r, res) => {
    const bad = res.wire.violations.filter((v) => v.rule !== SINGLETON_RULE);
    c.expect(bad.length === 0, () => listed(bad), r);
  })),

  conformsTo(HTTP_SINGLETON_FIELDS, (ctx, c) => onWire(ctx, c, (r, res) => {
    const bad = res.wire.violations.filter((v) => v.rule === SINGLETON_RULE);
    c.expect(bad.length === 0, () => listed(bad), r);
  })),

  conformsTo(HTTP_CONNECTION_PERSISTENCE, (ctx, c) => {
    // A request that went out at once on the connection of an answered one.
    const results = ctx.results;
    for (const [i, r] of results.entries()) {
      if (r.probe.connection?.step !== 2) continue;
      const first = results.slice(0, i).reverse().find((x) => x.probe.connection?.group === r.probe.connection!.group && x.probe.connection.step === 1);
      const firstAnswer = first?.exchange.response;
      if (!first || first.exchange.error || !firstAnswer) continue; // the first went unanswered: nothing to say of the connection
      if (/(^|,)\s*close\s*(,|$)/i.test(firstAnswer.headers.connection ?? "")) {
        c.expect(true, "", r);
        continue;
      }
      if (!r.exchange.connection) {
        if (r.exchange.response || r.exchange.error?.kind !== "not-recorded") c.skip(`${r.probe.label}: the recording replayed does not say which connection it went on`, "no-wire-evidence");
        continue;
      }
      const answered = !r.exchange.error && r.exchange.response !== undefined;
      c.expect(r.exchange.connection.reused && answered,
        () => r.exchange.connection!.reused ? `the connection the first answer left open (it did not say Connection: close) failed the next request: ${r.exchange.error?.message ?? "no answer"}`
          : "the server closed the connection after answering, without saying Connection: close in its answer", r);
    }
    // Requests that said Connection: close, where the suite waited to see the server close.
    for (const r of results) {
      const closed = r.exchange.response?.wire?.closedAfterAnswer;
      if (closed === undefined) continue;
      c.expect(closed, "the request said Connection: close; the server kept the connection open after its answer", r);
    }
    if (!c.checks && !c.skips.length) c.skip("no request went out on a kept-alive connection");
  }),

  conformsTo(HTTP_DATE_PRESENT, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => {
        if (!((res.status >= 200 && res.status < 300) || (res.status >= 400 && res.status < 500))) return;
        c.expect(res.headers.date !== undefined, `the ${res.status} answer has no Date field`, r);
      });
    }
  }),

  conformsTo(HTTP_DATE_FORMAT, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => {
        const problems: string[] = [];
        for (const field of ["date", "last-modified"] as const) {
          const value = res.headers[field];
          const problem = value === undefined ? undefined : imfFixdateProblem(value);
          if (problem) problems.push(`${field}: ${JSON.stringify(value)} ${problem}`);
        }
        const retryAfter = res.headers["retry-after"];
        if (retryAfter !== undefined && !/^\s*\d+\s*$/.test(retryAfter) && !/^\s*[0-9.]+\s*$/.test(retryAfter)) {
          const problem = imfFixdateProblem(retryAfter);
          if (problem) problems.push(`retry-after: ${JSON.stringify(retryAfter)} is neither a number of seconds nor a date: ${problem}`);
        }
        const date = res.headers.date && !imfFixdateProblem(res.headers.date) ? Date.parse(res.headers.date) : undefined;
        const modified = res.headers["last-modified"] && !imfFixdateProblem(res.headers["last-modified"]) ? Date.parse(res.headers["last-modified"]) : undefined;
        if (date !== undefined && modified !== undefined && modified > date) problems.push(`last-modified (${res.headers["last-modified"]}) is later than date (${res.headers.date})`);
        c.expect(problems.length === 0, () => problems.join("; "), r);
      });
    }
  }),

  conformsTo(HTTP_RETRY_AFTER_VALID, (ctx, c) => {
    // Every answer that came, 429s included (where Retry-After matters most), whatever else went wrong with it.
    for (const r of ctx.results) {
      const res = r.exchange.response;
      if (!res || r.exchange.error?.kind === "not-recorded") continue;
      const value = res.headers["retry-after"];
      if (value === undefined) c.expect(true, "", r);
      else c.expect(/^\d+$/.test(value.trim()) || imfFixdateProblem(value) === undefined, () => `Retry-After is ${JSON.stringify(value)}: neither whole seconds (1*DIGIT) nor an IMF-fixdate`, r);
    }
  }),

  conformsTo(HTTP_RETRY_AFTER_AGREES, (ctx, c) => {
    // Every answer that came: one that is no 429, or lacks either field, agrees with itself.
    for (const r of ctx.results) {
      const res = r.exchange.response;
      if (!res || r.exchange.error?.kind === "not-recorded") continue;
      const retryAfter = res.headers["retry-after"]?.trim();
      const reset = rateLimitReset(res.headers.ratelimit);
      if (res.status !== 429 || retryAfter === undefined || !/^\d+$/.test(retryAfter) || reset === undefined) c.expect(true, "", r);
      else c.expect(Number(retryAfter) <= reset, () => `Retry-After asks to wait ${retryAfter} s, but the RateLimit field says the quota resets in ${reset} s (RateLimit: ${res.headers.ratelimit})`, r);
    }
  }),

  conformsTo(HTTP_CONTENT_CODING, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => {
        const decoding = res.decoding;
        if (!decoding) return void c.expect(true, "", r);
        if (decoding.error?.startsWith("the suite cannot undo")) return; // HTTP-CODING-ACCEPTED speaks for a coding nobody asked for
        c.expect(decoding.error === undefined, () => decoding.error!, r);
      });
    }
  }),

  conformsTo(HTTP_CODING_ACCEPTED, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => {
        const asked = r.exchange.request.headers["accept-encoding"];
        const codings = res.decoding?.codings ?? [];
        if (asked === undefined) return void c.expect(true, "", r); // no preference: any coding is acceptable
        const accepted = acceptedCodings(asked);
        const refused = codings.filter((coding) => !accepted(coding));
        c.expect(refused.length === 0, () => `the answer is coded ${refused.join(", ")}, which the request's Accept-Encoding: ${asked} does not accept`, r);
      });
    }
  }),

  conformsTo(HTTP_CACHE_PRIVATE, (ctx, c) => {
    for (const r of probesOfKind(ctx, "read")) {
      c.ifAnswered(r, (res) => {
        if (res.status !== 200) return;
        const d = cacheDirectives(res.headers["cache-control"]);
        const shared = d.has("public") || d.has("s-maxage") || (Number(d.get("max-age") ?? 0) > 0 && !d.has("private") && !d.has("no-store") && !d.has("no-cache"));
        c.expect(!shared, () => `Cache-Control: ${res.headers["cache-control"]} lets a shared cache store an authenticated read`, r);
      });
    }
  }),
];
