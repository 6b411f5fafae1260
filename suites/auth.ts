import {
  AUTH_EMAIL_WITHOUT_KEY_REFUSED, AUTH_KEY_ACCEPTED, AUTH_KEY_WRONG_REFUSED, AUTH_MALFORMED_REFUSED, AUTH_MISSING_REFUSED,
  AUTH_REFUSAL_STATUS, AUTH_TOKEN_ACCEPTED, AUTH_TOKEN_NEAR_MISS_REFUSED, AUTH_TOKEN_WRONG_REFUSED,
} from "../src/registry/index.ts";
import type { CredentialScheme } from "../src/http/index.ts";
import type { AuthCase } from "../src/run/probes.ts";
import type { Requirement } from "../src/registry/types.ts";
import { conformsTo } from "./support/check.ts";
import { probesOfKind, type CheckContext } from "./support/context.ts";
import { is4xx } from "./support/evidence.ts";
import { expectRefusal } from "./support/refusal.ts";

const authProbes = (ctx: CheckContext, ...cases: AuthCase[]) => probesOfKind(ctx, "auth").filter((r) => cases.includes(r.probe.authCase!));

const refused = (requirement: Requirement, ...cases: AuthCase[]) =>
  conformsTo(requirement, (ctx, c) => authProbes(ctx, ...cases).forEach((r) => expectRefusal(c, r)));

const SCHEME_ENV: Record<CredentialScheme, string> = { token: "CLOUDFLARE_API_TOKEN", key: "CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY" };

const accepted = (requirement: Requirement, scheme: CredentialScheme) =>
  conformsTo(requirement, (ctx, c) => {
    if (!ctx.schemes.includes(scheme)) return c.skip(`the ${scheme} scheme is not configured (set ${SCHEME_ENV[scheme]})`);
    for (const r of probesOfKind(ctx, "read").filter((x) => x.probe.scheme === scheme)) {
      c.withResponse(r, (res) => c.expect(res.status === 200, `good ${scheme} credentials answered ${res.status}, expected 200`, r));
    }
  });

/** AUTH: missing, wrong and malformed credentials of both schemes are refused; good ones work. */
export const AUTH_CHECKS = [
  refused(AUTH_MISSING_REFUSED, "missing"),
  // Made-up wrong values, and the configured ones beside a wrong half or with one hex digit changed.
  refused(AUTH_KEY_WRONG_REFUSED, "wrong-key", "unknown-email", "key-wrong", "email-wrong", "key-digit-changed"),
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
];
