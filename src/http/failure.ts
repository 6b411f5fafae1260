/**
 * What kind of failure ended an attempt without a complete response, said so that a report and the
 * summary line name the cause (a timeout after N ms, a reset, an answer that is not HTTP...).
 */
import type { ExchangeError } from "./types.ts";

/** What is known of the attempt when it failed. */
export interface FailureContext {
  timeoutMs: number;
  /** The per-attempt deadline ran out. */
  timedOut: boolean;
  /** The run stopped the attempt (`--max-time`, a signal): why. */
  stopped?: string;
  /** The status line and headers had arrived. */
  headersArrived: boolean;
  /** Body bytes received before the failure. */
  bodyBytes: number;
  /** `Content-Length` of the response, when it declared one and the body is not content-encoded. */
  declaredLength?: number;
}

/**
 * The codes OpenSSL and node:tls give a certificate the client does not trust: retrying cannot
 * change the answer, and the fix is on the user's side (trust the CA, or skip verification).
 */
const TLS_VERIFICATION = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN", "CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID", "CERT_UNTRUSTED", "CERT_REJECTED", "CERT_REVOKED",
  "CERT_SIGNATURE_FAILURE", "CERT_CHAIN_TOO_LONG", "INVALID_CA", "INVALID_PURPOSE", "PATH_LENGTH_EXCEEDED", "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID", "UNABLE_TO_DECRYPT_CERT_SIGNATURE", "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY", "ERROR_IN_CERT_NOT_BEFORE_FIELD",
  "ERROR_IN_CERT_NOT_AFTER_FIELD",
]);

/** What to do about an untrusted certificate (`--ca` and `--insecure` are the run's TLS flags). */
export const TLS_TRUST_HINT = "pass --ca FILE with the CA that signed it, or --insecure to skip verification";

const REFUSED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
const RESET = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

/** The codes (`ECONNRESET`, `HPE_INVALID_CONSTANT`, `UND_ERR_SOCKET`...) and names along an error's cause chain. */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    codes.push(current.name);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** A one-line description of a network error, with the OS/undici code where there is one. */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [error.message];
  let cause: unknown = (error as { cause?: unknown }).cause;
  for (let depth = 0; cause instanceof Error && depth < 3; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    parts.push(typeof code === "string" ? `${code}: ${cause.message}` : cause.message);
    cause = (cause as { cause?: unknown }).cause;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && !error.message.includes(code)) parts.push(code);
  return parts.join(" / ");
}

/** The kind and one-line message of a failed attempt. */
export function classifyFailure(error: unknown, ctx: FailureContext): ExchangeError {
  const partial = ctx.headersArrived ? ` (headers and ${ctx.bodyBytes} body bytes arrived, the body did not finish)` : "";
  if (ctx.stopped !== undefined) return { kind: "stopped", message: `stopped before a complete response: ${ctx.stopped}` };
  if (ctx.timedOut) return { kind: "timeout", message: `timed out after ${ctx.timeoutMs} ms: no complete response${partial}` };
  const codes = codesOf(error);
  const detail = describeNetworkError(error);
  const untrusted = codes.find((c) => TLS_VERIFICATION.has(c));
  if (untrusted) return { kind: "tls", message: `the target's TLS certificate is not trusted (${untrusted}: ${detail}): ${TLS_TRUST_HINT}` };
  // A server asking for a client certificate ends the handshake with an alert (TLS 1.3: "certificate required").
  if (/certificate required|handshake failure|alert number 116|ALERT_CERTIFICATE_REQUIRED|SSLV3_ALERT_HANDSHAKE_FAILURE/i.test(`${detail} ${codes.join(" ")}`)) {
    return { kind: "tls", message: `the target's TLS handshake failed, it asks for a client certificate (${detail}): pass --cert FILE --key FILE` };
  }
  if (codes.some((c) => c.startsWith("HPE_") || c === "HTTPParserError")) {
    return { kind: "not-http", message: `the answer is not HTTP/1.1: ${detail}` };
  }
  if (ctx.headersArrived && ctx.declaredLength !== undefined && ctx.bodyBytes < ctx.declaredLength) {
    return { kind: "truncated", message: `the body ended after ${ctx.bodyBytes} of its declared ${ctx.declaredLength} bytes (Content-Length): ${detail}` };
  }
  if (codes.some((c) => REFUSED.has(c))) return { kind: "refused", message: `nothing answered: ${detail}` };
  if (codes.some((c) => RESET.has(c)) || /socket hang up|other side closed|terminated|aborted|closed before/i.test(detail)) {
    return { kind: "reset", message: `the connection was reset or closed before a complete response${partial}: ${detail}` };
  }
  return { kind: "network", message: `${ctx.headersArrived ? "response body failed: " : ""}${detail}` };
}

/** `Content-Length` as a number, unless the body is content-encoded (the length is then of the encoded bytes). */
export function declaredLengthOf(headers: Record<string, string>): number | undefined {
  const encoding = headers["content-encoding"];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== "identity") return undefined;
  const value = headers["content-length"];
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}
