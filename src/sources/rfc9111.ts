/**
 * RFC 9111, HTTP Caching: what lets a shared cache store the answer to an authenticated read,
 * and the directives that forbid it. Quoted from the RFC text (§3, §3.5, §5.2.2). The credentials
 * of this operation travel in Authorization (the token) or in X-Auth-Key (the key), which §3.5
 * does not protect: the answer's own directives must.
 */
import type { SourceStatement } from "./types.ts";

export const RFC9111: SourceStatement[] = [
  // §3 storing responses
  {
    id: "RFC9111-3-SHARED-CACHE-AUTHORIZATION", source: "rfc9111", section: "3",
    quote: "if the cache is shared: the Authorization header field is not present in the request (see Section 11.6.2 of [HTTP]) or a response directive is present that explicitly allows shared caching (see Section 3.5)",
    requirements: ["HTTP-CACHE-PRIVATE"],
  },
  // §3.5 storing responses to authenticated requests
  {
    id: "RFC9111-3.5-AUTHORIZATION-NOT-SHARED", source: "rfc9111", section: "3.5",
    quote: "A shared cache MUST NOT use a cached response to a request with an Authorization header field (Section 11.6.2 of [HTTP]) to satisfy any subsequent request unless the response contains a Cache-Control field with a response directive (Section 5.2.2) that allows it to be stored by a shared cache",
    requirements: ["HTTP-CACHE-PRIVATE"],
  },
  {
    id: "RFC9111-3.5-DIRECTIVES-THAT-SHARE", source: "rfc9111", section: "3.5",
    quote: "In this specification, the following response directives have such an effect: must-revalidate (Section 5.2.2.2), public (Section 5.2.2.9), and s-maxage (Section 5.2.2.10).",
    unchecked: { kind: "not-observable", why: "GAP: HTTP-CACHE-PRIVATE flags public and s-maxage on an authenticated read's 200, but not must-revalidate, which shares it too" },
  },
  // §5.2.2 response directives
  {
    id: "RFC9111-5.2.2.5-NO-STORE", source: "rfc9111", section: "5.2.2.5",
    quote: "The no-store response directive indicates that a cache MUST NOT store any part of either the immediate request or the response and MUST NOT use the response to satisfy any other request.",
    requirements: ["HTTP-CACHE-PRIVATE"],
  },
  {
    id: "RFC9111-5.2.2.7-PRIVATE", source: "rfc9111", section: "5.2.2.7",
    quote: "The unqualified private response directive indicates that a shared cache MUST NOT store the response (i.e., the response is intended for a single user).",
    requirements: ["HTTP-CACHE-PRIVATE"],
  },
  {
    id: "RFC9111-5.2.2.9-PUBLIC", source: "rfc9111", section: "5.2.2.9",
    quote: "The public response directive indicates that a cache MAY store the response even if it would otherwise be prohibited, subject to the constraints defined in Section 3. In other words, public explicitly marks the response as cacheable.",
    requirements: ["HTTP-CACHE-PRIVATE"],
  },
  {
    id: "RFC9111-5.2.2.10-S-MAXAGE", source: "rfc9111", section: "5.2.2.10",
    quote: "The s-maxage response directive indicates that, for a shared cache, the maximum age specified by this directive overrides the maximum age specified by either the max-age directive or the Expires header field.",
    requirements: ["HTTP-CACHE-PRIVATE"],
  },
];
