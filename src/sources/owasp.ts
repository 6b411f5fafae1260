/**
 * OWASP API Security Top 10 (2023): each item's statements that bear on an authenticated read
 * of one object, and the items that do not apply, each with its reason. Quoted from
 * github.com/OWASP/API-Security, editions/2023/en (0xa1…0xaa).
 */
import type { SourceStatement } from "./types.ts";

export const OWASP: SourceStatement[] = [
  // API1 broken object level authorization
  {
    id: "OWASP-API1-OBJECT-LEVEL-CHECKS", source: "owasp", section: "API1:2023",
    quote: "Every API endpoint that receives an ID of an object, and performs any action on the object, should implement object-level authorization checks.",
    requirements: ["ID-ZONE-SCOPED", "ID-EXISTENCE-HIDDEN"],
  },
  {
    id: "OWASP-API1-ID-MANIPULATION", source: "owasp", section: "API1:2023",
    quote: "In the case of BOLA, it's by design that the user will have access to the vulnerable API endpoint/function. The violation happens at the object level, by manipulating the ID.",
    requirements: ["ID-UNKNOWN-REFUSED", "ID-ZONE-SCOPED", "ID-MALFORMED-REFUSED"],
  },
  {
    id: "OWASP-API1-LOGGED-IN-USER", source: "owasp", section: "API1:2023",
    quote: "The checks should validate that the logged-in user has permissions to perform the requested action on the requested object.",
    unchecked: { kind: "not-observable", why: "GAP: no probe reads the zone's certificate with the credentials of a user who has no access to that zone (needs a second account); the second zone (--other-zone, ID-ZONE-SCOPED) is one the same user may read, so it tests the object against the path, not the user's permission" },
  },
  {
    id: "OWASP-API1-UNPREDICTABLE-IDS", source: "owasp", section: "API1:2023",
    quote: "Prefer the use of random and unpredictable values as GUIDs for records' IDs.",
    unchecked: { kind: "not-observable", why: "unpredictability cannot be told from the few identifiers a run reads (ID-RESULT-FORMAT checks their form)" },
  },
  // API2 broken authentication
  {
    id: "OWASP-API2-TOKEN-AUTHENTICITY", source: "owasp", section: "API2:2023",
    quote: "An API is vulnerable if it: … Doesn't validate the authenticity of tokens.",
    requirements: ["AUTH-TOKEN-WRONG-REFUSED", "AUTH-TOKEN-NEAR-MISS-REFUSED", "AUTH-KEY-WRONG-REFUSED", "AUTH-MALFORMED-REFUSED"],
  },
  {
    id: "OWASP-API2-NO-AUTHENTICATION", source: "owasp", section: "API2:2023",
    quote: "On top of that, a microservice is vulnerable if: Other microservices can access it without authentication",
    requirements: ["AUTH-MISSING-REFUSED", "AUTH-EMAIL-WITHOUT-KEY-REFUSED", "AUTH-MISPLACED-REFUSED"],
  },
  {
    id: "OWASP-API2-CREDENTIALS-IN-URL", source: "owasp", section: "API2:2023",
    quote: "Sends sensitive authentication details, such as auth tokens and passwords in the URL.",
    unchecked: { kind: "not-observable", why: "GAP: the token is not offered in the query (?access_token=) to see it refused; AUTH-MISPLACED-REFUSED tries header placements only" },
  },
  {
    id: "OWASP-API2-SECRETS-NOT-DISCLOSED", source: "owasp", section: "API2:2023",
    quote: "Authentication endpoints and flows are assets that need to be protected.",
    requirements: ["AUTH-SECRET-NOT-ECHOED", "AUTH-EXISTENCE-HIDDEN"],
  },
  {
    id: "OWASP-API2-BRUTE-FORCE", source: "owasp", section: "API2:2023",
    quote: "Permits attackers to perform a brute force attack on the same user account, without presenting captcha/account lockout mechanism.",
    unchecked: { kind: "out-of-scope", why: "a run stays under the rate limit by design; probing lockout would lock the run's own account" },
  },
  {
    id: "OWASP-API2-API-KEYS-FOR-CLIENTS", source: "owasp", section: "API2:2023",
    quote: "API keys should not be used for user authentication. They should only be used for API clients authentication.",
    unchecked: { kind: "out-of-scope", why: "a design choice of Cloudflare's API (the Global API key) the operation's document declares, not an answer's property" },
  },
  // API3 broken object property level authorization
  {
    id: "OWASP-API3-SENSITIVE-PROPERTIES", source: "owasp", section: "API3:2023",
    quote: "The API endpoint exposes properties of an object that are considered sensitive and should not be read by the user.",
    requirements: ["RESULT-NO-PRIVATE-KEY", "AUTH-SECRET-NOT-ECHOED"],
  },
  {
    id: "OWASP-API3-SCHEMA-VALIDATION", source: "owasp", section: "API3:2023",
    quote: "Implement a schema-based response validation mechanism as an extra layer of security. As part of this mechanism, define and enforce data returned by all API methods.",
    requirements: ["ENV-REQUIRED-MEMBERS", "RESULT-MEMBER-TYPES", "ERR-REQUIRED-MEMBERS", "ERR-ITEMS-SHAPE"],
  },
  {
    id: "OWASP-API3-BARE-MINIMUM", source: "owasp", section: "API3:2023",
    quote: "Keep returned data structures to the bare minimum, according to the business/functional requirements for the endpoint.",
    unchecked: { kind: "not-observable", why: "GAP: members of result the document does not list are not flagged (a should at most: Cloudflare adds members over time)" },
  },
  {
    id: "OWASP-API3-REFUSALS-CARRY-NOTHING", source: "owasp", section: "API3:2023",
    quote: "When exposing an object using an API endpoint, always make sure that the user should have access to the object's properties you expose.",
    requirements: ["AUTH-MISSING-REFUSED", "AUTH-TOKEN-WRONG-REFUSED", "AUTH-KEY-WRONG-REFUSED", "ID-ZONE-SCOPED"],
  },
  // API4 unrestricted resource consumption
  {
    id: "OWASP-API4-INPUT-SIZE", source: "owasp", section: "API4:2023",
    quote: "Define and enforce a maximum size of data on all incoming parameters and payloads, such as maximum length for strings",
    requirements: ["ID-MAXLENGTH-ZONE", "ID-MAXLENGTH-CERTIFICATE", "ID-MALFORMED-REFUSED"],
  },
  {
    id: "OWASP-API4-EXECUTION-TIMEOUTS", source: "owasp", section: "API4:2023",
    quote: "An API is vulnerable if at least one of the following limits is missing or set inappropriately (e.g. too low/high): Execution timeouts",
    requirements: ["HTTP-EVERY-REQUEST-ANSWERED", "HTTP-BODY-BOUNDED"],
  },
  {
    id: "OWASP-API4-RATE-LIMITING", source: "owasp", section: "API4:2023",
    quote: "Implement a limit on how often a client can interact with the API within a defined timeframe (rate limiting).",
    unchecked: { kind: "not-observable", why: "GAP: the burst at the end of URL runs judges the 429s that come (HTTP-RETRY-AFTER-VALID, ERR-*, HTTP-JSON-CONTENT-TYPE), but a target that answers every read of it 200 is not flagged; live runs send no burst (it would block the account's API for five minutes)" },
  },
  {
    id: "OWASP-API4-RECORDS-PER-PAGE", source: "owasp", section: "API4:2023",
    quote: "Number of records per page to return in a single request-response",
    unchecked: { kind: "out-of-scope", why: "the operation returns one object; it has no paging" },
  },
  // API5 broken function level authorization
  {
    id: "OWASP-API5-DENY-BY-DEFAULT", source: "owasp", section: "API5:2023",
    quote: "The enforcement mechanism(s) should deny all access by default, requiring explicit grants to specific roles for access to every function.",
    requirements: ["AUTH-MISSING-REFUSED", "AUTH-MISPLACED-REFUSED"],
  },
  {
    id: "OWASP-API5-FUNCTION-GRANT", source: "owasp", section: "API5:2023",
    quote: "Can a user from group X access a function that should be exposed only to users from group Y, by simply guessing the endpoint URL and parameters",
    unchecked: { kind: "not-observable", why: "GAP: no probe uses a valid token without the function's permission (#ssl:read) to see it refused" },
  },
  {
    id: "OWASP-API5-METHOD-SWITCH", source: "owasp", section: "API5:2023",
    quote: "Can a user perform sensitive actions (e.g. creation, modification, or deletion ) that they should not have access to by simply changing the HTTP method (e.g. from GET to DELETE)?",
    unchecked: { kind: "out-of-scope", why: "other methods are other operations (DELETE revokes the certificate); the suite sends only GET" },
  },
  // API6, API7 do not apply
  {
    id: "OWASP-API6-SENSITIVE-FLOWS", source: "owasp", section: "API6:2023",
    quote: "An API Endpoint is vulnerable if it exposes a sensitive business flow, without appropriately restricting the access to it.",
    unchecked: { kind: "out-of-scope", why: "a read of one certificate is no business flow (purchase, reservation, posting)" },
  },
  {
    id: "OWASP-API7-SSRF", source: "owasp", section: "API7:2023",
    quote: "Server-Side Request Forgery (SSRF) flaws occur when an API is fetching a remote resource without validating the user-supplied URL.",
    unchecked: { kind: "out-of-scope", why: "the operation takes no URL from the client" },
  },
  // API8 security misconfiguration
  {
    id: "OWASP-API8-VERBOSE-ERRORS", source: "owasp", section: "API8:2023",
    quote: "Error messages include stack traces, or expose other sensitive information",
    requirements: ["ERR-NO-INTERNALS"],
  },
  {
    id: "OWASP-API8-ERROR-SCHEMAS", source: "owasp", section: "API8:2023",
    quote: "Where applicable, define and enforce all API response payload schemas, including error responses, to prevent exception traces and other valuable information from being sent back to attackers.",
    requirements: ["ERR-REQUIRED-MEMBERS", "ERR-ITEMS-SHAPE", "ERR-NO-INTERNALS", "HTTP-NO-5XX"],
  },
  {
    id: "OWASP-API8-TLS", source: "owasp", section: "API8:2023",
    quote: "Transport Layer Security (TLS) is missing",
    unchecked: { kind: "not-observable", why: "GAP: a target given as http:// is judged like any other; plain HTTP is not flagged (a local reference server would need an exemption)" },
  },
  {
    id: "OWASP-API8-CACHE-DIRECTIVES", source: "owasp", section: "API8:2023",
    quote: "Security or cache control directives are not sent to clients",
    requirements: ["HTTP-CACHE-PRIVATE"],
  },
  {
    id: "OWASP-API8-CORS", source: "owasp", section: "API8:2023",
    quote: "A Cross-Origin Resource Sharing (CORS) policy is missing or improperly set",
    unchecked: { kind: "not-observable", why: "GAP: no probe sends Origin to see whether the answer lets any origin read it" },
  },
  {
    id: "OWASP-API8-UNIFORM-CHAIN", source: "owasp", section: "API8:2023",
    quote: "Ensure all servers in the HTTP server chain (e.g. load balancers, reverse and forward proxies, and back-end servers) process incoming requests in a uniform manner to avoid desync issues.",
    unchecked: { kind: "not-observable", why: "GAP: desync needs ambiguous requests (both Content-Length and Transfer-Encoding), which the transport never sends" },
  },
  {
    id: "OWASP-API8-UNNEEDED-VERBS", source: "owasp", section: "API8:2023",
    quote: "Be specific about which HTTP verbs each API can be accessed by: all other HTTP verbs should be disabled (e.g. HEAD).",
    // TRACE, the verb that reflects requests, is asked on URL runs; HEAD is a MUST of RFC 9110 §9.1 for a general-purpose server, and the unsafe verbs are other operations.
    requirements: ["HTTP-TRACE-REFUSED"],
  },
  // API9 improper inventory management
  {
    id: "OWASP-API9-DOCUMENT-RESPONSES", source: "owasp", section: "API9:2023",
    quote: "Document all aspects of your API such as authentication, errors, redirects, rate limiting, cross-origin resource sharing (CORS) policy, and endpoints, including their parameters, requests, and responses.",
    unchecked: { kind: "out-of-scope", why: "binds the provider's documentation; the suite judges the server against it, and spec-diff compares its revisions" },
  },
  {
    id: "OWASP-API9-OLD-VERSIONS", source: "owasp", section: "API9:2023",
    quote: "Use external protection measures such as API security specific solutions for all exposed versions of your APIs, not just for the current production version.",
    unchecked: { kind: "out-of-scope", why: "other hosts and API versions than the run's target" },
  },
  // API10 does not apply
  {
    id: "OWASP-API10-UNSAFE-CONSUMPTION", source: "owasp", section: "API10:2023",
    quote: "Always validate and properly sanitize data received from integrated APIs before using it.",
    unchecked: { kind: "out-of-scope", why: "what the server consumes from third parties is behind the interface; the operation takes nothing from one the suite can see" },
  },
];
