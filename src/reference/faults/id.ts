import { editResult, fault, otherHex, servedAs } from "./helpers.ts";
import type { Fault, IdAction, IdCheck, LookupInput, LookupResult } from "./types.ts";
import type { IdVerdict } from "../routing.ts";

/**
 * What a server that skips the id check ends up serving: the zone or certificate the
 * id's first 32 characters (or its hex digits) name, else the zone under test / the
 * zone's first certificate (a "default record" bug), so a suite's made-up ids get a 200.
 */
function resolveLoosely(check: IdCheck, candidate: string): string {
  if (check.position === "zone") return check.store.hasZone(candidate) ? candidate : check.defaultZoneId;
  const zone = check.zoneId ?? check.defaultZoneId;
  if (check.store.find(zone, candidate)) return candidate;
  return check.store.certificates(zone)[0]?.id ?? candidate;
}

const text = (check: IdCheck) => check.id.value ?? check.id.raw;

/** An idCheck hook that changes what happens to ids of one verdict in one (or both) positions. */
function onInvalid(verdict: IdVerdict, position: IdCheck["position"] | "both", act: (check: IdCheck) => IdAction) {
  return (check: IdCheck, action: IdAction): IdAction =>
    action.action === "refuse" && check.verdict === verdict && (position === "both" || check.position === position) ? act(check) : action;
}

/** The lookup refused an id that no zone holds (a certificate of another zone is ID-ZONE-SCOPED's business). */
const unknownEverywhere = (r: LookupResult, input: LookupInput) =>
  r.kind === "refuse" && r.reason === "certificate-unknown" && !input.store.findAnywhere(input.certificateId);

/** An over-long id is also outside Cloudflare's format: a suite may count it among its malformed probes too. */
const OVERLONG_IS_MALFORMED = ["ID-MALFORMED-REFUSED"];
/** A real id cut by one character is malformed too (31 hex digits): a suite probes it as an unknown certificate and another zone. */
const SHORTENED_IS_UNKNOWN = ["ID-UNKNOWN-REFUSED", "ID-ZONE-SCOPED"];

const internalError: IdAction = { action: "fail", status: 500 };

