import type { ExchangeResponse } from "../../src/http/index.ts";
import type { ProbeResult } from "../../src/run/execute.ts";

/** The body as JSON, or why it is not (an HTML page, truncated JSON, an empty body). */
export type JsonBody = { ok: true; value: unknown } | { ok: false; why: string };

const parsedBodies = new WeakMap<ExchangeResponse, JsonBody>();

export function jsonBody(response: ExchangeResponse): JsonBody {
  let parsed = parsedBodies.get(response);
  if (!parsed) {
    try {
      parsed = { ok: true, value: JSON.parse(response.body) };
    } catch (e) {
      const start = response.body.trimStart().slice(0, 1);
      const why = response.body.trim() === "" ? "the body is empty"
        : start === "<" ? "the body is HTML or XML, not JSON"
        : `the body is not complete JSON (${(e as Error).message})`;
      parsed = { ok: false, why };
    }
    parsedBodies.set(response, parsed);
  }
  return parsed;
}

/** application/json, with or without parameters (charset). */
export function isJsonContentType(response: ExchangeResponse): boolean {
  const type = response.headers["content-type"];
  return type !== undefined && /^application\/json\s*(;|$)/i.test(type.trim());
}

export const is2xx = (r: ExchangeResponse) => r.status >= 200 && r.status < 300;
export const is4xx = (r: ExchangeResponse) => r.status >= 400 && r.status < 500;

/** True when the response carries anything of a certificate (a refusal must not). */
export function carriesCertificateData(response: ExchangeResponse): boolean {
  return /-----BEGIN CERTIFICATE|fingerprint_sha256|"serial_number"/.test(response.body);
}

/** The 200 body's result object, when the body is JSON with an object result. */
export function resultObject(response: ExchangeResponse): Record<string, unknown> | undefined {
  const body = jsonBody(response);
  if (!body.ok || body.value === null || typeof body.value !== "object") return undefined;
  const result = (body.value as { result?: unknown }).result;
  return result !== null && typeof result === "object" && !Array.isArray(result) ? (result as Record<string, unknown>) : undefined;
}

export function describeProbe(r: ProbeResult): string {
  return `${r.probe.label} (${r.exchange.request.method} ${r.probe.path.length > 90 ? r.probe.path.slice(0, 89) + "…" : r.probe.path})`;
}
