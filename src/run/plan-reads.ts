import type { CredentialScheme } from "../http/index.ts";
import type { Probe, ProbeExpectation, ProbePlanInput, ProbePriority, ReadVariant } from "./probes.ts";

/** A read asked another legitimate way: what is sent, what must come back. */
interface VariantSpec {
  variant: ReadVariant;
  label: string;
  expect?: ProbeExpectation;
  headers?: Record<string, string>;
  withoutHeaders?: string[];
  upperCaseHeaderNames?: boolean;
  httpVersion?: "1.0";
  priority: ProbePriority;
}

/** An entity tag no server issued (RFC 9110 §8.8.3): an If-None-Match listing it is a condition that holds. */
export const UNISSUED_ENTITY_TAG = '"client-cert-conformance-unissued-tag"';

/**
 * The ways of asking for one certificate that must give the same answer (RFC 9110 §12.5.1 and
 * §12.5.3: any Accept that admits application/json, any Accept-Encoding, since the server may
 * always send identity; §5.1: field names are case-insensitive; §13.1.2: a precondition that holds
 * changes nothing), and one that may be declined (406).
 */
const VARIANTS: readonly VariantSpec[] = [
  { variant: "accept-any", label: "with Accept: */*", headers: { accept: "*/*" }, priority: 0 },
  { variant: "accept-absent", label: "with no Accept field", withoutHeaders: ["accept"], priority: 1 },
  { variant: "accept-application-any", label: "with Accept: application/*", headers: { accept: "application/*" }, priority: 1 },
  { variant: "accept-json-weighted", label: "with Accept: text/html;q=0.5, application/json;charset=utf-8;q=0.9", headers: { accept: "text/html;q=0.5, application/json;charset=utf-8;q=0.9" }, priority: 1 },
  { variant: "accept-html", label: "with Accept: text/html (200 JSON anyway, or 406)", headers: { accept: "text/html" }, expect: "200-or-406", priority: 1 },
  { variant: "encoding-gzip", label: "with Accept-Encoding: gzip", headers: { "accept-encoding": "gzip" }, priority: 0 },
  { variant: "encoding-br", label: "with Accept-Encoding: br, deflate;q=0.5", headers: { "accept-encoding": "br, deflate;q=0.5" }, priority: 1 },
  { variant: "encoding-absent", label: "with no Accept-Encoding field (any coding may come)", withoutHeaders: ["accept-encoding"], priority: 1 },
  { variant: "header-names-upper-case", label: "with every header name in upper case", upperCaseHeaderNames: true, priority: 0 },
  { variant: "encoding-gzip-refused", label: "with Accept-Encoding: gzip;q=0, identity", headers: { "accept-encoding": "gzip;q=0, identity" }, priority: 1 },
  // RFC 9110 §13.1.2: a tag the server never issued matches nothing, so the condition is true and the read is served (200, not 304).
  { variant: "if-none-match-unissued", label: `with If-None-Match: ${UNISSUED_ENTITY_TAG} (a tag no server issued: served, not 304)`, headers: { "if-none-match": UNISSUED_ENTITY_TAG }, priority: 1 },
  // RFC 9110 §2.5 / RFC 9112 §2.3: an HTTP/1.1 server answers an HTTP/1.0 client, in a message it can read.
  { variant: "http-1.0", label: "in an HTTP/1.0 request", httpVersion: "1.0", priority: 1 },
];

/** `ab12` → `%61%62%31%32`: the same identifier, each character percent-encoded (RFC 3986 §2.3: equivalent URIs). */
const percentEncodeDigits = (id: string) => [...id].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join("");

/**
 * Reads: every certificate with every configured scheme (the primary one first), the first again,
 * and the first asked every other legitimate way: each Accept and Accept-Encoding variant, header
 * names in upper case (with each scheme), two reads on one kept-alive connection, its identifier
 * percent-encoded. Variants are reads: every check of a 200 judges them, and they must agree.
 */
export function readProbes(input: ProbePlanInput, primary: CredentialScheme | undefined): Probe[] {
  const { spec, zoneId, certificateIds, schemes } = input;
  const ordered = primary ? [primary, ...schemes.filter((s) => s !== primary)] : [];
  const probes: Probe[] = [];
  const read = (certificateId: string, scheme: CredentialScheme, priority: ProbePriority, extra: Partial<Probe> = {}): Probe => ({
    key: `read:${certificateId}:${scheme}${extra.repeat ? ":again" : ""}${extra.variant ? `:${extra.variant}` : ""}`, kind: "read", priority,
    label: `${extra.repeat ? "read again" : "read"} ${certificateId} with ${scheme === "token" ? "the API token" : "the API key"}`,
    path: spec.detailsPath(zoneId, certificateId), auth: scheme, expect: "200", zoneId, certificateId, scheme, ...extra,
  });
  certificateIds.forEach((id, i) => ordered.forEach((scheme, j) => probes.push(read(id, scheme, i === 0 || (i === 1 && j === 0) ? 0 : 1))));
  const first = certificateIds[0];
  if (first === undefined || !primary) return probes;
  // The read again: its request says Connection: close (as every request but kept-alive ones does); the server must close after it.
  probes.push(read(first, primary, 0, { repeat: true, ...(input.viaProxy ? {} : { awaitClose: true }) }));

  for (const v of VARIANTS) {
    if (v.httpVersion && input.viaProxy) continue;
    const base = read(first, primary, v.priority, { variant: v.variant });
    probes.push({
      ...base, label: `${base.label}, ${v.label}`, expect: v.expect ?? "200",
      ...(v.headers ? { headers: v.headers } : {}), ...(v.withoutHeaders ? { withoutHeaders: v.withoutHeaders } : {}),
      ...(v.upperCaseHeaderNames ? { upperCaseHeaderNames: true } : {}), ...(v.httpVersion ? { httpVersion: v.httpVersion } : {}),
    });
  }
  // Header names in upper case with the other scheme too: each scheme has its own headers.
  for (const scheme of ordered.slice(1)) {
    const base = read(first, scheme, 1, { variant: "header-names-upper-case" });
    probes.push({ ...base, label: `${base.label}, with every header name in upper case`, upperCaseHeaderNames: true });
  }
  for (const [step, variant] of [[1, "keep-alive-first"], [2, "keep-alive-second"]] as const) {
    const base = read(first, primary, 0, { variant });
    probes.push({ ...base, label: `${base.label}, ${step === 1 ? "on a connection kept alive" : "again at once on the same connection"}`, connection: { group: "keep-alive", step } });
  }
  const encoded = read(first, primary, 1, { variant: "percent-encoded-digits" });
  probes.push({ ...encoded, label: `${encoded.label}, every character of its identifier percent-encoded (the same certificate, or a 4xx)`, path: spec.detailsPath(zoneId, percentEncodeDigits(first)), expect: "200-or-4xx" });
  return probes;
}
