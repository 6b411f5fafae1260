import { parseCertificatePem, type ParsedCertificate } from "../../src/x509/index.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import { probesOfKind, type CheckContext } from "./context.ts";
import { resultObject } from "./evidence.ts";

/** A 200 read whose result holds a certificate that parses. */
export interface CertificateEvidence {
  r: ProbeResult;
  result: Record<string, unknown>;
  parsed: ParsedCertificate;
}

const parsedCache = new WeakMap<object, ParsedCertificate | Error>();

/** The result's certificate, parsed once per result object (several checks look at it). */
export function parseOnce(result: Record<string, unknown>): ParsedCertificate | Error {
  let parsed = parsedCache.get(result);
  if (!parsed) {
    try {
      parsed = typeof result.certificate === "string" ? parseCertificatePem(result.certificate) : new Error(`certificate is ${JSON.stringify(result.certificate)}, not a PEM string`);
    } catch (e) {
      parsed = e as Error;
    }
    parsedCache.set(result, parsed);
  }
  return parsed;
}

/** Every 200 read with an object result (ENV-* speak for the others). */
export function readResults(ctx: CheckContext): { r: ProbeResult; result: Record<string, unknown> }[] {
  const out: { r: ProbeResult; result: Record<string, unknown> }[] = [];
  for (const r of probesOfKind(ctx, "read")) {
    const res = r.exchange.response;
    if (!res || r.exchange.error || res.status !== 200) continue;
    const result = resultObject(res);
    if (result) out.push({ r, result });
  }
  return out;
}

/** Every 200 read whose result holds a certificate that parses (X509-CERTIFICATE-PARSES speaks for the rest). */
export function certificates(ctx: CheckContext): CertificateEvidence[] {
  const out: CertificateEvidence[] = [];
  for (const { r, result } of readResults(ctx)) {
    const parsed = parseOnce(result);
    if (!(parsed instanceof Error)) out.push({ r, result, parsed });
  }
  return out;
}
