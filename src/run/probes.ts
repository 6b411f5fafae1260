import { createHash } from "node:crypto";
import type { IdentifierSample as GeneratedIdentifierSample } from "../../generators/index.ts";
import type { AuthChoice, CredentialScheme } from "../http/index.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";

/** Which part of the contract a probe exercises; checks select probes by kind. */
export type ProbeKind = "list" | "read" | "auth" | "id";

export type AuthCase = "missing" | "wrong-key" | "unknown-email" | "wrong-token" | "malformed-email" | "malformed-key" | "malformed-bearer" | "email-without-key";
export type IdCase = "overlong" | "malformed" | "unknown" | "other-zone";

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
  /** The made-up credential values of an auth probe may appear in reports (never a configured secret). */
  publicHeaderValues?: boolean;
  expect: "200" | "4xx";
  zoneId: string;
  certificateId?: string;
  scheme?: CredentialScheme;
  authCase?: AuthCase;
  idCase?: IdCase;
  idPosition?: "zone" | "certificate";
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
  budget: number;
  /** Malformed identifiers from the generators, in the order to use them. */
  malformedIdentifiers: IdentifierSample[];
  /** At most this many of them (default 40): enough to fuzz, few enough for a live budget. */
  maxMalformed?: number;
}

export const listPath = (zone: string) => `/zones/${zone}/client_certificates`;

/** A made-up, well-formed identifier (32 lower-case hex), stable for a seed and a salt. */
export function madeUpIdentifier(seed: number, salt: string, length = 32): string {
  let out = "";
  for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${seed}:${salt}:${i}`).digest("hex");
  return out.slice(0, length);
}

/**
 * The run's requests. Reads of every certificate with every configured scheme; the
 * credential cases against the first certificate; identifier limits in both path
 * positions; malformed identifiers from the generators with what the budget leaves.
 */
export function planProbes(input: ProbePlanInput): Probe[] {
  const { spec, zoneId, certificateIds, schemes, seed } = input;
  const detailsPath = spec.detailsPath;
  const probes: Probe[] = [];
  const read = (certificateId: string, scheme: CredentialScheme): Probe => ({
    key: `read:${certificateId}:${scheme}`, kind: "read", label: `read ${certificateId} with ${scheme === "token" ? "the API token" : "the API key"}`,
    path: detailsPath(zoneId, certificateId), auth: scheme, expect: "200", zoneId, certificateId, scheme,
  });
  for (const id of certificateIds) for (const scheme of schemes) probes.push(read(id, scheme));

  const subject = certificateIds[0];
  if (subject !== undefined) {
    const path = detailsPath(zoneId, subject);
    const unknownEmail = `conformance-${madeUpIdentifier(seed, "email", 8)}@example.invalid`;
    const authProbe = (authCase: AuthCase, label: string, auth: AuthChoice): Probe => ({
      key: `auth:${authCase}`, kind: "auth", label, path, auth, publicHeaderValues: true, expect: "4xx", zoneId, certificateId: subject, authCase,
    });
    probes.push(
      authProbe("missing", "no credentials", "none"),
      authProbe("wrong-key", "a well-formed but wrong X-Auth-Key", { headers: { "x-auth-email": unknownEmail, "x-auth-key": madeUpIdentifier(seed, "key", 37) } }),
      authProbe("unknown-email", "an unknown X-Auth-Email", { headers: { "x-auth-email": unknownEmail, "x-auth-key": madeUpIdentifier(seed, "key2", 37) } }),
      authProbe("wrong-token", "a well-formed but wrong bearer token", { headers: { authorization: `Bearer ${madeUpIdentifier(seed, "token", 40)}` } }),
      authProbe("malformed-email", "a malformed X-Auth-Email", { headers: { "x-auth-email": "not an email", "x-auth-key": madeUpIdentifier(seed, "key3", 37) } }),
      authProbe("malformed-key", "a malformed X-Auth-Key", { headers: { "x-auth-email": unknownEmail, "x-auth-key": "not a key!" } }),
      authProbe("malformed-bearer", "a malformed Authorization header", { headers: { authorization: "Basic Y29uZm9ybWFuY2U6dGVzdA==" } }),
      authProbe("email-without-key", "X-Auth-Email without X-Auth-Key", { headers: { "x-auth-email": unknownEmail } }),
    );
  }

  const scheme = schemes[0] ?? "none";
  const certificate = subject ?? madeUpIdentifier(seed, "certificate");
  const idProbe = (idCase: IdCase, position: "zone" | "certificate", value: string, label: string, n: number): Probe => ({
    key: `id:${idCase}:${position}:${n}`, kind: "id", label, expect: "4xx", auth: scheme, idCase, idPosition: position,
    path: position === "zone" ? detailsPath(value, certificate) : detailsPath(zoneId, value),
    zoneId: position === "zone" ? value : zoneId, certificateId: position === "certificate" ? value : certificate,
  });
  // Just past the document's maxLength, then well past it (none where the document sets no limit).
  for (const [n, factor] of [[0, 1], [1, 2], [2, 8]] as const) {
    for (const position of ["zone", "certificate"] as const) {
      const max = spec.maxLength(position);
      if (max === undefined) continue;
      const length = factor === 1 ? max + 1 : max * factor;
      probes.push(idProbe("overlong", position, madeUpIdentifier(seed, `${position === "zone" ? "zone" : "cert"}-${length}`, length), `a ${length}-character ${position} identifier`, n));
    }
  }
  probes.push(idProbe("unknown", "certificate", madeUpIdentifier(seed, "unknown"), "a well-formed identifier of no certificate", 0));
  if (subject !== undefined) {
    probes.push({ ...idProbe("other-zone", "zone", madeUpIdentifier(seed, "other-zone"), "the certificate under another zone", 0), certificateId: subject });
  }

  const room = Math.min(input.maxMalformed ?? 40, Math.max(0, input.budget - probes.length));
  input.malformedIdentifiers.slice(0, room).forEach((sample, n) => {
    const position = n % 4 === 3 ? "zone" : "certificate";
    probes.push(idProbe("malformed", position, sample.value, `malformed ${position} identifier: ${sample.label}`, n));
  });
  return probes;
}
