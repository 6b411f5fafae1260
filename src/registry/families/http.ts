import { requirement } from "../define.ts";
import { OPERATION, OPERATION_RESPONSES, RESPONSE_200, RESPONSE_200_JSON, RESPONSE_4XX, RESPONSE_4XX_JSON } from "../pointers.ts";

const DOCUMENTED = "The operation's responses declare it.";

export const HTTP_EXISTING_200 = requirement({
  id: "HTTP-EXISTING-200", level: "must", place: RESPONSE_200,
  statement: "GET of an existing certificate, in its own zone and with good credentials, is answered 200, however the request legitimately asks for it (any Accept or Accept-Encoding that admits the answer, header names in any case, HTTP/1.0, a kept-alive connection, an If-None-Match listing a tag it never issued); a read past the rate limit may be turned away with 429, and with nothing else.",
  reason: DOCUMENTED,
});
export const HTTP_NO_5XX = requirement({
  id: "HTTP-NO-5XX", level: "must", place: RESPONSE_4XX,
  statement: "A malformed, unknown or unauthenticated request is answered with a 4xx, never a 5xx.",
  reason: "The document declares 4xx for failed requests; a 5xx is not among the operation's responses.",
});
export const HTTP_JSON_CONTENT_TYPE = requirement({
  id: "HTTP-JSON-CONTENT-TYPE", level: "must", place: RESPONSE_200_JSON,
  statement: "Every response, success or failure, has Content-Type application/json.",
  reason: "Both declared responses have only application/json content.",
});
export const HTTP_JSON_BODY = requirement({
  id: "HTTP-JSON-BODY", level: "must", place: RESPONSE_4XX_JSON,
  statement: "Every response body is one complete, well-formed JSON document, in UTF-8, with no byte order mark before it.",
  reason: "Both declared responses have only application/json content; RFC 8259 §8.1 requires UTF-8 and forbids adding a byte order mark. A body nested deeper than the suite parses (256 levels, RFC 8259 §9) fails too: no envelope comes near it.",
});

export const HTTP_BODY_BOUNDED = requirement({
  id: "HTTP-BODY-BOUNDED", level: "should", place: RESPONSE_200_JSON,
  statement: "Every response body, decoded, fits within the 8 MiB the suite reads of a body.",
  reason: "The document sets no size limit, so this cannot be a must. A certificate's details are a few kilobytes; a body past 8 MiB (or a compressed one that inflates past it) is read up to there and the rest discarded, so the suite can neither judge it nor be made to run out of memory by it.",
});

export const HTTP_EVERY_REQUEST_ANSWERED = requirement({
  id: "HTTP-EVERY-REQUEST-ANSWERED", level: "must", place: OPERATION_RESPONSES,
  statement: "Every request gets one complete HTTP answer within the run's timeout: a server that answers the requests around it does not reset, hang, cut short or rate-limit (429) this one.",
  reason: "The operation declares an answer (200 or 4xx) for every request; when a control read sent just after is answered, the missing answer is the server's doing, not the network's.",
});

