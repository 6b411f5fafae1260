/**
 * Cloudflare's published v4 API conventions, as they bear on this operation: JSON answers in the
 * success/errors/messages/result envelope, the two credential schemes, identifiers, and the rate
 * limit. Quoted from developers.cloudflare.com (fundamentals/api, the API reference's common
 * response and security sections) and the v4 documentation at api.cloudflare.com. The
 * operation's own OpenAPI document is catalogued apart, from the loaded document.
 */
import type { SourceStatement } from "./types.ts";

export const CLOUDFLARE: SourceStatement[] = [
  // the API as a whole
  {
    id: "CLOUDFLARE-API-JSON-RESPONSES", source: "cloudflare", section: "api.cloudflare.com (Getting started)",
    quote: "The Cloudflare API is a RESTful API based on HTTPS requests and JSON responses.",
    requirements: ["HTTP-JSON-CONTENT-TYPE", "HTTP-JSON-BODY"],
  },
  {
    id: "CLOUDFLARE-API-BASE-URL", source: "cloudflare", section: "fundamentals/api/how-to/make-api-calls",
    quote: "Every Cloudflare API element is fixed to a version number. The latest version is Version 4. The stable base URL for all Version 4 HTTPS endpoints is: https://api.cloudflare.com/client/v4/",
    unchecked: { kind: "out-of-scope", why: "the base URL and its scheme are the run's target, chosen by whoever runs it (a local reference server speaks plain HTTP)" },
  },
  // the envelope
  {
    id: "CLOUDFLARE-RESPONSE-ENVELOPE", source: "cloudflare", section: "API reference: api-response-common",
    quote: "\"required\": [ \"success\", \"errors\", \"messages\", \"result\" ]",
    requirements: ["ENV-REQUIRED-MEMBERS", "ERR-REQUIRED-MEMBERS"],
  },
  {
    id: "CLOUDFLARE-RESPONSE-SUCCESS", source: "cloudflare", section: "API reference: api-response-common",
    quote: "\"success\": { \"description\": \"Whether the API call was successful\", \"enum\": [ true ], \"type\": \"boolean\" }",
    requirements: ["ENV-SUCCESS-TRUE", "ERR-SUCCESS-FALSE"],
  },
  {
    id: "CLOUDFLARE-RESPONSE-FAILURE", source: "cloudflare", section: "API reference: api-response-common-failure",
    quote: "\"result\": { \"enum\": [ null ], \"nullable\": true, \"type\": \"object\" }, \"success\": { \"description\": \"Whether the API call was successful\", \"enum\": [ false ] }",
    requirements: ["ERR-RESULT-NULL", "ERR-SUCCESS-FALSE"],
  },
  {
    id: "CLOUDFLARE-RESPONSE-INFO-ITEMS", source: "cloudflare", section: "API reference (Returns)",
    quote: "errors: array of ResponseInfo { code, message, documentation_url, source } code: number minimum1000 message: string … messages: array of ResponseInfo { code, message, documentation_url, source }",
    requirements: ["ENV-ERRORS-ITEMS", "ENV-MESSAGES-ITEMS", "ERR-ITEMS-SHAPE"],
  },
  {
    id: "CLOUDFLARE-RESPONSE-INFO-OPTIONAL-MEMBERS", source: "cloudflare", section: "API reference (Returns)",
    quote: "documentation_url: optional string source: optional { pointer } pointer: optional string",
    requirements: ["ENV-ERRORS-ITEMS", "ERR-ITEMS-SHAPE"],
  },
  // credentials
  {
    id: "CLOUDFLARE-AUTH-BEARER-TOKEN", source: "cloudflare", section: "fundamentals/api/how-to/make-api-calls",
    quote: "Once you create your API token, all API requests are authorized in the same way. Cloudflare uses the RFC standard Authorization: Bearer <API_TOKEN> interface.",
    requirements: ["AUTH-TOKEN-ACCEPTED", "AUTH-SYNTAX-ACCEPTED"],
  },
  {
    id: "CLOUDFLARE-AUTH-TOKEN-PREFERRED", source: "cloudflare", section: "API reference (Security)",
    quote: "API Token: The preferred authorization scheme for interacting with the Cloudflare API. … Example: Authorization: Bearer Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY",
    requirements: ["AUTH-TOKEN-ACCEPTED", "AUTH-TOKEN-WRONG-REFUSED", "AUTH-TOKEN-NEAR-MISS-REFUSED"],
  },
  {
    id: "CLOUDFLARE-AUTH-EMAIL-AND-KEY", source: "cloudflare", section: "API reference (Security)",
    quote: "API Email + API Key: The previous authorization scheme for interacting with the Cloudflare API, used in conjunction with a Global API key. Example: X-Auth-Email: user@example.com",
    requirements: ["AUTH-KEY-ACCEPTED", "AUTH-EMAIL-WITHOUT-KEY-REFUSED", "AUTH-KEY-WRONG-REFUSED"],
  },
  {
    id: "CLOUDFLARE-AUTH-X-AUTH-KEY", source: "cloudflare", section: "API reference (Security)",
    quote: "The previous authorization scheme for interacting with the Cloudflare API. When possible, use API tokens instead of Global API keys. Example: X-Auth-Key: 144c9defac04969c7bfad8efaa8ea194",
    requirements: ["AUTH-KEY-ACCEPTED", "AUTH-KEY-WRONG-REFUSED", "AUTH-MALFORMED-REFUSED", "AUTH-MISPLACED-REFUSED"],
  },
  {
    id: "CLOUDFLARE-AUTH-PERMISSIONS", source: "cloudflare", section: "API reference (Security)",
    quote: "Accepted Permissions (at least one required)",
    unchecked: { kind: "not-observable", why: "GAP: no probe uses a valid token lacking #ssl:read, or scoped to another zone (needs a second configured token; --other-zone reads a zone the same credentials may read)" },
  },
  {
    id: "CLOUDFLARE-AUTH-NO-PLAINTEXT-SECRET", source: "cloudflare", section: "fundamentals/api/how-to/make-api-calls",
    quote: "Never send or store your API token secret in plaintext.",
    unchecked: { kind: "client-side", why: "binds the user; the suite redacts credentials in its evidence (the server's echo is AUTH-SECRET-NOT-ECHOED)" },
  },
  {
    id: "CLOUDFLARE-AUTH-GLOBAL-KEY-LEGACY", source: "cloudflare", section: "fundamentals/api/get-started/keys",
    quote: "Global API key is the previous authorization scheme for interacting with the Cloudflare API. When possible, use API tokens instead of Global API key.",
    unchecked: { kind: "client-side", why: "advice to users; the server must still honour the key where the operation's security lists it (AUTH-KEY-ACCEPTED)" },
  },
  // identifiers
  {
    id: "CLOUDFLARE-IDS-MAXLENGTH-32", source: "cloudflare", section: "API reference (Body Parameters)",
    quote: "id: optional string Identifier maxLength32",
    requirements: ["ID-RESULT-MAXLENGTH", "ID-MAXLENGTH-ZONE", "ID-MAXLENGTH-CERTIFICATE"],
  },
  // rate limits
  {
    id: "CLOUDFLARE-LIMITS-1200-PER-5-MINUTES", source: "cloudflare", section: "fundamentals/api/reference/limits",
    quote: "The global rate limit for the Cloudflare API is 1,200 requests per five minute period per user, and applies cumulatively regardless of whether the request is made via the dashboard, API key, or API token.",
    unchecked: { kind: "client-side", why: "binds the caller: a live run paces its requests (--rate) to stay well inside it and sends no burst (the burst at the end of URL runs goes past a target's limit on purpose)" },
  },
  {
    id: "CLOUDFLARE-LIMITS-PER-IP", source: "cloudflare", section: "fundamentals/api/reference/limits",
    quote: "Client API per IP | 200/second",
    unchecked: { kind: "client-side", why: "binds the caller; the suite's rate stays far below" },
  },
  {
    id: "CLOUDFLARE-LIMITS-429", source: "cloudflare", section: "fundamentals/api/reference/limits",
    quote: "If you exceed this limit, all API calls for the next five minutes will be blocked, receiving a HTTP 429 - Too Many Requests response.",
    requirements: ["HTTP-EVERY-REQUEST-ANSWERED", "HTTP-EXISTING-200", "ERR-REQUIRED-MEMBERS", "HTTP-JSON-CONTENT-TYPE"],
  },
  {
    id: "CLOUDFLARE-LIMITS-RETRY-AFTER", source: "cloudflare", section: "fundamentals/api/reference/limits",
    quote: "retry-after: The number of seconds, rounded up, until more capacity is available.",
    requirements: ["HTTP-RETRY-AFTER-VALID", "HTTP-RETRY-AFTER-AGREES"],
  },
  {
    id: "CLOUDFLARE-LIMITS-RETRY-AFTER-ONLY-ON-LIMIT", source: "cloudflare", section: "fundamentals/api/reference/limits",
    quote: "Note, this header is only returned when the request has exceeded the rate limit.",
    unchecked: { kind: "not-observable", why: "GAP: HTTP-RETRY-AFTER-VALID checks the syntax of a Retry-After wherever it is; one on a 200 or on a refusal other than 429 is not flagged, nor a 429 of the burst without one" },
  },
  {
    id: "CLOUDFLARE-LIMITS-RATELIMIT-HEADERS", source: "cloudflare", section: "fundamentals/api/reference/limits",
    quote: "Ratelimit: List of service limit items, composed of the limit name, the remaining quota (r) and the time next window resets (t). For example: \"default\";r=50;t=30 … Ratelimit-Policy: … For example: \"burst\";q=100;w=60",
    requirements: ["HTTP-RETRY-AFTER-AGREES"],
  },
  {
    id: "CLOUDFLARE-LIMITS-SDK-BACKOFF", source: "cloudflare", section: "fundamentals/api/reference/limits",
    quote: "Cloudflare's SDKs will also automatically work with the headers and back off in response to rate limits.",
    unchecked: { kind: "client-side", why: "binds clients; the suite waits out a Retry-After (capped) before it retries" },
  },
];
