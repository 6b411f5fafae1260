import {
  HTTP_BODY_BOUNDED, HTTP_EVERY_REQUEST_ANSWERED, HTTP_EXISTING_200, HTTP_JSON_BODY, HTTP_JSON_CONTENT_TYPE, HTTP_JSON_INTEROPERABLE, HTTP_NEGOTIATION,
  HTTP_NO_5XX, HTTP_PATH_EXACT,
} from "../src/registry/index.ts";
import { answerOf, unansweredCause } from "../src/run/execute.ts";
import { conformsTo, isBurst429 } from "./support/check.ts";
import { probesOfKind, variantReads } from "./support/context.ts";
import { describeProbe, isJsonContentType, jsonBody, jsonLexicalFactsOf } from "./support/evidence.ts";
import { expectRefusal } from "./support/refusal.ts";

/** HTTP: status codes and content type. */
export const HTTP_CHECKS = [
  // Every read that must be answered 200, however it was asked (the plain reads, and the variants a server must serve).
  conformsTo(HTTP_EXISTING_200, (ctx, c) => {
    for (const r of probesOfKind(ctx, "read").filter((x) => x.probe.expect === "200" && x.probe.variant !== "burst")) {
      c.withResponse(r, (res) => c.expect(res.status === 200, `answered ${res.status}, expected 200`, r));
    }
    // The burst's reads too: served, or turned away by the rate limit, which Cloudflare's limits page says is a 429.
    for (const r of probesOfKind(ctx, "read").filter((x) => x.probe.variant === "burst")) {
      c.ifAnswered(r, (res) => c.expect(res.status === 200 || res.status === 429, `answered ${res.status} to a read of the burst, expected 200 or, past the rate limit, 429`, r));
    }
  }),

  // Every request whose answer is a refusal, or may be one (a read asked in a way a server may decline: 406, or a 4xx).
  conformsTo(HTTP_NO_5XX, (ctx, c) => {
    for (const r of ctx.results.filter((x) => x.probe.expect !== "200")) {
      c.ifAnswered(r, (res) => c.expect(res.status < 500, `answered ${res.status} to a request that must get a 4xx`, r));
    }
  }),

  conformsTo(HTTP_JSON_CONTENT_TYPE, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => {
        if (res.status >= 500) return; // HTTP-NO-5XX speaks for these
        c.expect(isJsonContentType(res), () => `Content-Type is ${JSON.stringify(res.headers["content-type"] ?? "(none)")}, expected application/json`, r);
      });
    }
  }),

  // Across exchanges: an unanswered request is the server's failure when a later one (a control read, or the next probe) was answered.
  conformsTo(HTTP_EVERY_REQUEST_ANSWERED, (ctx, c) => {
    const lastAnswered = Math.max(-1, ...ctx.results.filter((r) => answerOf(r.exchange) === "answered").map((r) => r.exchange.seq));
    for (const r of ctx.results) {
      const answer = answerOf(r.exchange);
      if (answer === "not-sent") continue;
      if (answer === "answered" || isBurst429(r)) c.expect(true, "", r);
      else if (r.exchange.seq < lastAnswered) c.fail(`${unansweredCause(r.exchange)}, while a request sent after it was answered`, r);
      else c.couldNotTell(`${r.probe.label}: ${unansweredCause(r.exchange)}, and nothing after it was answered (the target may be down)`);
    }
  }),

  conformsTo(HTTP_JSON_BODY, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => {
        if (res.status >= 500) return;
        const body = jsonBody(res);
        // A body the suite cut at its limit is HTTP-BODY-BOUNDED's failure; whether all of it was JSON is unknown.
        if (!body.ok && body.cut) return c.couldNotTell(`${describeProbe(r)}: ${body.why}`);
        c.expect(body.ok && !body.bom, () => (body.ok ? "the body starts with a byte order mark (RFC 8259 §8.1: MUST NOT be added)" : body.why), r);
      });
    }
  }),

  conformsTo(HTTP_BODY_BOUNDED, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => c.expect(!res.truncated, () => `the body is larger than ${res.cutAtBytes ? `${Math.round((res.cutAtBytes / 2 ** 20) * 10) / 10} MiB` : "the suite's limit"}: read up to there, the rest discarded`, r));
    }
  }),

  conformsTo(HTTP_JSON_INTEROPERABLE, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => {
        const facts = jsonLexicalFactsOf(res);
        if (!facts) return; // not JSON: HTTP-JSON-BODY speaks for it
        const problems = [
          ...facts.duplicateNames.map((p) => `the member ${p} is named twice in its object`),
          ...facts.unpairedSurrogates.map((p) => `the string at ${p || "(body)"} has an unpaired surrogate`),
          ...[...facts.beyondDoublePrecision].map(([p, n]) => `the number ${n} at ${p || "(body)"} is beyond what an IEEE 754 double holds exactly`),
        ];
        c.expect(problems.length === 0, () => `${problems.join("; ")} (RFC 8259 §4, §6, §8.2)`, r);
      });
    }
  }),

  conformsTo(HTTP_NEGOTIATION, (ctx, c) => {
    for (const r of variantReads(ctx, "accept-any", "accept-absent", "accept-application-any", "accept-json-weighted", "accept-html")) {
      c.withResponse(r, (res) => {
        const json = isJsonContentType(res);
        if (r.probe.expect === "200-or-406") return void c.expect(res.status === 406 || (res.status === 200 && json), () => `answered ${res.status} with Content-Type ${res.headers["content-type"] ?? "(none)"}: expected 406, or 200 with application/json`, r);
        c.expect(res.status === 200 && json, () => `answered ${res.status} with Content-Type ${res.headers["content-type"] ?? "(none)"}, though its Accept admits application/json: expected 200 with application/json`, r);
      });
    }
  }),

  conformsTo(HTTP_PATH_EXACT, (ctx, c) => probesOfKind(ctx, "path").forEach((r) => expectRefusal(c, r))),
];
