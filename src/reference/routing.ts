import { CLOUDFLARE_ID } from "./config.ts";

/** Every path the reference serves starts here (Cloudflare's API v4 base path). */
export const BASE_PATH = "/client/v4";

export type Operation = "details" | "list" | "zones";
export type IdPosition = "zone" | "certificate";

/** One identifier of the path: as sent (still percent-encoded) and decoded (undefined if the encoding is broken). */
export interface PathId {
  raw: string;
  value: string | undefined;
}

export type RouteMatch =
  | { kind: "route"; operation: "details"; zone: PathId; certificate: PathId; path: string; query: URLSearchParams }
  | { kind: "route"; operation: "list"; zone: PathId; path: string; query: URLSearchParams }
  | { kind: "route"; operation: "zones"; path: string; query: URLSearchParams }
  | { kind: "no-route"; path: string };

function decode(raw: string): PathId {
  try {
    return { raw, value: decodeURIComponent(raw) };
  } catch {
    return { raw, value: undefined };
  }
}

/** The request target's path and query, also for the absolute form (`GET http://host/path`). */
function splitTarget(target: string): { path: string; search: string } {
  let rest = target;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || "/";
  const hash = rest.indexOf("#");
  if (hash !== -1) rest = rest.slice(0, hash);
  const q = rest.indexOf("?");
  return q === -1 ? { path: rest, search: "" } : { path: rest.slice(0, q), search: rest.slice(q + 1) };
}

/**
 * Matches a raw request target (as sent: no dot-segment folding, no decoding before
 * splitting, so `%2F` stays inside one identifier and `..` is an identifier, not a step up).
 * `path` in the answer is the target's path below the base path, as Cloudflare echoes it in 7003.
 */
export function matchRoute(target: string): RouteMatch {
  const { path: fullPath, search } = splitTarget(target);
  if (fullPath !== BASE_PATH && !fullPath.startsWith(`${BASE_PATH}/`)) return { kind: "no-route", path: fullPath };
  const path = fullPath.slice(BASE_PATH.length) || "/";
  const segments = path.split("/").slice(1);
  let query: URLSearchParams;
  try {
    query = new URLSearchParams(search);
  } catch {
    query = new URLSearchParams();
  }
  if (path === "/zones") return { kind: "route", operation: "zones", path, query };
  if (segments[0] !== "zones" || segments[2] !== "client_certificates") return { kind: "no-route", path };
  if (segments.length === 3) return { kind: "route", operation: "list", zone: decode(segments[1]), path, query };
  if (segments.length === 4) return { kind: "route", operation: "details", zone: decode(segments[1]), certificate: decode(segments[3]), path, query };
  return { kind: "no-route", path };
}

/** How an identifier fares against Cloudflare's format: `overlong` wins over `malformed` (both are 7003). */
export type IdVerdict = "valid" | "overlong" | "malformed";

/** Length in code points, as JSON Schema's maxLength counts. */
function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function classifyId(id: PathId): IdVerdict {
  const text = id.value ?? id.raw;
  if (codePoints(text) > 32) return "overlong";
  return id.value !== undefined && CLOUDFLARE_ID.test(id.value) ? "valid" : "malformed";
}
