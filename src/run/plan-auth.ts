import { NEAR_MISSES, type NearMiss } from "../http/index.ts";
import { madeUpIdentifier, type AuthCase, type Probe, type ProbePlanInput, type ProbePriority } from "./probes.ts";

/** Made-up values of the fixed plan: the same for every seed (see madeUpIdentifier). */
const FIXED = 0;

const AUTH_CASES: { authCase: AuthCase; label: string; priority: ProbePriority; headers: (email: string) => Record<string, string> }[] = [
  { authCase: "missing", label: "no credentials", priority: 0, headers: () => ({}) },
  { authCase: "wrong-key", label: "a well-formed but wrong X-Auth-Key", priority: 0, headers: (email) => ({ "x-auth-email": email, "x-auth-key": madeUpIdentifier(FIXED, "key", 37) }) },
  { authCase: "email-without-key", label: "X-Auth-Email without X-Auth-Key", priority: 0, headers: (email) => ({ "x-auth-email": email }) },
  { authCase: "malformed-bearer", label: "a malformed Authorization header", priority: 0, headers: () => ({ authorization: "Basic Y29uZm9ybWFuY2U6dGVzdA==" }) },
  { authCase: "wrong-token", label: "a well-formed but wrong bearer token", priority: 0, headers: () => ({ authorization: `Bearer ${madeUpIdentifier(FIXED, "token", 40)}` }) },
  { authCase: "unknown-email", label: "an unknown X-Auth-Email", priority: 1, headers: (email) => ({ "x-auth-email": email, "x-auth-key": madeUpIdentifier(FIXED, "key2", 37) }) },
  { authCase: "malformed-email", label: "a malformed X-Auth-Email", priority: 1, headers: () => ({ "x-auth-email": "not an email", "x-auth-key": madeUpIdentifier(FIXED, "key3", 37) }) },
  { authCase: "malformed-key", label: "a malformed X-Auth-Key", priority: 1, headers: (email) => ({ "x-auth-email": email, "x-auth-key": "not a key!" }) },
];

/** The first edit of each kind and scheme covers its requirement; the rest are second samples. */
const FIRST_EDITS: ReadonlySet<NearMiss> = new Set(["email-wrong", "token-last-changed", "token-without-scheme", "key-as-bearer", "bearer-lower-case"]);

/** The credential cases whose refusal, for an unknown certificate too, must be the same (nothing learnt of existence). */
const EXISTENCE_PAIRS: readonly AuthCase[] = ["missing", "wrong-token"];

/**
 * The credential probes, all against the first certificate: missing, made-up wrong and malformed
 * credentials; the configured ones edited (near misses and misplaced values refused, respellings
 * HTTP allows accepted: NEAR_MISSES); and, for an unknown certificate, the refusals a client
 * without credentials gets, which must not differ from those for the real one.
 */
export function authProbes(input: ProbePlanInput): Probe[] {
  const { spec, zoneId, certificateIds } = input;
  const subject = certificateIds[0];
  if (subject === undefined) return [];
  const path = spec.detailsPath(zoneId, subject);
  const unknownEmail = `conformance-${madeUpIdentifier(FIXED, "email", 8)}@example.invalid`;
  const probes: Probe[] = [];
  for (const a of AUTH_CASES) {
    probes.push({ key: `auth:${a.authCase}`, kind: "auth", label: a.label, path, auth: { headers: a.headers(unknownEmail) }, publicHeaderValues: true, expect: "4xx", zoneId, certificateId: subject, authCase: a.authCase, priority: a.priority });
  }
  for (const edit of input.nearMisses ?? []) {
    const { scheme, kind, describe } = NEAR_MISSES[edit];
    // A respelling of good credentials is a read (every check of a 200 judges it); the rest are refusals.
    const asRead = kind === "spelling" ? { kind: "read" as const, expect: "200" as const, variant: "credential-spelling" as const } : { kind: "auth" as const, expect: "4xx" as const };
    probes.push({
      // The made-up half of key-wrong / email-wrong may be shown; the configured half is a placeholder either way.
      key: `auth:${edit}`, label: describe, path, auth: { nearMiss: edit }, publicHeaderValues: edit === "key-wrong" || edit === "email-wrong",
      ...asRead, zoneId, certificateId: subject, authCase: edit, scheme, priority: FIRST_EDITS.has(edit) ? 0 : 1,
    });
  }
  const unknown = madeUpIdentifier(FIXED, "unknown");
  for (const authCase of EXISTENCE_PAIRS) {
    const a = AUTH_CASES.find((c) => c.authCase === authCase)!;
    probes.push({
      key: `auth:${authCase}:unknown-certificate`, kind: "auth", label: `${a.label}, for a certificate that does not exist`, path: spec.detailsPath(zoneId, unknown),
      auth: { headers: a.headers(unknownEmail) }, publicHeaderValues: true, expect: "4xx", zoneId, certificateId: unknown, authCase, priority: authCase === "missing" ? 0 : 1,
      sameAnswerAs: { key: `auth:${authCase}`, requirement: "AUTH-EXISTENCE-HIDDEN" },
    });
  }
  return probes;
}
