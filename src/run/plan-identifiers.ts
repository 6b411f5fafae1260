import { asUuid, boundaryIdentifiers } from "../../generators/identifiers.ts";
import type { CredentialScheme } from "../http/index.ts";
import type { OperationSpec } from "../schema/operation-spec.ts";
import { madeUpIdentifier, type IdCase, type Probe, type ProbePlanInput, type ProbePriority } from "./probes.ts";

/** Made-up values of the fixed plan: the same for every seed (see madeUpIdentifier). */
const FIXED = 0;

/** Suffixes a server might ignore after an identifier (`.json`, a matrix parameter, a NUL, a space, a slash), raw where a URL allows them. */
const SUFFIXES: { suffix: string; label: string; idCase: IdCase }[] = [
  { suffix: ".json", label: ".json", idCase: "overlong" },
  { suffix: ";v=1", label: ";v=1", idCase: "overlong" },
  { suffix: "%00x", label: "%00x (a NUL and a character)", idCase: "overlong" },
  { suffix: "%20", label: "%20 (a space)", idCase: "overlong" },
  { suffix: "%2F", label: "%2F (a percent-encoded slash)", idCase: "overlong" },
  // A raw slash adds a path segment: no longer an identifier of 33 characters, but no certificate either.
  { suffix: "/", label: "/ (a raw slash)", idCase: "malformed" },
];

const ID_CASE_OF = { malformed: "malformed", overlong: "overlong", valid: "unknown" } as const;

/**
 * The operation's path with one literal segment changed: another letter case, a doubled slash, a
 * segment added or made singular. Each names no resource of this operation.
 */
function pathVariants(spec: OperationSpec, zone: string, certificate: string): { path: string; label: string }[] {
  const template = spec.operation.path;
  const fill = (t: string) => t.replace(/\{[^}]+\}/g, (p) => (p === `{${spec.parameters.zone.name}}` ? zone : certificate));
  const literals = template.split("/").map((s, i) => ({ s, i })).filter(({ s }) => s !== "" && !s.startsWith("{"));
  const out: { path: string; label: string }[] = [];
  const replace = (i: number, by: string) => template.split("/").map((s, j) => (j === i ? by : s)).join("/");
  const last = literals[literals.length - 1];
  if (last) {
    const capital = last.s.charAt(0).toUpperCase() + last.s.slice(1);
    if (capital !== last.s) out.push({ path: fill(replace(last.i, capital)), label: `the path with "${last.s}" written "${capital}"` });
  }
  if (last && last.s.endsWith("s")) out.push({ path: fill(replace(last.i, last.s.slice(0, -1))), label: `the path with "${last.s}" in the singular` });
  if (last) out.push({ path: fill(replace(last.i, `${last.s}/`)), label: `the path with a doubled slash after "${last.s}"` });
  out.push({ path: `${fill(template)}/details`, label: "the path with a segment added after the identifier" });
  return out;
}

/**
 * Identifier probes in both path positions: just past the document's maxLength and well past
 * it; an unknown certificate; the certificate under another zone; the real identifiers edited
 * (one character more or less, a suffix, another case, as a UUID); one value of every kind a
 * server must refuse (boundaryIdentifiers); with `--other-zone`, a real second zone's
 * certificates and the zone's under it; and the paths that differ from the operation's in a
 * literal segment. The same values for every seed.
 */
