import type { ExchangeCase, RawResponse } from "../../../generators/index.ts";

/**
 * The HTTP and AUTH requirements stated once more, for the laws: which of them an answer
 * to `exchange` breaks.
 */

const REFUSED: Record<string, string> = {
  "refusal-missing": "AUTH-MISSING-REFUSED",
  "refusal-wrong-key": "AUTH-KEY-WRONG-REFUSED",
  "refusal-email-without-key": "AUTH-EMAIL-WITHOUT-KEY-REFUSED",
  "refusal-malformed": "AUTH-MALFORMED-REFUSED",
  "refusal-wrong-token": "AUTH-TOKEN-WRONG-REFUSED",
};

function parse(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/** The ids of the HTTP and AUTH requirements `response` to `exchange` breaks. */
export function responseBreaks(exchange: ExchangeCase, response: RawResponse): Set<string> {
  const broken = new Set<string>();
  const check = (id: string, ok: boolean) => ok || broken.add(id);
  const { status, headers, body } = response;
  const json = parse(body);
  const is4xx = status >= 400 && status < 500;
  if (status < 500) {
    check("HTTP-JSON-CONTENT-TYPE", /^application\/json\s*(;|$)/i.test(headers["content-type"]?.trim() ?? ""));
    check("HTTP-JSON-BODY", json.ok);
  }
  if (exchange === "read-key" || exchange === "read-token") {
    check("HTTP-EXISTING-200", status === 200);
    check(exchange === "read-key" ? "AUTH-KEY-ACCEPTED" : "AUTH-TOKEN-ACCEPTED", status === 200);
  } else {
    check("HTTP-NO-5XX", status < 500);
    const success = json.ok && json.value !== null && typeof json.value === "object" ? (json.value as { success?: unknown }).success : undefined;
    const carriesCertificate = /-----BEGIN CERTIFICATE|fingerprint_sha256|"serial_number"/.test(body);
    check(REFUSED[exchange], is4xx && success === false && !carriesCertificate);
    if (is4xx) check("AUTH-REFUSAL-STATUS", [400, 401, 403].includes(status));
  }
  return broken;
}
