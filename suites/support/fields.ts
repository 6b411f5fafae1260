/**
 * Reading the fields the checks judge, as RFC 9110 defines them (and no more leniently).
 */

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** RFC 9110 §5.6.7: IMF-fixdate = day-name "," SP date1 SP time-of-day SP GMT, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** Why `value` is not an IMF-fixdate of a real instant (with the right day name), or undefined when it is. */
export function imfFixdateProblem(value: string): string | undefined {
  const m = IMF_FIXDATE.exec(value.trim());
  if (!m) return "is not an IMF-fixdate (Sun, 06 Nov 1994 08:49:37 GMT)";
  const [, day, dd, mon, yyyy, hh, mi, ss] = m;
  const month = MONTHS.indexOf(mon!);
  const t = Date.UTC(Number(yyyy), month, Number(dd), Number(hh), Number(mi), Number(ss));
  const d = new Date(t);
  // A leap second (:60) is allowed by the grammar; any other out-of-range field is not a real instant.
  const secondOk = Number(ss) <= 59 || (Number(ss) === 60 && Number(hh) === 23 && Number(mi) === 59);
  if (d.getUTCMonth() !== month || d.getUTCDate() !== Number(dd) || Number(hh) > 23 || Number(mi) > 59 || !secondOk) return "names no real instant";
  if (Number(ss) <= 59 && DAYS[d.getUTCDay()] !== day) return `says ${day}, but that date is a ${DAYS[d.getUTCDay()]}`;
  return undefined;
}

/**
 * Whether a content coding is acceptable under an Accept-Encoding value (RFC 9110 §12.5.3): listed
 * (or `*`) with a qvalue above 0; `identity` needs nothing. Names compare case-insensitively.
 */
export function acceptedCodings(acceptEncoding: string): (coding: string) => boolean {
  const weights = new Map<string, number>();
  for (const item of acceptEncoding.split(",")) {
    const [name, ...params] = item.split(";").map((s) => s.trim());
    if (!name) continue;
    const q = params.find((p) => /^q=/i.test(p));
    weights.set(name.toLowerCase(), q ? Number(q.slice(2)) : 1);
  }
  return (coding) => {
    const c = coding.toLowerCase() === "x-gzip" ? "gzip" : coding.toLowerCase();
    const q = weights.get(c) ?? (c === "gzip" ? weights.get("x-gzip") : undefined) ?? weights.get("*");
    return q !== undefined && q > 0;
  };
}

/** The directives of a Cache-Control value, names lower-cased, with their arguments (RFC 9111 §5.2). */
export function cacheDirectives(value: string | undefined): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const part of (value ?? "").split(",")) {
    const [name, arg] = part.split("=", 2).map((s) => s.trim());
    if (name) out.set(name.toLowerCase(), arg?.replace(/^"|"$/g, ""));
  }
  return out;
}

/** The error codes of a failure envelope's `errors`, as a client compares refusals: sorted, nested `error_chain` codes included. */
export function errorCodesOf(body: unknown): string {
  const codes: unknown[] = [];
  const walk = (items: unknown) => {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      if (item && typeof item === "object") {
        codes.push((item as { code?: unknown }).code);
        walk((item as { error_chain?: unknown }).error_chain);
      }
    }
  };
  walk(body && typeof body === "object" ? (body as { errors?: unknown }).errors : undefined);
  return JSON.stringify(codes.map((c) => JSON.stringify(c)).sort());
}

/** The `t` (seconds to reset) of a RateLimit field (`"default";r=0;t=30`, the IETF draft as Cloudflare sends it), if it has one. */
export function rateLimitReset(value: string | undefined): number | undefined {
  const t = value ? /(?:^|;)\s*t=(\d+)\s*(?:;|,|$)/.exec(value) : null;
  return t ? Number(t[1]) : undefined;
}