export function identifierProbes(input: ProbePlanInput, primary: CredentialScheme | undefined): Probe[] {
  const { spec, zoneId, certificateIds } = input;
  const probes: Probe[] = [];
  const subject = certificateIds[0];
  const certificate = subject ?? madeUpIdentifier(FIXED, "certificate");
  const auth = primary ? { auth: primary } : { auth: "none" as const };
  const idProbe = (idCase: IdCase, position: "zone" | "certificate", value: string, label: string, key: string, priority: ProbePriority, derived = false): Probe => ({
    key: `id:${idCase}:${position}:${key}`, kind: "id", label, expect: "4xx", ...auth, idCase, idPosition: position, priority,
    path: position === "zone" ? spec.detailsPath(value, certificate) : spec.detailsPath(zoneId, value),
    zoneId: position === "zone" ? value : zoneId, certificateId: position === "certificate" ? value : certificate, ...(derived ? { derived } : {}),
  });
  // Just past the document's maxLength, then well past it (none where the document sets no limit).
  // (Well past it: the 1024-character boundary identifier below.)
  for (const [n, factor] of [[0, 1]] as const) {
    for (const position of ["zone", "certificate"] as const) {
      const max = spec.maxLength(position);
      if (max === undefined) continue;
      const length = factor === 1 ? max + 1 : max * factor;
      // Second samples: the real identifier one character longer (below) is the first, and the one a truncating server serves.
      probes.push(idProbe("overlong", position, madeUpIdentifier(FIXED, `${position === "zone" ? "zone" : "cert"}-${length}`, length), `a ${length}-character ${position} identifier`, String(n), subject === undefined && n === 0 ? 0 : 1));
    }
  }
  const unknown = madeUpIdentifier(FIXED, "unknown");
  probes.push(idProbe("unknown", "certificate", unknown, "a well-formed identifier of no certificate", "0", 0));
  if (subject === undefined) return probes;

  const otherZone = madeUpIdentifier(FIXED, "other-zone");
  probes.push({ ...idProbe("other-zone", "zone", otherZone, "the certificate under another zone", "0", 0), certificateId: subject });
  // Under that zone, a certificate that does not exist must be answered exactly as the real one.
  probes.push({
    ...idProbe("other-zone", "zone", otherZone, "a certificate that does not exist, under the same other zone", "unknown", 0), certificateId: unknown,
    path: spec.detailsPath(otherZone, unknown), sameAnswerAs: { key: "id:other-zone:zone:0", requirement: "ID-EXISTENCE-HIDDEN" },
  });
  if (input.otherZone) {
    const { zoneId: second, certificateIds: theirs } = input.otherZone;
    probes.push({ ...idProbe("other-zone", "zone", second, "the certificate under the second zone (--other-zone)", "second", 0), certificateId: subject, otherZone: true });
    for (const [i, theirId] of theirs.slice(0, 2).entries()) {
      probes.push({
        ...idProbe("other-zone", "certificate", theirId, `a certificate of the second zone (--other-zone) under this zone`, `second-${i}`, 0), otherZone: true,
        sameAnswerAs: { key: "id:unknown:certificate:0", requirement: "ID-EXISTENCE-HIDDEN" },
      });
    }
  }
  // The real identifiers, edited: one character more (over the limit), one less (no such zone or certificate), a suffix, another case.
  probes.push(idProbe("overlong", "zone", `${zoneId}0`, "the zone identifier with one character added", "derived-longer", 0, true));
  probes.push(idProbe("overlong", "certificate", `${subject}0`, "the certificate identifier with one character added", "derived-longer", 0, true));
  probes.push(idProbe("malformed", "certificate", subject.toUpperCase() === subject ? `${subject.slice(0, -1)}G` : subject.toUpperCase(), "the certificate identifier in upper case", "derived-upper", 0, true));
  probes.push({ ...idProbe("malformed", "zone", zoneId.toUpperCase() === zoneId ? `${zoneId.slice(0, -1)}G` : zoneId.toUpperCase(), "the zone identifier in upper case", "derived-upper", 1, true), certificateId: subject });
  probes.push({ ...idProbe("overlong", "zone", asUuid(zoneId), "the zone identifier written as a UUID", "derived-uuid", 1, true), certificateId: subject });
  if (zoneId.length > 1) probes.push({ ...idProbe("other-zone", "zone", zoneId.slice(0, -1), "the zone identifier with its last character dropped", "derived-shorter", 1, true), certificateId: subject });
  if (subject.length > 1) probes.push(idProbe("unknown", "certificate", subject.slice(0, -1), "the certificate identifier with its last character dropped", "derived-shorter", 1, true));
  for (const s of SUFFIXES) probes.push(idProbe(s.idCase, "certificate", `${subject}${s.suffix}`, `the certificate identifier followed by ${s.label}`, `derived-suffix-${s.suffix}`, 1, true));
  // One value of every kind a server must refuse, made from the real identifier: sent whatever the seed.
  boundaryIdentifiers(subject).forEach((b, i) => {
    probes.push(idProbe(ID_CASE_OF[b.class], "certificate", b.value, `${b.label}: ${JSON.stringify(b.value.length > 40 ? `${b.value.slice(0, 39)}…` : b.value)}`, `boundary-${i}`, i === 0 ? 0 : 1, b.value.includes(subject.slice(0, 8))));
  });
  for (const [i, v] of pathVariants(spec, zoneId, subject).entries()) {
    probes.push({ key: `path:${i}`, kind: "path", label: v.label, path: v.path, expect: "4xx", ...auth, zoneId, certificateId: subject, priority: i === 0 ? 0 : 1 });
  }
  return probes;
}
