import type { SuccessEnvelope } from "../envelopes.ts";
import type { CertificateRecord, StoredCertificate } from "../store.ts";
import type { Fault, FaultHooks, SuccessContext } from "./types.ts";

/** Declares a fault (frozen; `trips` and `incidental` deduplicated). */
export function fault(f: Omit<Fault, "apply"> & { apply: FaultHooks }): Fault {
  return Object.freeze({
    ...f,
    trips: Object.freeze([...new Set(f.trips)]),
    ...(f.incidental ? { incidental: Object.freeze([...new Set(f.incidental)].filter((id) => !f.trips.includes(id))) } : {}),
  });
}

/** A successBody hook that changes the certificate object in place. */
export function editResult(edit: (result: CertificateRecord, ctx: SuccessContext) => void): FaultHooks["successBody"] {
  return (body: SuccessEnvelope<CertificateRecord>, ctx) => {
    edit(body.result, ctx);
    return body;
  };
}

/** The same certificate served under another id (what a lookup fault returns). */
export function servedAs(certificate: StoredCertificate, id: string): StoredCertificate {
  const result = { ...certificate.result, id };
  return { ...certificate, id, result, json: JSON.stringify(result) };
}

/** The requirements whose evidence is "refused with a 4xx failure envelope" (every refusal of the suite). */
export const REFUSAL_REQUIREMENTS = [
  "AUTH-MISSING-REFUSED", "AUTH-KEY-WRONG-REFUSED", "AUTH-EMAIL-WITHOUT-KEY-REFUSED", "AUTH-MALFORMED-REFUSED", "AUTH-TOKEN-WRONG-REFUSED", "AUTH-TOKEN-NEAR-MISS-REFUSED", "AUTH-MISPLACED-REFUSED",
  "ID-MAXLENGTH-ZONE", "ID-MAXLENGTH-CERTIFICATE", "ID-MALFORMED-REFUSED", "ID-UNKNOWN-REFUSED", "ID-ZONE-SCOPED",
  "HTTP-PATH-EXACT",
] as const;

/** The credential refusals a suite sends (AUTH-*-REFUSED). */
export const AUTH_REFUSED_REQUIREMENTS = REFUSAL_REQUIREMENTS.filter((id) => id.startsWith("AUTH-"));

/** Requirements judged on the 200 reads with good credentials (the plain reads, and those asked another way a client may). */
export const READ_REQUIREMENTS = ["AUTH-KEY-ACCEPTED", "AUTH-TOKEN-ACCEPTED", "AUTH-SYNTAX-ACCEPTED", "HTTP-NEGOTIATION"] as const;

/** Lower-case hex, one digit changed (same length, still hex). */
export function otherHex(hex: string): string {
  if (hex.length === 0) return "0";
  const last = hex[hex.length - 1].toLowerCase();
  return hex.slice(0, -1) + (last === "0" ? "1" : "0");
}

/** `0a:1b:2c` from `a1b2c`: even number of digits, pairs joined by colons. */
export function colonPairs(hex: string): string {
  const even = hex.length % 2 === 0 ? hex : `0${hex}`;
  return (even.match(/../g) ?? []).join(":");
}
