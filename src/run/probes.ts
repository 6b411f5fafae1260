import { createHash } from "node:crypto";
import type { IdentifierSample as GeneratedIdentifierSample } from "../../generators/index.ts";
import type { AuthChoice, CredentialScheme, NearMiss } from "../http/index.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";

/** Which part of the contract a probe exercises; checks select probes by kind. */
export type ProbeKind = "list" | "read" | "auth" | "id" | "control";

export type AuthCase = "missing" | "wrong-key" | "unknown-email" | "wrong-token" | "malformed-email" | "malformed-key" | "malformed-bearer" | "email-without-key" | NearMiss;
export type IdCase = "overlong" | "malformed" | "unknown" | "other-zone";

/**
 * When a probe is sent, relative to the others, under a small `--budget`: every family's
 * requirements get one probe (0) before any gets a second (1); fuzzing takes what is left (2).
 */
export type ProbePriority = 0 | 1 | 2;

/** One planned request: what is sent and what a conforming server must answer. */
export interface Probe {
  /** Unique and stable for a given seed and inputs (a cassette is keyed on the request, not on this). */
  key: string;
  kind: ProbeKind;
  /** Human label, shown in reports and progress. */
  label: string;
  /** Path below the base URL, already encoded. */
  path: string;
  auth: AuthChoice;
  /** The made-up credential values of an auth probe may appear in reports (never a configured secret, nor a near miss of one). */
  publicHeaderValues?: boolean;
  expect: "200" | "4xx";
  zoneId: string;
  certificateId?: string;
  scheme?: CredentialScheme;
  authCase?: AuthCase;
  idCase?: IdCase;
  idPosition?: "zone" | "certificate";
  /** The identifier is the real one with an edit (one character more or less, a suffix, upper case). */
  derived?: boolean;
  /** A second read of a certificate already read with this scheme (RESULT-READS-AGREE). */
  repeat?: boolean;
  priority: ProbePriority;
  /** A step of shrinking a failing malformed identifier (the property-based stage); `minimal` on the smallest one found. */
  shrink?: { step: number; minimal?: boolean };
}

/** What a probe needs of an identifier sample from the generators. */
export type IdentifierSample = Pick<GeneratedIdentifierSample, "value" | "class" | "label">;

export interface ProbePlanInput {
  /** The document the run is judged against: its path template and identifier limits shape the probes. */
  spec: OperationSpec;
  zoneId: string;
  certificateIds: string[];
  schemes: CredentialScheme[];
  seed: number;
  /** The near misses the configured credentials allow (the HTTP layer derives them: see applicableNearMisses). */
  nearMisses?: NearMiss[];
}

export const listPath = (zone: string) => `/zones/${zone}/client_certificates`;

