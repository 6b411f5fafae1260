import { createHash } from "node:crypto";
import type { IdentifierSample as GeneratedIdentifierSample } from "../../generators/index.ts";
import type { AuthChoice, CredentialScheme, NearMiss, OtherMethod } from "../http/index.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";
import { authProbes } from "./plan-auth.ts";
import { identifierProbes } from "./plan-identifiers.ts";
import { readProbes } from "./plan-reads.ts";

/** Which part of the contract a probe exercises; checks select probes by kind. */
export type ProbeKind = "list" | "read" | "auth" | "id" | "path" | "control" | "method";

export type AuthCase = "missing" | "wrong-key" | "unknown-email" | "wrong-token" | "malformed-email" | "malformed-key" | "malformed-bearer" | "email-without-key" | NearMiss;
export type IdCase = "overlong" | "malformed" | "unknown" | "other-zone";

/**
 * What a read varies from the plain read, each a way a client may legitimately ask (the answer
 * must be the same certificate): the Accept or Accept-Encoding it sends, the letter case of the
 * header names, a second request on a kept-alive connection, percent-encoded identifier digits,
 * an If-None-Match that matches nothing.
 */
export type ReadVariant =
  | "accept-any" | "accept-application-any" | "accept-absent" | "accept-json-weighted" | "accept-html"
  | "encoding-gzip" | "encoding-absent" | "encoding-br" | "encoding-gzip-refused"
  | "header-names-upper-case" | "credential-spelling" | "http-1.0" | "burst" | "if-none-match-unissued"
  | "keep-alive-first" | "keep-alive-second"
  | "percent-encoded-digits";

/**
 * When a probe is sent, relative to the others, under a small `--budget`: every family's
 * requirements get one probe (0) before any gets a second (1); fuzzing takes what is left (2).
 */
export type ProbePriority = 0 | 1 | 2;



/**
 * What a conforming server answers: 200 (a read), a 4xx refusal, 200 or 406 (an Accept that
 * excludes JSON), or 200 with the same certificate or a 4xx (a request URI equivalent to the
 * read's that a server may refuse to normalise).
 */
export type ProbeExpectation = "200" | "4xx" | "200-or-406" | "200-or-4xx";

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
  expect: ProbeExpectation;
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
  /** A read asked another legitimate way (see ReadVariant). */
  variant?: ReadVariant;
  /** Request headers added to (or replacing) the defaults: Accept, Accept-Encoding. */
  headers?: Record<string, string>;
  /** Default request headers left out (`accept`). */
  withoutHeaders?: string[];
  /** Every header name sent in upper case (field names are case-insensitive, RFC 9110 §5.1). */
  upperCaseHeaderNames?: boolean;
  /** The request line's version: 1.0 for the read an HTTP/1.0 client makes. */
  httpVersion?: "1.0";
  /** After its answer, see whether the server closes the connection the request (as every one but kept-alive ones) asked it to close. */
  awaitClose?: boolean;
  /** Sent on one kept-alive connection with the other probes of the group, in plan order. */
  connection?: { group: string; step: number };
  /** Another method than GET (kind "method"): safe ones only (RFC 9110 §9.2.1), never planned for a live run. */
  method?: OtherMethod;
  /** Must be answered as the probe of `key` was (status and error codes): a refusal that reveals nothing. */
  sameAnswerAs?: { key: string; requirement: "AUTH-EXISTENCE-HIDDEN" | "ID-EXISTENCE-HIDDEN" };
  /** The zone is the second zone of `--other-zone`, or the certificate one of its certificates. */
  otherZone?: boolean;
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
  /** Seeds only the property-based stage (fuzz.ts): the fixed plan is the same for every seed. */
  seed: number;
  /** The near misses the configured credentials allow (the HTTP layer derives them: see applicableNearMisses). */
  nearMisses?: NearMiss[];
  /**
   * The target is reached through a forward proxy: the requests about the target's own connection
   * (an HTTP/1.0 request line, waiting for the server to close) are left out, as the proxy owns it.
   */
  viaProxy?: boolean;
  /** A second zone the credentials can read (`--other-zone`), and certificates of it found by its list. */
  otherZone?: { zoneId: string; certificateIds: string[] };
}

export const listPath = (zone: string) => `/zones/${zone}/client_certificates`;

/**
 * A made-up, well-formed identifier (32 lower-case hex), stable for a salt. The fixed plan uses
 * salt 0 whatever the run's seed: a verdict must not depend on which identifiers a seed drew.
 */
export function madeUpIdentifier(seed: number, salt: string, length = 32): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}:${salt}:${i}`).digest("hex");
  return out.slice(0, length);
}

/** The scheme reads, re-reads and control reads use: one the document declares, when the run has one. */
export function primaryScheme(spec: OperationSpec, schemes: CredentialScheme[]): CredentialScheme | undefined {
  return schemes.find((s) => spec.declaredSchemes.has(s)) ?? schemes[0];
}

/**
 * The run's fixed requests, in the order to send them (priority first): reads of every
 * certificate with every configured scheme, again, and asked every other legitimate way; the
 * credential cases, near misses, misplaced and respelled credentials; identifier limits and
 * every malformed kind in both path positions, made up and derived from the real identifiers;
 * paths that differ in a literal segment. The same for every seed (fixed salts): fuzzing adds
 * seeded samples in the property-based stage (fuzz.ts), with what the budget leaves.
 */
export function planProbes(input: ProbePlanInput): Probe[] {
  const primary = primaryScheme(input.spec, input.schemes);
  const probes = [...readProbes(input, primary), ...authProbes(input), ...identifierProbes(input, primary)];
  // Stable: priority first, then the order above.
  return probes.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => a.priority - b.priority || i - j).map(([p]) => p);
}

/** The probes that fit `room` requests, and those left out for lack of budget. */
export function fitToBudget(probes: Probe[], room: number): { planned: Probe[]; leftOut: Probe[] } {
  const n = Math.max(0, Math.min(room, probes.length));
  return { planned: probes.slice(0, n), leftOut: probes.slice(n) };
}