export const HTTP_MESSAGE_FRAMING = requirement({
  id: "HTTP-MESSAGE-FRAMING", level: "must", place: OPERATION_RESPONSES,
  statement: "Every answer is one well-formed HTTP/1.1 message on the wire: a status line, CRLF-terminated field lines with a token name, no whitespace before the colon, no line folding and no control characters in a value, and a body delimited by one valid Content-Length or the chunked coding (never both), with nothing after it.",
  reason: "RFC 9112 §2-§7 define the message syntax a server sends (senders MUST NOT fold lines or send Content-Length with Transfer-Encoding); a lenient client reading past a defect is no evidence that the message was right. Judged on the bytes received; a cassette holds none.",
});
export const HTTP_SINGLETON_FIELDS = requirement({
  id: "HTTP-SINGLETON-FIELDS", level: "must", place: OPERATION_RESPONSES,
  statement: "Content-Type, Date, Retry-After, ETag, Last-Modified, Location, Expires, Age and Server appear at most once in an answer (a repeated Content-Length is HTTP-MESSAGE-FRAMING's).",
  reason: "RFC 9110 §5.3: a sender MUST NOT generate multiple field lines with the same name unless the field is defined as a list; these are not.",
});
export const HTTP_CONNECTION_PERSISTENCE = requirement({
  id: "HTTP-CONNECTION-PERSISTENCE", level: "should", place: OPERATION_RESPONSES,
  statement: "A second request sent at once on the connection of an answered one is answered, unless the first answer said Connection: close; after answering a request that said Connection: close, the server closes the connection.",
  reason: "RFC 9112 §9.3: HTTP/1.1 connections persist, and a server that does not support persistence MUST send close in every answer; §9.6: a server that receives close MUST close the connection after its answer. A should: §9.5 lets either side close an idle connection at any time.",
});
export const HTTP_DATE_PRESENT = requirement({
  id: "HTTP-DATE-PRESENT", level: "should", place: OPERATION_RESPONSES,
  statement: "Every 2xx and 4xx answer carries a Date field.",
  reason: "RFC 9110 §6.6.1: an origin server with a clock MUST send Date in every 2xx, 3xx and 4xx answer; whether the target has a clock cannot be told from outside.",
});
export const HTTP_DATE_FORMAT = requirement({
  id: "HTTP-DATE-FORMAT", level: "must", place: OPERATION_RESPONSES,
  statement: "Every HTTP-date field of an answer (Date, Last-Modified, a Retry-After date) is an IMF-fixdate (Sun, 06 Nov 1994 08:49:37 GMT) of a real instant, and Last-Modified is not later than Date.",
  reason: "RFC 9110 §5.6.7: a sender MUST generate HTTP-date timestamps in the IMF-fixdate format; §8.8.2.1: an origin server MUST NOT send a Last-Modified later than its Date.",
});
export const HTTP_CONTENT_CODING = requirement({
  id: "HTTP-CONTENT-CODING", level: "must", place: OPERATION_RESPONSES,
  statement: "A Content-Encoding names the codings applied to the body, in order: the body decodes with them.",
  reason: "RFC 9110 §8.4: Content-Encoding lists the codings that have been applied, and the recipient decodes them to obtain the representation.",
});
export const HTTP_CODING_ACCEPTED = requirement({
  id: "HTTP-CODING-ACCEPTED", level: "should", place: OPERATION_RESPONSES,
  statement: "An answer applies no content coding its request's Accept-Encoding did not accept (Accept-Encoding: identity gets an uncoded body).",
  reason: "RFC 9110 §12.5.3: when no coding the request accepts is available, the server SHOULD send the representation without a content coding.",
});
export const HTTP_NEGOTIATION = requirement({
  id: "HTTP-NEGOTIATION", level: "must", place: RESPONSE_200_JSON,
  statement: "A read whose Accept admits application/json (none, */*, application/*, application/json with parameters or a q value) is answered 200 with application/json; one whose Accept excludes it is answered 406 or with application/json anyway.",
  reason: "The operation has one representation, application/json; RFC 9110 §12.5.1: a server either honours Accept with 406 or disregards it, and any of these Accept values admits JSON.",
});
export const HTTP_RETRY_AFTER_VALID = requirement({
  id: "HTTP-RETRY-AFTER-VALID", level: "must", place: OPERATION_RESPONSES,
  statement: "A Retry-After field is a whole number of seconds or an IMF-fixdate.",
  reason: "RFC 9110 §10.2.3: Retry-After = HTTP-date / delay-seconds, delay-seconds = 1*DIGIT.",
});
export const HTTP_PATH_EXACT = requirement({
  id: "HTTP-PATH-EXACT", level: "should", place: OPERATION,
  statement: "A path that differs from the operation's in a literal segment (another letter case, a doubled slash, a segment added) is refused with a 4xx failure envelope.",
  reason: "The document declares this one path template; RFC 9110 §4.2.3 compares the path of an http URI case-sensitively, so another spelling names another resource, which this operation does not serve. A should: a server may have other resources.",
});
export const HTTP_JSON_INTEROPERABLE = requirement({
  id: "HTTP-JSON-INTEROPERABLE", level: "should", place: RESPONSE_200_JSON,
  statement: "Every JSON body names each member of an object once, has no unpaired surrogate in a string, and no number an IEEE 754 double cannot hold exactly.",
  reason: "RFC 8259 §4: names within an object SHOULD be unique (parsers then disagree on the value); §8.2: unpaired surrogates give unpredictable behaviour; §6: integers beyond ±(2^53−1) are not interoperable.",
});

