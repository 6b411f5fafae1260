import { HTTP_BODY_BOUNDED, HTTP_EVERY_REQUEST_ANSWERED, HTTP_EXISTING_200, HTTP_JSON_BODY, HTTP_JSON_CONTENT_TYPE, HTTP_NO_5XX } from "../src/registry/index.ts";
import { answerOf, unansweredCause } from "../src/run/execute.ts";
import { conformsTo } from "./support/check.ts";
import { probesOfKind } from "./support/context.ts";
import { describeProbe, isJsonContentType, jsonBody } from "./support/evidence.ts";

/** HTTP: status codes and content type. */
export const HTTP_CHECKS = [
  conformsTo(HTTP_EXISTING_200, (ctx, c) => {
    for (const r of probesOfKind(ctx, "read")) c.withResponse(r, (res) => c.expect(res.status === 200, `answered ${res.status}, expected 200`, r));
  }),

  conformsTo(HTTP_NO_5XX, (ctx, c) => {
    for (const r of ctx.results.filter((x) => x.probe.expect === "4xx")) {
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
      if (answer === "answered") c.expect(true, "", r);
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
        c.expect(body.ok, () => (body.ok ? "" : body.why), r);
      });
    }
  }),

  conformsTo(HTTP_BODY_BOUNDED, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => c.expect(!res.truncated, () => `the body is larger than ${res.cutAtBytes ? `${Math.round((res.cutAtBytes / 2 ** 20) * 10) / 10} MiB` : "the suite's limit"}: read up to there, the rest discarded`, r));
    }
  }),
];
