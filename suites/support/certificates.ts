import { parseCertificatePem, parseCsrPem, type ParsedCertificate, type ParsedCsr } from "../../src/x509/index.ts";
import type { ExchangeResponse } from "../../src/http/index.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import { probesOfKind, type CheckContext } from "./context.ts";
import { resultObject, shown } from "./evidence.ts";

/** A 200 read whose result holds a certificate that parses. */
export interface CertificateEvidence {
  r: ProbeResult;
  result: Record<string, unknown>;
  parsed: ParsedCertificate;
}

/** Most PEM texts a process keeps parsed (a run reads a few certificates, each several times). */
const MAX_CACHED = 512;

/** Every memoised parse's cache (see `forgetParsedTexts`). */
const caches: Map<string, unknown>[] = [];

/**
 * Empties what the parses remember: a run judging in a thread warmed first on made-up answers
 * (checks-thread.ts) judges its own evidence as if from the start.
 */
export function forgetParsedTexts(): void {
  for (const cache of caches) cache.clear();
}

/** `parse(text)`, remembered by text: parsing a certificate takes milliseconds, and every read of it carries the same PEM. */
function memoised<T>(parse: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  caches.push(cache);
  return (text) => {
    if (cache.has(text)) return cache.get(text)!;
    const value = parse(text);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a bound on memory, not on what is judged
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(text, value);
    return value;
  };
}

const parseCertificateText = memoised((pem): ParsedCertificate | Error => {
  try {
    return parseCertificatePem(pem);
  } catch (e) {
    return e as Error;
  }
});

/** The result's certificate, parsed (the same text is parsed once: several checks, and every read, look at it). */
export function parseOnce(result: Record<string, unknown>): ParsedCertificate | Error {
  return typeof result.certificate === "string" ? parseCertificateText(result.certificate) : new Error(`certificate is ${shown(result.certificate)}, not a PEM string`);
}

/** A CSR's text parsed, or undefined when it is not a PKCS#10 request that parses. */
export const parseCsrOnce = memoised((pem): ParsedCsr | undefined => {
  try {
    return parseCsrPem(pem);
  } catch {
    return undefined;
  }
});

/** SHA-256 of the public key of a CSR's text, or undefined when it is not a PKCS#10 request that parses. */
export const csrPublicKeyOf = (pem: string): string | undefined => parseCsrOnce(pem)?.publicKeySha256Hex;

/**
 * Parses the certificate and the CSR an answer's result holds, ahead of the checks (which then
 * find them parsed): what the thread judging a run does while the probes are still being sent.
 */
export function parseAhead(response: ExchangeResponse): { certificate?: ParsedCertificate | Error; csr?: ParsedCsr } {
  const result = resultObject(response);
  if (!result) return {};
  const csr = typeof result.csr === "string" ? parseCsrOnce(result.csr) : undefined;
  return { certificate: parseOnce(result), ...(csr ? { csr } : {}) };
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