export const HTTP_CACHE_PRIVATE = requirement({
  id: "HTTP-CACHE-PRIVATE", level: "should", place: RESPONSE_200,
  statement: "An answer to an authenticated read is not made storable by shared caches: no Cache-Control public or s-maxage, and no max-age without private, no-store or no-cache.",
  reason: "OWASP API8:2023 counts missing or wrong cache-control directives as a misconfiguration; the credentials travel in X-Auth-Key or Authorization, and a shared cache that stores the answer serves one client's certificate to the next (RFC 9111 §3.5 protects only Authorization, and only without public or s-maxage).",
});

export const HTTP_RETRY_AFTER_AGREES = requirement({
  id: "HTTP-RETRY-AFTER-AGREES", level: "should", place: OPERATION_RESPONSES,
  statement: "A 429 that carries both Retry-After and a RateLimit field asks to wait no longer than the RateLimit field says its quota resets (t, in seconds).",
  untrippable: "A 429 comes past the target's rate limit, which only the burst at the end of a URL run reaches; the self-certification runs send none (the generated matrix's retry-after-past-its-rate-limit-reset trips it, and the blind catalogue's retry-after-milliseconds, in a run with the burst).",
  reason: "Cloudflare's published rate-limit fields (RateLimit: \"default\";r=<remaining>;t=<seconds to reset>) and Retry-After (RFC 9110 §10.2.3: how long the client ought to wait) describe one moment; an answer whose two fields disagree (seconds against milliseconds) makes a client that honours it wait for nothing. A should: the fields' draft is not a standard.",
});

export const HTTP_ALLOW_ACCURATE = requirement({
  id: "HTTP-ALLOW-ACCURATE", level: "must", place: OPERATION,
  statement: "An answer on the operation's path that carries Allow lists GET in it; a 405 carries Allow, and does not list the method it refused.",
  reason: "RFC 9110 §15.5.6: an origin server MUST generate an Allow header field in a 405 response, listing the target resource's currently supported methods (§10.2.1); GET is this operation's, and a method answered 405 is not supported. The suite asks with OPTIONS and TRACE, safe methods (RFC 9110 §9.2.1), sent without credentials and never on a live run.",
});
export const HTTP_TRACE_REFUSED = requirement({
  id: "HTTP-TRACE-REFUSED", level: "should", place: OPERATION,
  statement: "A TRACE on the operation's path is refused (a 4xx, or 501), not served.",
  reason: "The operation defines GET alone; OWASP API8:2023 names unneeded HTTP verbs left enabled a misconfiguration (\"all other HTTP verbs should be disabled\"), and TRACE reflects the request it received, fields that carry credentials included (RFC 9110 §9.3.8). A should: RFC 9110 defines TRACE, and only a security guideline asks it off. Sent without credentials (RFC 9110 §9.3.8: a client MUST NOT send sensitive data in a TRACE), never on a live run.",
});

export const HTTP_REQUIREMENTS = [HTTP_EXISTING_200, HTTP_NO_5XX, HTTP_JSON_CONTENT_TYPE, HTTP_JSON_BODY, HTTP_BODY_BOUNDED, HTTP_EVERY_REQUEST_ANSWERED, HTTP_MESSAGE_FRAMING, HTTP_SINGLETON_FIELDS, HTTP_CONNECTION_PERSISTENCE, HTTP_DATE_PRESENT, HTTP_DATE_FORMAT, HTTP_CONTENT_CODING, HTTP_CODING_ACCEPTED, HTTP_NEGOTIATION, HTTP_RETRY_AFTER_VALID, HTTP_PATH_EXACT, HTTP_JSON_INTEROPERABLE, HTTP_CACHE_PRIVATE, HTTP_RETRY_AFTER_AGREES, HTTP_ALLOW_ACCURATE, HTTP_TRACE_REFUSED];
