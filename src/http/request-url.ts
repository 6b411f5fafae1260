/**
 * Building the request URL without normalising it.
 *
 * The suite sends deliberately odd ids (`%2F`, `..`, `.`); they must reach the server as written.
 * WHATWG URL parsing (which `fetch` applies) removes `.`/`..` segments, and also their encoded
 * forms `%2E`/`%2E%2E`, and turns `\` into `/`, so such URLs cannot go through `fetch` unchanged.
 */

/** `baseUrl` + `path`, joined with exactly one `/`, nothing else touched (no encoding, no `..` folding). */
export function joinUrl(baseUrl: string, path: string): string {
  const base = baseUrl.endsWith("/") ? baseUrl.slice(0, -1) : baseUrl;
  if (path === "") return base;
  return path.startsWith("/") ? base + path : `${base}/${path}`;
}

/** Checks a base URL: absolute http(s), no query or fragment. @throws TypeError saying what is wrong. */
export function assertBaseUrl(baseUrl: string): void {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`base URL is not an absolute URL: ${JSON.stringify(baseUrl)}`);
  }
  if (parsed.username || parsed.password) {
    throw new TypeError(`base URL must not carry a user name or password (${withoutUserinfo(baseUrl)}): credentials go in CLOUDFLARE_API_TOKEN or CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`base URL must be http or https: ${JSON.stringify(baseUrl)}`);
  }
  if (parsed.search || parsed.hash || baseUrl.includes("?") || baseUrl.includes("#")) {
    throw new TypeError(`base URL must not have a query or fragment: ${JSON.stringify(baseUrl)}`);
  }
}

/**
 * `url` with any `user:password@` removed, for messages and reports: a password given in a URL
 * must not be repeated anywhere. Text that is not a URL is returned with everything between `//`
 * and the last `@` of its authority cut.
 */
export function withoutUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1");
}

/** The request target (path and query) of `url` exactly as written: what follows the authority, fragment dropped. */
export function rawRequestTarget(url: string): string {
  const afterScheme = url.indexOf("//") + 2;
  const pathStart = url.slice(afterScheme).search(/[/?#]/);
  const target = pathStart === -1 ? "/" : url.slice(afterScheme + pathStart).split("#")[0]!;
  return target.startsWith("/") ? target : `/${target}`;
}

/**
 * True when `fetch` would send a different request target than `url` spells (dot segments,
 * backslashes) and the raw target can be sent as is (visible ASCII only). Such URLs go through
 * `node:http`, which sends the target verbatim, like `curl --path-as-is`. Targets with spaces or
 * non-ASCII are left to `fetch`, which percent-encodes them (callers are expected to encode).
 */
export function needsVerbatimTarget(url: string): boolean {
  const parsed = new URL(url);
  const raw = rawRequestTarget(url);
  return parsed.pathname + parsed.search !== raw && /^[\x21-\x7e]+$/.test(raw);
}
