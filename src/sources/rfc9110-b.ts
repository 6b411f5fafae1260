/**
 * RFC 9110, HTTP Semantics, §9-§15: GET, response fields (Retry-After, Server), authentication,
 * content negotiation, conditional and range requests, status codes. Quoted from rfc9110.xml/html of github.com/httpwg/http-core.
 * §2-§8 are in rfc9110-a.ts. 429 is RFC 6585's (rfc6585.ts), caching RFC 9111's (rfc9111.ts).
 */
import type { SourceStatement } from "./types.ts";

export const RFC9110_B: SourceStatement[] = [
  // §9 methods
  {
    id: "RFC9110-9.1-GET-SUPPORTED", source: "rfc9110", section: "9.1",
    quote: "All general-purpose servers MUST support the methods GET and HEAD.",
    requirements: ["HTTP-EXISTING-200"],
  },
  {
    id: "RFC9110-9.1-HEAD-SUPPORTED", source: "rfc9110", section: "9.1",
    quote: "All general-purpose servers MUST support the methods GET and HEAD. All other methods are OPTIONAL.",
    unchecked: { kind: "out-of-scope", why: "an API's origin is no general-purpose server, and OWASP API8:2023 asks HEAD off where RFC 9110 asks it on: the suite sends no HEAD and judges neither" },
  },
  {
    id: "RFC9110-9.1-UNKNOWN-METHOD", source: "rfc9110", section: "9.1",
    quote: "An origin server that receives a request method that is unrecognized or not implemented SHOULD respond with the 501 (Not Implemented) status code. … recognized and implemented, but not allowed for the target resource, SHOULD respond with the 405 (Method Not Allowed) status code.",
    // The safe methods the operation does not define are asked (not live); the unsafe ones are other operations (DELETE on this path revokes).
    requirements: ["HTTP-TRACE-REFUSED", "HTTP-ALLOW-ACCURATE"],
  },
  {
    id: "RFC9110-9.2.1-GET-SAFE", source: "rfc9110", section: "9.2.1",
    quote: "Request methods are considered safe if their defined semantics are essentially read-only … Of the request methods defined by this specification, the GET, HEAD, OPTIONS, and TRACE methods are defined to be safe.",
    requirements: ["RESULT-READS-AGREE"],
  },
  {
    id: "RFC9110-9.2.1-NO-UNSAFE-ACTION", source: "rfc9110", section: "9.2.1",
    quote: "If the purpose of such a resource is to perform an unsafe action, then the resource owner MUST disable or disallow that action when it is accessed using a safe request method.",
    unchecked: { kind: "not-observable", why: "no parameter of this operation selects an action; a side effect of a GET shows only in the server's state" },
  },
  {
    id: "RFC9110-9.2.2-GET-IDEMPOTENT", source: "rfc9110", section: "9.2.2",
    quote: "A request method is considered idempotent if the intended effect on the server of multiple identical requests with that method is the same as the effect for a single such request.",
    requirements: ["RESULT-READS-AGREE"],
  },
  {
    id: "RFC9110-9.2.2-CLIENT-RETRIES", source: "rfc9110", section: "9.2.2",
    quote: "A client SHOULD NOT automatically retry a failed automatic retry.",
    unchecked: { kind: "client-side", why: "binds the client: the suite retries a failed GET up to twice with back-off (by default), a retry of a retry, for an idempotent read" },
  },
  {
    id: "RFC9110-9.3.1-GET-REPRESENTATION", source: "rfc9110", section: "9.3.1",
    quote: "The GET method requests transfer of a current selected representation for the target resource.",
    requirements: ["HTTP-EXISTING-200", "ID-RESULT-ECHO"],
  },
  {
    id: "RFC9110-9.3.1-NO-GET-CONTENT", source: "rfc9110", section: "9.3.1",
    quote: "A client SHOULD NOT generate content in a GET request unless it is made directly to an origin server that has previously indicated, in or out of band, that such a request has a purpose",
    unchecked: { kind: "client-side", why: "binds the client; the suite's GETs carry no content" },
  },
  {
    id: "RFC9110-9.3.1-GET-CACHEABLE", source: "rfc9110", section: "9.3.1",
    quote: "The response to a GET request is cacheable; a cache MAY use it to satisfy subsequent GET and HEAD requests unless otherwise indicated by the Cache-Control header field",
    requirements: ["HTTP-CACHE-PRIVATE"],
  },
  {
    id: "RFC9110-9.3.7-OPTIONS-ALLOW", source: "rfc9110", section: "9.3.7",
    quote: "A server generating a successful response to OPTIONS SHOULD send any header that might indicate optional features implemented by the server and applicable to the target resource (e.g., Allow), including potential extensions not defined by this specification.",
    requirements: ["HTTP-ALLOW-ACCURATE"],
  },
  {
    id: "RFC9110-9.3.8-TRACE-NO-SENSITIVE-REQUEST", source: "rfc9110", section: "9.3.8",
    quote: "A client MUST NOT generate fields in a TRACE request containing sensitive data that might be disclosed by the response.",
    unchecked: { kind: "client-side", why: "the suite's own TRACE carries no credentials and none of the run's --header values (src/http/client.ts)" },
  },
  {
    id: "RFC9110-9.3.8-TRACE-EXCLUDE-SENSITIVE", source: "rfc9110", section: "9.3.8",
    quote: "The final recipient of the request SHOULD exclude any request fields that are likely to contain sensitive data when that recipient generates the response content.",
    requirements: ["HTTP-TRACE-REFUSED"],
  },
  // §10 response fields
  {
    id: "RFC9110-10.2.3-RETRY-AFTER-GRAMMAR", source: "rfc9110", section: "10.2.3",
    quote: "Retry-After = HTTP-date / delay-seconds … A delay-seconds value is a non-negative decimal integer, representing time in seconds. delay-seconds = 1*DIGIT",
    requirements: ["HTTP-RETRY-AFTER-VALID"],
  },
  {
    id: "RFC9110-10.2.4-SERVER-NO-DETAIL", source: "rfc9110", section: "10.2.4",
    quote: "An origin server SHOULD NOT generate a Server header field containing needlessly fine-grained detail and SHOULD limit the addition of subproducts by third parties.",
    unchecked: { kind: "not-observable", why: "GAP: Server (and X-Powered-By) values are not looked at for versions or subproducts" },
  },
  {
    id: "RFC9110-10.2.1-ALLOW-ON-405", source: "rfc9110", section: "10.2.1",
    quote: "An origin server MUST generate an Allow header field in a 405 (Method Not Allowed) response",
    requirements: ["HTTP-ALLOW-ACCURATE"],
  },
  // §11 authentication
  {
    id: "RFC9110-11.1-SCHEME-CASE-INSENSITIVE", source: "rfc9110", section: "11.1",
    quote: "It uses a case-insensitive token to identify the authentication scheme: auth-scheme = token",
    requirements: ["AUTH-SYNTAX-ACCEPTED"],
  },
  {
    id: "RFC9110-11.2-TOKEN68", source: "rfc9110", section: "11.2",
    quote: "token68 = 1*( ALPHA / DIGIT / \"-\" / \".\" / \"_\" / \"~\" / \"+\" / \"/\" ) *\"=\"",
    unchecked: { kind: "client-side", why: "binds the sender of credentials; the suite sends the configured token as it is" },
  },
  {
    id: "RFC9110-11.2-AUTH-PARAM-ONCE", source: "rfc9110", section: "11.2",
    quote: "Authentication parameters are name/value pairs, where the name token is matched case-insensitively and each parameter name MUST only occur once per challenge. auth-param = token BWS \"=\" BWS ( token / quoted-string )",
    unchecked: { kind: "not-observable", why: "GAP: AUTH-401-CHALLENGE counts challenges; their parameters (repeats, BWS, syntax) are not parsed" },
  },
  {
    id: "RFC9110-11.3-CHALLENGE-GRAMMAR", source: "rfc9110", section: "11.3",
    quote: "challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]",
    requirements: ["AUTH-401-CHALLENGE"],
  },
  {
    id: "RFC9110-11.4-CREDENTIALS-GRAMMAR", source: "rfc9110", section: "11.4",
    quote: "credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]",
    requirements: ["AUTH-SYNTAX-ACCEPTED", "AUTH-MISPLACED-REFUSED"],
  },
  {
    id: "RFC9110-11.4-REFUSE-WITH-401", source: "rfc9110", section: "11.4",
    quote: "Upon receipt of a request for a protected resource that omits credentials, contains invalid credentials (e.g., a bad password) or partial credentials …, an origin server SHOULD send a 401 (Unauthorized) response that contains a WWW-Authenticate header field",
    unchecked: { kind: "not-observable", why: "GAP (deliberate): AUTH-REFUSAL-STATUS admits 400, 401 and 403 (Cloudflare's published refusals), so a 403 where this says 401 is not flagged" },
  },
  {
    id: "RFC9110-11.4-INADEQUATE-CREDENTIALS-403", source: "rfc9110", section: "11.4",
    quote: "A server that receives valid credentials that are not adequate to gain access ought to respond with the 403 (Forbidden) status code (Section 15.5.4).",
    unchecked: { kind: "not-observable", why: "GAP: no probe uses a valid token without #ssl:read or without access to the zone (needs a second configured token)" },
  },
  {
    id: "RFC9110-11.5-REALM-QUOTED", source: "rfc9110", section: "11.5",
    quote: "For historical reasons, a sender MUST only generate the quoted-string syntax.",
    unchecked: { kind: "not-observable", why: "GAP: a realm parameter of a challenge is not parsed (AUTH-401-CHALLENGE counts challenges)" },
  },
  {
    id: "RFC9110-11.6.1-401-CHALLENGE", source: "rfc9110", section: "11.6.1",
    quote: "A server generating a 401 (Unauthorized) response MUST send a WWW-Authenticate header field containing at least one challenge.",
    requirements: ["AUTH-401-CHALLENGE"],
  },
  {
    id: "RFC9110-11.6.1-CHALLENGE-ELSEWHERE", source: "rfc9110", section: "11.6.1",
    quote: "A server MAY generate a WWW-Authenticate header field in other response messages to indicate that supplying credentials (or different credentials) might affect the response.",
    unchecked: { kind: "client-side", why: "a latitude the suite grants: no requirement holds a WWW-Authenticate on a 400 or 403 against the server" },
  },
  {
    id: "RFC9110-11.6.2-PROXY-AUTHORIZATION", source: "rfc9110", section: "11.6.2",
    quote: "A proxy forwarding a request MUST NOT modify any Authorization header fields in that request.",
    unchecked: { kind: "out-of-scope", why: "binds proxies" },
  },
  // §12 content negotiation
  {
    id: "RFC9110-12.1-NOT-HONORED", source: "rfc9110", section: "12.1",
    quote: "A user agent cannot rely on proactive negotiation preferences being consistently honored, since the origin server might not implement proactive negotiation for the requested resource or might decide that sending a response that doesn't conform to the user agent's preferences is better than sending a 406 (Not Acceptable) response.",
    requirements: ["HTTP-NEGOTIATION"],
  },
  {
    id: "RFC9110-12.4.1-406-OR-DISREGARD", source: "rfc9110", section: "12.4.1",
    quote: "the origin server can either honor the header field by sending a 406 (Not Acceptable) response or disregard the header field by treating the response as if it is not subject to content negotiation for that request header field.",
    requirements: ["HTTP-NEGOTIATION"],
  },
  {
    id: "RFC9110-12.4.2-QVALUE-ZERO", source: "rfc9110", section: "12.4.2",
    quote: "The weight is normalized to a real number in the range 0 through 1, where 0.001 is the least preferred and 1 is the most preferred; a value of 0 means \"not acceptable\". If no \"q\" parameter is present, the default weight is 1.",
    requirements: ["HTTP-NEGOTIATION", "HTTP-CODING-ACCEPTED"],
  },
  {
    id: "RFC9110-12.5.1-MEDIA-RANGES", source: "rfc9110", section: "12.5.1",
    quote: "The asterisk \"*\" character is used to group media types into ranges, with \"*/*\" indicating all media types and \"type/*\" indicating all subtypes of that type.",
    requirements: ["HTTP-NEGOTIATION"],
  },
  {
    id: "RFC9110-12.5.1-Q-ANYWHERE", source: "rfc9110", section: "12.5.1",
    quote: "Recipients SHOULD process any parameter named \"q\" as weight, regardless of parameter ordering.",
    requirements: ["HTTP-NEGOTIATION"],
  },
  {
    id: "RFC9110-12.5.3-NO-FIELD-ANY-CODING", source: "rfc9110", section: "12.5.3",
    quote: "If no Accept-Encoding header field is in the request, any content coding is considered acceptable by the user agent.",
    requirements: ["HTTP-CODING-ACCEPTED"],
  },
  {
    id: "RFC9110-12.5.3-LISTED-CODING", source: "rfc9110", section: "12.5.3",
    quote: "If the representation's content coding is one of the content codings listed in the Accept-Encoding field value, then it is acceptable unless it is accompanied by a qvalue of 0.",
    requirements: ["HTTP-CODING-ACCEPTED"],
  },
  {
    id: "RFC9110-12.5.3-EMPTY-FIELD", source: "rfc9110", section: "12.5.3",
    quote: "An Accept-Encoding header field with a field value that is empty implies that the user agent does not want any content coding in response.",
    requirements: ["HTTP-CODING-ACCEPTED"],
  },
  {
    id: "RFC9110-12.5.3-FALL-BACK-TO-IDENTITY", source: "rfc9110", section: "12.5.3",
    quote: "If a non-empty Accept-Encoding header field is present in a request and none of the available representations for the response have a content coding that is listed as acceptable, the origin server SHOULD send a response without any content coding unless the identity coding is indicated as unacceptable.",
    requirements: ["HTTP-CODING-ACCEPTED"],
  },
  {
    id: "RFC9110-12.5.5-VARY", source: "rfc9110", section: "12.5.5",
    quote: "An origin server SHOULD generate a Vary header field on a cacheable response when it wishes that response to be selectively reused for subsequent requests.",
    unchecked: { kind: "not-observable", why: "depends on what the server wishes caches to do; no requirement reads Vary" },
  },
  // §13 conditional requests (a read with a tag no server issued), §14 range requests (not yet probed: docs/MUTATION.md, held out)
  {
    id: "RFC9110-13.1.2-IF-NONE-MATCH-LIST", source: "rfc9110", section: "13.1.2",
    quote: "If the field value is a list of entity tags, the condition is false if one of the listed tags matches the entity tag of the selected representation.",
    requirements: ["HTTP-EXISTING-200"],
  },
  {
    id: "RFC9110-13.1.2-304-WHEN-FALSE", source: "rfc9110", section: "13.1.2",
    quote: "An origin server that evaluates an If-None-Match condition MUST NOT perform the requested method if the condition evaluates to false; instead, the origin server MUST respond with either a) the 304 (Not Modified) status code if the request method is GET or HEAD or b) the 412 (Precondition Failed) status code for all other request methods.",
    unchecked: { kind: "not-observable", why: "GAP: the suite sends If-None-Match only with a tag no server issued (served 200, HTTP-EXISTING-200); a tag the target did issue is never sent back, so a full answer where it matches is not seen" },
  },
  {
    id: "RFC9110-13.2.1-IGNORE-WHEN-REFUSED", source: "rfc9110", section: "13.2.1",
    quote: "A server MUST ignore all received preconditions if its response to the same request without those conditions, prior to processing the request content, would have been a status code other than a 2xx (Successful) or 412 (Precondition Failed).",
    unchecked: { kind: "not-observable", why: "GAP: no refusal is asked with a precondition; a 304 in place of a 401/403/404 is not probed" },
  },
  {
    id: "RFC9110-14.2-RANGE-MAY-IGNORE", source: "rfc9110", section: "14.2",
    quote: "A server MAY ignore the Range header field.",
    unchecked: { kind: "not-observable", why: "GAP: the suite sends no Range; ignoring it is the server's right, serving it wrong is not seen" },
  },
  {
    id: "RFC9110-15.3.7.1-206-SINGLE-PART", source: "rfc9110", section: "15.3.7.1",
    quote: "If a single part is being transferred, the server generating the 206 response MUST generate a Content-Range header field, describing what range of the selected representation is enclosed, and a content consisting of the range.",
    unchecked: { kind: "not-observable", why: "GAP: the suite sends no Range, so a 206 whose content is not the range its Content-Range names (held out: ho-range-last-byte-dropped) is not flagged" },
  },
  // §15 status codes
  {
    id: "RFC9110-15-THREE-DIGITS", source: "rfc9110", section: "15",
    quote: "The status code of a response is a three-digit integer code that describes the result of the request",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9110-15-VALID-RANGE", source: "rfc9110", section: "15",
    quote: "All valid status codes are within the range of 100 to 599, inclusive. … Values outside the range 100..599 are invalid.",
    requirements: ["HTTP-EXISTING-200", "HTTP-NO-5XX"],
  },
  {
    id: "RFC9110-15-CLIENT-UNDERSTANDS-CLASS", source: "rfc9110", section: "15",
    quote: "a client MUST understand the class of any status code, as indicated by the first digit, and treat an unrecognized status code as being equivalent to the x00 status code of that class. … A client that receives a response with an invalid status code SHOULD process the response as if it had a 5xx (Server Error) status code.",
    unchecked: { kind: "client-side", why: "binds clients: the suite judges any 4xx as a refusal by class, and anything else against 200 or 4xx" },
  },
  {
    id: "RFC9110-15-ONE-FINAL-RESPONSE", source: "rfc9110", section: "15",
    quote: "A single request can have multiple associated responses: zero or more interim (non-final) responses with status codes in the \"informational\" (1xx) range, followed by exactly one final response with a status code in one of the other ranges.",
    requirements: ["HTTP-EVERY-REQUEST-ANSWERED", "HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9110-15.1-HEURISTICALLY-CACHEABLE", source: "rfc9110", section: "15.1",
    quote: "Responses with status codes that are defined as heuristically cacheable (e.g., 200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, and 501 in this specification) can be reused by a cache with heuristic expiration unless otherwise indicated by the method definition or explicit cache controls",
    unchecked: { kind: "not-observable", why: "GAP: a 200 with no Cache-Control at all passes HTTP-CACHE-PRIVATE, though a read with X-Auth-Key (not Authorization, RFC9111-3.5-AUTHORIZATION-NOT-SHARED) is then heuristically cacheable by a shared cache" },
  },
  {
    id: "RFC9110-15.2-NO-1XX-TO-HTTP10", source: "rfc9110", section: "15.2",
    quote: "Since HTTP/1.0 did not define any 1xx status codes, a server MUST NOT send a 1xx response to an HTTP/1.0 client.",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9110-15.2-1XX-NO-CONTENT", source: "rfc9110", section: "15.2",
    quote: "A 1xx response is terminated by the end of the header section; it cannot contain content or trailers.",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9110-15.2-CLIENT-PARSES-1XX", source: "rfc9110", section: "15.2",
    quote: "A client MUST be able to parse one or more 1xx responses received prior to a final response, even if the client does not expect one.",
    unchecked: { kind: "client-side", why: "binds the suite's transport (Node reads interim answers before the final one)" },
  },
  {
    id: "RFC9110-15.3.1-200-HAS-CONTENT", source: "rfc9110", section: "15.3.1",
    quote: "Aside from responses to CONNECT, a 200 response is expected to contain message content unless the message framing explicitly indicates that the content has zero length.",
    requirements: ["HTTP-JSON-BODY", "ENV-REQUIRED-MEMBERS"],
  },
  {
    id: "RFC9110-15.3.1-VALIDATORS", source: "rfc9110", section: "15.3.1",
    quote: "In 200 responses to GET or HEAD, an origin server SHOULD send any available validator fields (Section 8.8) for the selected representation",
    unchecked: { kind: "not-observable", why: "whether a validator is available is the server's; the document declares none" },
  },
  {
    id: "RFC9110-15.5-4XX-EXPLANATION", source: "rfc9110", section: "15.5",
    quote: "Except when responding to a HEAD request, the server SHOULD send a representation containing an explanation of the error situation",
    requirements: ["ERR-REQUIRED-MEMBERS", "ERR-ERRORS-NONEMPTY", "ERR-ITEMS-SHAPE"],
  },
  {
    id: "RFC9110-15.5-4XX-TEMPORARY-OR-PERMANENT", source: "rfc9110", section: "15.5",
    quote: "the server SHOULD send a representation containing an explanation of the error situation, and whether it is a temporary or permanent condition.",
    unchecked: { kind: "not-observable", why: "whether an error's message tells a temporary condition from a permanent one is in its wording, which no check reads" },
  },
  {
    id: "RFC9110-15.5.1-400-CLIENT-ERROR", source: "rfc9110", section: "15.5.1",
    quote: "The 400 (Bad Request) status code indicates that the server cannot or will not process the request due to something that is perceived to be a client error (e.g., malformed request syntax, invalid request message framing, or deceptive request routing).",
    requirements: ["ID-MALFORMED-REFUSED", "AUTH-MALFORMED-REFUSED"],
  },
  {
    id: "RFC9110-15.5.2-401-MEANING", source: "rfc9110", section: "15.5.2",
    quote: "The 401 (Unauthorized) status code indicates that the request has not been applied because it lacks valid authentication credentials for the target resource.",
    requirements: ["AUTH-REFUSAL-STATUS"],
  },
  {
    id: "RFC9110-15.5.2-401-CHALLENGE", source: "rfc9110", section: "15.5.2",
    quote: "The server generating a 401 response MUST send a WWW-Authenticate header field (Section 11.6.1) containing at least one challenge applicable to the target resource.",
    requirements: ["AUTH-401-CHALLENGE"],
  },
  {
    id: "RFC9110-15.5.4-403-MEANING", source: "rfc9110", section: "15.5.4",
    quote: "The 403 (Forbidden) status code indicates that the server understood the request but refuses to fulfill it. … If authentication credentials were provided in the request, the server considers them insufficient to grant access.",
    requirements: ["AUTH-REFUSAL-STATUS"],
  },
  {
    id: "RFC9110-15.5.4-HIDE-AS-404", source: "rfc9110", section: "15.5.4",
    quote: "An origin server that wishes to \"hide\" the current existence of a forbidden target resource MAY instead respond with a status code of 404 (Not Found).",
    requirements: ["ID-ZONE-SCOPED", "ID-EXISTENCE-HIDDEN"],
  },
  {
    id: "RFC9110-15.5.4-NO-REPEAT-SAME-CREDENTIALS", source: "rfc9110", section: "15.5.4",
    quote: "The client SHOULD NOT automatically repeat the request with the same credentials.",
    unchecked: { kind: "client-side", why: "binds the client; the suite retries no refused request" },
  },
  {
    id: "RFC9110-15.5.5-404-NOT-FOUND", source: "rfc9110", section: "15.5.5",
    quote: "The 404 (Not Found) status code indicates that the origin server did not find a current representation for the target resource or is not willing to disclose that one exists.",
    requirements: ["ID-UNKNOWN-REFUSED", "ID-EXISTENCE-HIDDEN", "AUTH-EXISTENCE-HIDDEN"],
  },
  {
    id: "RFC9110-15.5.7-406-ALTERNATIVES", source: "rfc9110", section: "15.5.7",
    quote: "The server SHOULD generate content containing a list of available representation characteristics and corresponding resource identifiers from which the user or user agent can choose the one most appropriate.",
    unchecked: { kind: "not-observable", why: "GAP: a 406 is judged as a failure envelope (ERR-*); whether it lists application/json as available is not read" },
  },
  {
    id: "RFC9110-15.6-5XX-SERVER-ERROR", source: "rfc9110", section: "15.6",
    quote: "The 5xx (Server Error) class of status code indicates that the server is aware that it has erred or is incapable of performing the requested method.",
    requirements: ["HTTP-NO-5XX"],
  },
  {
    id: "RFC9110-15.6.4-503-RETRY-AFTER", source: "rfc9110", section: "15.6.4",
    quote: "The server MAY send a Retry-After header field (Section 10.2.3) to suggest an appropriate amount of time for the client to wait before retrying the request.",
    requirements: ["HTTP-RETRY-AFTER-VALID"],
  },
];
