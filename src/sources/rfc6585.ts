/**
 * RFC 6585, Additional HTTP Status Codes, §4: 429 Too Many Requests, the answer the burst at the
 * end of URL runs asks for (Cloudflare's rate limit answers it too). Quoted from the RFC text.
 */
import type { SourceStatement } from "./types.ts";

export const RFC6585: SourceStatement[] = [
  {
    id: "RFC6585-4-429-MEANING", source: "rfc6585", section: "4",
    quote: "The 429 status code indicates that the user has sent too many requests in a given amount of time (\"rate limiting\").",
    requirements: ["HTTP-EVERY-REQUEST-ANSWERED"],
  },
  {
    id: "RFC6585-4-429-EXPLAINED", source: "rfc6585", section: "4",
    quote: "The response representations SHOULD include details explaining the condition, and MAY include a Retry-After header indicating how long to wait before making a new request.",
    requirements: ["ERR-REQUIRED-MEMBERS", "ERR-ERRORS-NONEMPTY", "HTTP-RETRY-AFTER-VALID"],
  },
  {
    id: "RFC6585-4-HOW-COUNTED", source: "rfc6585", section: "4",
    quote: "Note that this specification does not define how the origin server identifies the user, nor how it counts requests.",
    unchecked: { kind: "out-of-scope", why: "the server's latitude: the burst only looks at the 429s that come, not at when they start" },
  },
  {
    id: "RFC6585-4-429-NOT-STORED", source: "rfc6585", section: "4",
    quote: "Responses with the 429 status code MUST NOT be stored by a cache.",
    unchecked: { kind: "out-of-scope", why: "binds caches; an origin's 429 needs no directive for it (HTTP-CACHE-PRIVATE judges the 200s of reads)" },
  },
];