/** ID: identifier limits in the path, unknown and foreign ids, result.id. */
export const ID_FAULTS: Fault[] = [
  fault({
    name: "overlong-zone-id-served", family: "ID",
    trips: ["ID-MAXLENGTH-ZONE"], incidental: OVERLONG_IS_MALFORMED,
    description: "A zone id over 32 characters is not refused: its first 32 characters are used, or else the zone under test.",
    apply: { idCheck: onInvalid("overlong", "zone", (c) => ({ action: "accept", id: resolveLoosely(c, text(c).slice(0, 32)) })) },
  }),
  fault({
    name: "overlong-zone-id-5xx", family: "ID",
    trips: ["ID-MAXLENGTH-ZONE", "HTTP-NO-5XX"], incidental: OVERLONG_IS_MALFORMED,
    description: "A zone id over 32 characters is answered 500 (with a failure envelope, code 10001).",
    apply: { idCheck: onInvalid("overlong", "zone", () => internalError) },
  }),
  fault({
    name: "overlong-certificate-id-served", family: "ID",
    trips: ["ID-MAXLENGTH-CERTIFICATE"], incidental: OVERLONG_IS_MALFORMED,
    description: "A certificate id over 32 characters is not refused: its first 32 characters are used, or else the zone's first certificate is served.",
    apply: { idCheck: onInvalid("overlong", "certificate", (c) => ({ action: "accept", id: resolveLoosely(c, text(c).slice(0, 32)) })) },
  }),
  fault({
    name: "overlong-certificate-id-5xx", family: "ID",
    trips: ["ID-MAXLENGTH-CERTIFICATE", "HTTP-NO-5XX"], incidental: OVERLONG_IS_MALFORMED,
    description: "A certificate id over 32 characters is answered 500 (with a failure envelope, code 10001).",
    apply: { idCheck: onInvalid("overlong", "certificate", () => internalError) },
  }),
  fault({
    name: "overlong-zone-id-truncated", family: "ID",
    trips: ["ID-MAXLENGTH-ZONE"],
    description: "A zone id of 33 or more characters is cut to 32 and served when that names a zone (made-up long ids still get 403).",
    apply: { idCheck: onInvalid("overlong", "zone", (c) => (c.store.hasZone(text(c).slice(0, 32)) ? { action: "accept", id: text(c).slice(0, 32) } : { action: "refuse" })) },
  }),
  fault({
    name: "certificate-id-suffix-ignored", family: "ID",
    trips: ["ID-MAXLENGTH-CERTIFICATE"],
    // Spaces only: a line break after the id (%0A) is refused, as the malformed identifier it also is.
    description: "A certificate id followed by a suffix (.json, ;v=1, a NUL, spaces, a slash) is served as if the suffix were not there.",
    apply: { idCheck: (check, action) => {
      if (action.action !== "refuse" || check.position !== "certificate") return action;
      const bare = text(check).replace(/(\.json|;.*|\u0000.*| +|\/)$/, "");
      const zone = check.zoneId ?? check.defaultZoneId;
      return bare !== text(check) && check.store.find(zone, bare) ? { action: "accept", id: bare } : action;
    } },
  }),
  fault({
    name: "certificate-id-prefix-matched", family: "ID",
    trips: ["ID-UNKNOWN-REFUSED"],
    description: "A certificate id of 16 to 31 hex digits is served as the certificate whose id it begins (a prefix lookup).",
    apply: { idCheck: onInvalid("malformed", "certificate", (c) => {
      const prefix = text(c);
      const match = /^[0-9a-f]{16,31}$/.test(prefix) ? c.store.certificates(c.zoneId ?? c.defaultZoneId).find((x) => x.id.startsWith(prefix)) : undefined;
      return match ? { action: "accept", id: match.id } : { action: "refuse" };
    }) },
  }),
  fault({
    name: "malformed-id-served", family: "ID",
    trips: ["ID-MALFORMED-REFUSED"], incidental: SHORTENED_IS_UNKNOWN,
    description: "A malformed id (upper case, non-hex, empty, %2F, ..) of up to 32 characters is not refused: its hex digits, lower-cased, are looked up, or else the zone under test / its first certificate is served.",
    apply: { idCheck: onInvalid("malformed", "both", (c) => ({ action: "accept", id: resolveLoosely(c, text(c).toLowerCase().replace(/[^0-9a-f]/g, "").slice(0, 32)) })) },
  }),
  fault({
    name: "malformed-id-5xx", family: "ID",
    trips: ["ID-MALFORMED-REFUSED", "HTTP-NO-5XX"], incidental: SHORTENED_IS_UNKNOWN,
    description: "A malformed id of up to 32 characters is answered 500 (with a failure envelope, code 10001).",
    apply: { idCheck: onInvalid("malformed", "both", () => internalError) },
  }),
  fault({
    name: "unknown-id-served", family: "ID",
    trips: ["ID-UNKNOWN-REFUSED"],
    description: "A well-formed certificate id that names no certificate (in any zone) gets 200: the zone's first certificate, under the requested id.",
    apply: { lookup: (input, next) => {
      const r = next(input);
      if (!unknownEverywhere(r, input)) return r;
      const first = input.store.certificates(input.zoneId)[0];
      return first ? { kind: "found", certificate: servedAs(first, input.certificateId) } : r;
    } },
  }),
  fault({
    name: "unknown-id-5xx", family: "ID",
    trips: ["ID-UNKNOWN-REFUSED", "HTTP-NO-5XX"],
    description: "A well-formed certificate id that names no certificate (in any zone) is answered 500 (with a failure envelope, code 10001).",
    apply: { lookup: (input, next) => {
      const r = next(input);
      return unknownEverywhere(r, input) ? { kind: "fail", status: 500 } : r;
    } },
  }),
  fault({
    name: "zone-scope-ignored", family: "ID",
    trips: ["ID-ZONE-SCOPED"],
    description: "A certificate is served under any well-formed zone id (another zone, an unknown one), not only its own.",
    apply: { lookup: (input, next) => {
      const r = next(input);
      if (r.kind !== "refuse") return r;
      const certificate = input.store.findAnywhere(input.certificateId);
      return certificate ? { kind: "found", certificate } : r;
    } },
  }),
  fault({
    name: "foreign-certificate-told-apart", family: "ID",
    trips: ["ID-EXISTENCE-HIDDEN"],
    description: "Under a zone the credentials cannot read, a certificate that exists elsewhere is answered 404 (code 1404, the certificate is looked up first) and one that does not exist 403 (code 9109): the answer tells which exist.",
    apply: { lookup: (input, next) => {
      const r = next(input);
      return r.kind === "refuse" && r.reason === "zone-unknown" && input.store.findAnywhere(input.certificateId) ? { kind: "refuse", reason: "certificate-unknown" } : r;
    } },
  }),
  fault({
    name: "result-id-not-requested", family: "ID",
    trips: ["ID-RESULT-ECHO"],
    description: "result.id is the id of another certificate of the zone; the rest of the object is the requested certificate's.",
    apply: { successBody: editResult((r, ctx) => {
      const other = ctx.store.certificates(ctx.certificate.zoneId).find((c) => c.id !== ctx.requestedId);
      r.id = other?.id ?? otherHex(r.id);
    }) },
  }),
  fault({
    name: "result-id-overlong", family: "ID",
    trips: ["ID-RESULT-MAXLENGTH", "ID-RESULT-FORMAT", "ID-RESULT-ECHO"],
    description: "result.id is the requested id with \"0000\" appended (36 characters).",
    apply: { successBody: editResult((r) => { r.id = `${r.id}0000`; }) },
  }),
  fault({
    name: "certificate-ids-not-hex", family: "ID",
    trips: ["ID-RESULT-FORMAT"],
    description: "Certificates have 32-character ids that are not hex (\"crt-\" + 28 hex digits), listed, served and echoed consistently.",
    apply: {
      storeId: (id) => `crt-${id.slice(0, 28)}`,
      idCheck: (check, action) => (action.action === "refuse" && check.position === "certificate" && check.id.value !== undefined && check.store.findAnywhere(check.id.value)
        ? { action: "accept", id: check.id.value }
        : action),
    },
  }),
];
