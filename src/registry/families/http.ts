import { requirement } from "../define.ts";
import { OPERATION_RESPONSES, RESPONSE_200, RESPONSE_200_JSON, RESPONSE_4XX, RESPONSE_4XX_JSON } from "../pointers.ts";

const DOCUMENTED = "The operation's responses declare it.";

export const HTTP_EXISTING_200 = requirement({
  id: "HTTP-EXISTING-200", level: "must", place: RESPONSE_200,
  statement: "GET of an existing certificate, in its own zone and with good credentials, is answered 200.",
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
  statement: "Every response body is one complete, well-formed JSON document, in UTF-8.",
  reason: "Both declared responses have only application/json content; RFC 8259 §8.1 requires UTF-8. A body nested deeper than the suite parses (256 levels, RFC 8259 §9) fails too: no envelope comes near it.",
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

export const HTTP_REQUIREMENTS = [HTTP_EXISTING_200, HTTP_NO_5XX, HTTP_JSON_CONTENT_TYPE, HTTP_JSON_BODY, HTTP_BODY_BOUNDED, HTTP_EVERY_REQUEST_ANSWERED];
