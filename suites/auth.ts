import {
  AUTH_401_CHALLENGE, AUTH_EMAIL_WITHOUT_KEY_REFUSED, AUTH_EXISTENCE_HIDDEN, AUTH_KEY_ACCEPTED, AUTH_KEY_WRONG_REFUSED, AUTH_MALFORMED_REFUSED,
  AUTH_MISPLACED_REFUSED, AUTH_MISSING_REFUSED, AUTH_REFUSAL_STATUS, AUTH_SECRET_NOT_ECHOED, AUTH_SYNTAX_ACCEPTED, AUTH_TOKEN_ACCEPTED,
  AUTH_TOKEN_NEAR_MISS_REFUSED, AUTH_TOKEN_WRONG_REFUSED,
} from "../src/registry/index.ts";
import { CREDENTIAL_PLACEHOLDERS } from "../src/http/index.ts";
import type { CredentialScheme } from "../src/http/index.ts";
import type { AuthCase } from "../src/run/probes.ts";
import type { Requirement } from "../src/registry/types.ts";
import { conformsTo } from "./support/check.ts";
import { plainReads, probesOfKind, variantReads, type CheckContext } from "./support/context.ts";
import { is4xx } from "./support/evidence.ts";
import { expectRefusal } from "./support/refusal.ts";
import { expectSameRefusals } from "./support/same-answer.ts";

/** A configured secret in an answer: the redaction put its placeholder there (not a near miss's, which carries its edit in brackets). */
const ECHOED_SECRET = new RegExp(`(${[CREDENTIAL_PLACEHOLDERS.token, CREDENTIAL_PLACEHOLDERS.apiKey].map((p) => p.replace(/\$/g, "\\$")).join("|")})(?!\\()`);

/** A WWW-Authenticate value with at least one challenge: an auth-scheme token first (RFC 9110 §11.6.1). */
const CHALLENGE = /^\s*,*\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

const authProbes = (ctx: CheckContext, ...cases: AuthCase[]) => probesOfKind(ctx, "auth").filter((r) => cases.includes(r.probe.authCase!));

const refused = (requirement: Requirement, ...cases: AuthCase[]) =>
  conformsTo(requirement, (ctx, c) => authProbes(ctx, ...cases).forEach((r) => expectRefusal(c, r)));

const SCHEME_ENV: Record<CredentialScheme, string> = { token: "CLOUDFLARE_API_TOKEN", key: "CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY" };

const accepted = (requirement: Requirement, scheme: CredentialScheme) =>
  conformsTo(requirement, (ctx, c) => {
    if (!ctx.schemes.includes(scheme)) return c.skip(`the ${scheme} scheme is not configured (set ${SCHEME_ENV[scheme]})`, "scheme-not-configured");
    for (const r of plainReads(ctx).filter((x) => x.probe.scheme === scheme)) {
      c.withResponse(r, (res) => c.expect(res.status === 200, `good ${scheme} credentials answered ${res.status}, expected 200`, r));
    }
  });

/** AUTH: missing, wrong and malformed credentials of both schemes are refused; good ones work. */
export const AUTH_CHECKS = [
  refused(AUTH_MISSING_REFUSED, "missing"),
  // Made-up wrong values, and the configured ones beside a wrong half or with one hex digit changed.
  refused(AUTH_KEY_WRONG_REFUSED, "wrong-key", "unknown-email", "key-wrong", "email-wrong", "key-digit-changed", "key-char-dropped", "key-char-added"),
  refused(AUTH_EMAIL_WITHOUT_KEY_REFUSED, "email-without-key"),
  refused(AUTH_MALFORMED_REFUSED, "malformed-email", "malformed-key", "malformed-bearer"),
  refused(AUTH_TOKEN_WRONG_REFUSED, "wrong-token"),
  refused(AUTH_TOKEN_NEAR_MISS_REFUSED, "token-last-changed", "token-char-dropped", "token-char-added", "token-case-flipped"),
  accepted(AUTH_KEY_ACCEPTED, "key"),
  accepted(AUTH_TOKEN_ACCEPTED, "token"),
  conformsTo(AUTH_REFUSAL_STATUS, (ctx, c) => {
    for (const r of probesOfKind(ctx, "auth")) {
      c.withResponse(r, (res) => {
        if (!is4xx(res)) return; // the AUTH-*-REFUSED requirements speak for non-4xx answers
        c.expect([400, 401, 403].includes(res.status), `refused with ${res.status}, expected 400, 401 or 403`, r);
      });
    }
  }),

  refused(AUTH_MISPLACED_REFUSED, "token-without-scheme", "token-other-scheme", "token-as-key", "key-as-bearer"),
  conformsTo(AUTH_SYNTAX_ACCEPTED, (ctx, c) => {
    for (const r of variantReads(ctx, "credential-spelling", "header-names-upper-case")) {
      c.withResponse(r, (res) => c.expect(res.status === 200, `good credentials, written as HTTP allows, answered ${res.status}, expected 200`, r));
    }
    // Legitimate only when no scheme is configured; with one, its respelled reads were planned and are missing.
    if (!c.checks && !c.errors.length) c.skip("no scheme is configured whose credentials can be respelled", ctx.schemes.length ? "no-evidence" : "scheme-not-configured");
  }),
  conformsTo(AUTH_401_CHALLENGE, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => {
        if (res.status !== 401) return void c.expect(true, "", r);
        const challenge = res.headers["www-authenticate"];
        c.expect(challenge !== undefined && CHALLENGE.test(challenge), () => `a 401 with ${challenge === undefined ? "no WWW-Authenticate field" : `WWW-Authenticate: ${JSON.stringify(challenge)}, which holds no challenge`}`, r);
      });
    }
  }),
  conformsTo(AUTH_EXISTENCE_HIDDEN, (ctx, c) => expectSameRefusals(ctx, c, AUTH_EXISTENCE_HIDDEN.id)),
  conformsTo(AUTH_SECRET_NOT_ECHOED, (ctx, c) => {
    for (const r of ctx.results) {
      c.ifAnswered(r, (res) => {
        const where = [["the body", res.body], ...Object.entries(res.headers).map(([k, v]) => [`the ${k} field`, v])].find(([, text]) => ECHOED_SECRET.test(text!));
        c.expect(where === undefined, () => `${where![0]} carries the configured ${ECHOED_SECRET.exec(where![1]!)![1] === CREDENTIAL_PLACEHOLDERS.token ? "API token" : "API key"} (shown here as its placeholder)`, r);
      });
    }
  }),
];
