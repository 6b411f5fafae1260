import type * as X509 from "@peculiar/x509";
import { x509 } from "./peculiar.ts";

/** The subject attributes Cloudflare reports for a client certificate. */
export interface SubjectFields {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  country?: string;
  /** stateOrProvinceName (ST). */
  state?: string;
  /** localityName (L); Cloudflare calls it `location`. */
  locality?: string;
}

type OptionalSubjectKey = Exclude<keyof SubjectFields, "commonName">;

/** X.520 attribute OIDs, in the order Go (and so cfssl) writes them into a DN. */
const ATTRIBUTE_OIDS: ReadonlyArray<readonly [keyof SubjectFields, string]> = [
  ["country", "2.5.4.6"],
  ["state", "2.5.4.8"],
  ["locality", "2.5.4.7"],
  ["organization", "2.5.4.10"],
  ["organizationalUnit", "2.5.4.11"],
  ["commonName", "2.5.4.3"],
];

/**
 * Builds a DN from structured attributes, one single-valued RDN per attribute.
 * Values go in as `{ printableString | utf8String: value }` objects on purpose: plain
 * string values in @peculiar/x509's JSON form are run through its RFC 2253 unescaper
 * (quotes are stripped, backslashes eaten, a leading "#" read as hex), so commas,
 * quotes and "+" would not survive. Empty and missing attributes are left out.
 */
export function subjectToName(subject: SubjectFields): X509.Name {
  const rdns: X509.JsonNameParams = [];
  for (const [key, oid] of ATTRIBUTE_OIDS) {
    const value = subject[key];
    if (value === undefined || value === "") continue;
    // PrintableString where the value allows it (what Go and OpenSSL emit), else UTF8String.
    const encoded = x509.Name.isPrintableString(value) ? { printableString: value } : { utf8String: value };
    rdns.push({ [oid]: [encoded] });
  }
  return new x509.Name(rdns);
}

/**
 * Reads the subject attributes back from a DN the way cfssl's certinfo does:
 * repeated attributes are joined with ",", and of several CNs the last one wins
 * (Go's pkix.Name). A missing CN reads as "".
 */
export function nameToSubject(name: X509.Name): SubjectFields {
  const subject: SubjectFields = { commonName: "" };
  for (const [key, oid] of ATTRIBUTE_OIDS) {
    const values = name.getField(oid);
    if (values.length === 0) continue;
    if (key === "commonName") {
      subject.commonName = values[values.length - 1];
    } else {
      subject[key as OptionalSubjectKey] = values.join(",");
    }
  }
  return subject;
}