/** A made-up, well-formed identifier (32 lower-case hex), stable for a seed and a salt. */
export function madeUpIdentifier(seed: number, salt: string, length = 32): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}:${salt}:${i}`).digest("hex");
  return out.slice(0, length);
}

/** The scheme reads, re-reads and control reads use: one the document declares, when the run has one. */
export function primaryScheme(spec: OperationSpec, schemes: CredentialScheme[]): CredentialScheme | undefined {
  return schemes.find((s) => spec.declaredSchemes.has(s)) ?? schemes[0];
}

/** Suffixes a server might ignore after an identifier (`.json`, a matrix parameter, a NUL, a space, a slash), raw where a URL allows them. */
const SUFFIXES: { suffix: string; label: string; idCase: IdCase }[] = [
  { suffix: ".json", label: ".json", idCase: "overlong" },
  { suffix: "%2Ejson", label: "%2Ejson (percent-encoded .json)", idCase: "overlong" },
  { suffix: ";v=1", label: ";v=1", idCase: "overlong" },
  { suffix: "%3Bv%3D1", label: "%3Bv%3D1 (percent-encoded ;v=1)", idCase: "overlong" },
  { suffix: "%00x", label: "%00x (a NUL and a character)", idCase: "overlong" },
  { suffix: "%20", label: "%20 (a space)", idCase: "overlong" },
  { suffix: "%2F", label: "%2F (a percent-encoded slash)", idCase: "overlong" },
  // A raw slash adds a path segment: no longer an identifier of 33 characters, but no certificate either.
  { suffix: "/", label: "/ (a raw slash)", idCase: "malformed" },
];

const AUTH_CASES: { authCase: AuthCase; label: string; priority: ProbePriority; headers: (seed: number, email: string) => Record<string, string> }[] = [
  { authCase: "missing", label: "no credentials", priority: 0, headers: () => ({}) },
  { authCase: "wrong-key", label: "a well-formed but wrong X-Auth-Key", priority: 0, headers: (seed, email) => ({ "x-auth-email": email, "x-auth-key": madeUpIdentifier(seed, "key", 37) }) },
  { authCase: "email-without-key", label: "X-Auth-Email without X-Auth-Key", priority: 0, headers: (_s, email) => ({ "x-auth-email": email }) },
  { authCase: "malformed-bearer", label: "a malformed Authorization header", priority: 0, headers: () => ({ authorization: "Basic Y29uZm9ybWFuY2U6dGVzdA==" }) },
  { authCase: "wrong-token", label: "a well-formed but wrong bearer token", priority: 0, headers: (seed) => ({ authorization: `Bearer ${madeUpIdentifier(seed, "token", 40)}` }) },
  { authCase: "unknown-email", label: "an unknown X-Auth-Email", priority: 1, headers: (seed, email) => ({ "x-auth-email": email, "x-auth-key": madeUpIdentifier(seed, "key2", 37) }) },
  { authCase: "malformed-email", label: "a malformed X-Auth-Email", priority: 1, headers: (seed) => ({ "x-auth-email": "not an email", "x-auth-key": madeUpIdentifier(seed, "key3", 37) }) },
  { authCase: "malformed-key", label: "a malformed X-Auth-Key", priority: 1, headers: (_s, email) => ({ "x-auth-email": email, "x-auth-key": "not a key!" }) },
];

/** The first near miss of each scheme covers its requirement; the rest are second samples. */
const FIRST_NEAR_MISSES: ReadonlySet<NearMiss> = new Set(["email-wrong", "token-last-changed"]);

const NEAR_MISS_LABELS: Record<NearMiss, string> = {
  "key-wrong": "the right X-Auth-Email with a wrong X-Auth-Key",
  "email-wrong": "a wrong X-Auth-Email with the right X-Auth-Key",
  "key-digit-changed": "X-Auth-Key with one hex digit changed",
  "token-last-changed": "the API token with its last character changed",
  "token-char-dropped": "the API token with its last character dropped",
  "token-char-added": "the API token with one character added",
  "token-case-flipped": "the API token with its letters' case flipped",
};

/**
 * The run's fixed requests, in the order to send them (priority first). Reads of every
 * certificate with every configured scheme and a second read; the credential cases and the
 * near misses of the configured credentials against the first certificate; identifier limits
 * in both path positions, made up and derived from the real identifiers. Fuzzing is not
 * here: it is the property-based stage (fuzz.ts), which takes what the budget leaves.
 */
export function planProbes(input: ProbePlanInput): Probe[] {
  const { spec, zoneId, certificateIds, schemes, seed } = input;
  const detailsPath = spec.detailsPath;
  const probes: Probe[] = [];
  const primary = primaryScheme(spec, schemes);
  const ordered = primary ? [primary, ...schemes.filter((s) => s !== primary)] : [];

  const read = (certificateId: string, scheme: CredentialScheme, priority: ProbePriority, repeat = false): Probe => ({
    key: `read:${certificateId}:${scheme}${repeat ? ":again" : ""}`, kind: "read", priority,
    label: `${repeat ? "read again" : "read"} ${certificateId} with ${scheme === "token" ? "the API token" : "the API key"}`,
    path: detailsPath(zoneId, certificateId), auth: scheme, expect: "200", zoneId, certificateId, scheme, ...(repeat ? { repeat } : {}),
  });
  certificateIds.forEach((id, i) => ordered.forEach((scheme, j) => probes.push(read(id, scheme, i === 0 || (i === 1 && j === 0) ? 0 : 1))));
  if (certificateIds[0] !== undefined && primary) probes.push(read(certificateIds[0], primary, 0, true));

  const subject = certificateIds[0];
  if (subject !== undefined) {
    const path = detailsPath(zoneId, subject);
    const unknownEmail = `conformance-${madeUpIdentifier(seed, "email", 8)}@example.invalid`;
    for (const a of AUTH_CASES) {
      probes.push({ key: `auth:${a.authCase}`, kind: "auth", label: a.label, path, auth: { headers: a.headers(seed, unknownEmail) }, publicHeaderValues: true, expect: "4xx", zoneId, certificateId: subject, authCase: a.authCase, priority: a.priority });
    }
    for (const nearMiss of input.nearMisses ?? []) {
      // The made-up half of key-wrong / email-wrong may be shown; the configured half is a placeholder either way.
      probes.push({
        key: `auth:${nearMiss}`, kind: "auth", label: NEAR_MISS_LABELS[nearMiss], path, auth: { nearMiss }, publicHeaderValues: nearMiss === "key-wrong" || nearMiss === "email-wrong",
        expect: "4xx", zoneId, certificateId: subject, authCase: nearMiss, scheme: nearMiss.startsWith("token") ? "token" : "key", priority: FIRST_NEAR_MISSES.has(nearMiss) ? 0 : 1,
      });
    }
  }

  const certificate = subject ?? madeUpIdentifier(seed, "certificate");
  const idProbe = (idCase: IdCase, position: "zone" | "certificate", value: string, label: string, key: string, priority: ProbePriority, derived = false): Probe => ({
    key: `id:${idCase}:${position}:${key}`, kind: "id", label, expect: "4xx", ...(primary ? { auth: primary } : { auth: "none" }), idCase, idPosition: position, priority,
    path: position === "zone" ? detailsPath(value, certificate) : detailsPath(zoneId, value),
    zoneId: position === "zone" ? value : zoneId, certificateId: position === "certificate" ? value : certificate, ...(derived ? { derived } : {}),
  });
  // Just past the document's maxLength, then well past it (none where the document sets no limit).
  for (const [n, factor] of [[0, 1], [1, 2], [2, 8]] as const) {
    for (const position of ["zone", "certificate"] as const) {
      const max = spec.maxLength(position);
      if (max === undefined) continue;
      const length = factor === 1 ? max + 1 : max * factor;
      // Second samples: the real identifier one character longer (below) is the first, and the one a truncating server serves.
      probes.push(idProbe("overlong", position, madeUpIdentifier(seed, `${position === "zone" ? "zone" : "cert"}-${length}`, length), `a ${length}-character ${position} identifier`, String(n), subject === undefined && n === 0 ? 0 : 1));
    }
  }
  probes.push(idProbe("unknown", "certificate", madeUpIdentifier(seed, "unknown"), "a well-formed identifier of no certificate", "0", 0));
  if (subject !== undefined) {
    probes.push({ ...idProbe("other-zone", "zone", madeUpIdentifier(seed, "other-zone"), "the certificate under another zone", "0", 0), certificateId: subject });
    // The real identifiers, edited: one character more (over the limit), one less (no such zone or certificate), a suffix, upper case.
    probes.push(idProbe("overlong", "zone", `${zoneId}0`, "the zone identifier with one character added", "derived-longer", 0, true));
    probes.push(idProbe("overlong", "certificate", `${subject}0`, "the certificate identifier with one character added", "derived-longer", 0, true));
    probes.push(idProbe("malformed", "certificate", subject.toUpperCase() === subject ? `${subject.slice(0, -1)}G` : subject.toUpperCase(), "the certificate identifier in upper case", "derived-upper", 0, true));
    if (zoneId.length > 1) probes.push({ ...idProbe("other-zone", "zone", zoneId.slice(0, -1), "the zone identifier with its last character dropped", "derived-shorter", 1, true), certificateId: subject });
    if (subject.length > 1) probes.push(idProbe("unknown", "certificate", subject.slice(0, -1), "the certificate identifier with its last character dropped", "derived-shorter", 1, true));
    for (const s of SUFFIXES) probes.push(idProbe(s.idCase, "certificate", `${subject}${s.suffix}`, `the certificate identifier followed by ${s.label}`, `derived-suffix-${s.suffix}`, 1, true));
  }
  // Stable: priority first, then the order above.
  return probes.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => a.priority - b.priority || i - j).map(([p]) => p);
}

/** The probes that fit `room` requests, and those left out for lack of budget. */
export function fitToBudget(probes: Probe[], room: number): { planned: Probe[]; leftOut: Probe[] } {
  const n = Math.max(0, Math.min(room, probes.length));
  return { planned: probes.slice(0, n), leftOut: probes.slice(n) };
}
