import type { ResultInfo } from "./envelopes.ts";
import type { StoredCertificate } from "./store.ts";

/** The list operation's status filter (Cloudflare: "all" or one status). */
export const LIST_STATUSES = ["all", "active", "pending_reactivation", "pending_revocation", "revoked"] as const;
export const DEFAULT_PER_PAGE = 20;
export const MIN_PER_PAGE = 5;
export const MAX_PER_PAGE = 50;

export type ListPage = { items: readonly StoredCertificate[]; info: ResultInfo } | { invalid: string; why: string };

function positiveInt(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number | { invalid: string; why: string } {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) return { invalid: name, why: "not a whole number" };
  const n = Number(raw);
  if (n < min || n > max) return { invalid: name, why: `must be from ${min} to ${max}` };
  return n;
}

/**
 * One page of `GET /zones/{zone}/client_certificates`: `status` (default all), `page`
 * (from 1), `per_page` (5 to 50, default 20), as Cloudflare documents the list; `limit`
 * and `offset` are accepted and ignored. A page past the end is empty, not an error.
 */
export function listPage(all: readonly StoredCertificate[], query: URLSearchParams): ListPage {
  const status = query.get("status") ?? "all";
  if (!(LIST_STATUSES as readonly string[]).includes(status)) return { invalid: "status", why: `must be one of ${LIST_STATUSES.join(", ")}` };
  const page = positiveInt(query, "page", 1, 1, 1_000_000);
  if (typeof page !== "number") return page;
  const perPage = positiveInt(query, "per_page", DEFAULT_PER_PAGE, MIN_PER_PAGE, MAX_PER_PAGE);
  if (typeof perPage !== "number") return perPage;
  const matching = status === "all" ? all : all.filter((c) => c.status === status);
  const items = matching.slice((page - 1) * perPage, page * perPage);
  return {
    items,
    info: { page, per_page: perPage, count: items.length, total_count: matching.length, total_pages: Math.max(1, Math.ceil(matching.length / perPage)) },
  };
}
