/**
 * RFC 9112, HTTP/1.1: the message on the wire (start line, field lines, body length, chunked,
 * persistence). Quoted from rfc9112.xml/html of github.com/httpwg/http-core. Statements about
 * parsing requests are kept where a reader would ask whether the server is probed with them.
 */
import type { SourceStatement } from "./types.ts";

export const RFC9112: SourceStatement[] = [
  // §2 message
  {
    id: "RFC9112-2.1-MESSAGE-GRAMMAR", source: "rfc9112", section: "2.1",
    quote: "HTTP-message = start-line CRLF *( field-line CRLF ) CRLF [ message-body ]",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-2.2-NO-BARE-CR", source: "rfc9112", section: "2.2",
    quote: "A sender MUST NOT generate a bare CR (a CR character not immediately followed by LF) within any protocol elements other than the content.",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-2.2-LF-TOLERATED", source: "rfc9112", section: "2.2",
    quote: "Although the line terminator for the start-line and fields is the sequence CRLF, a recipient MAY recognize a single LF as a line terminator and ignore any preceding CR.",
    unchecked: { kind: "client-side", why: "a latitude of recipients; the sender's CRLF (RFC9112-2.1-MESSAGE-GRAMMAR) is what HTTP-MESSAGE-FRAMING judges" },
  },
  {
    id: "RFC9112-2.2-NO-WHITESPACE-BEFORE-FIELDS", source: "rfc9112", section: "2.2",
    quote: "A sender MUST NOT send whitespace between the start-line and the first header field.",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-2.2-PARSE-AS-OCTETS", source: "rfc9112", section: "2.2",
    quote: "A recipient MUST parse an HTTP message as a sequence of octets in an encoding that is a superset of US-ASCII [USASCII].",
    unchecked: { kind: "client-side", why: "binds the suite's transport (Node's llhttp parses octets)" },
  },
  {
    id: "RFC9112-2.2-INVALID-REQUEST-400", source: "rfc9112", section: "2.2",
    quote: "When a server … receives a sequence of octets that does not match the HTTP-message grammar aside from the robustness exceptions listed above, the server SHOULD respond with a 400 (Bad Request) response and close the connection.",
    unchecked: { kind: "not-observable", why: "GAP: the transport sends only well-formed requests; no probe writes raw invalid octets to see a 400 and a close" },
  },
  {
    id: "RFC9112-2.3-VERSION-GRAMMAR", source: "rfc9112", section: "2.3",
    quote: "HTTP-version is case-sensitive. HTTP-version = HTTP-name \"/\" DIGIT \".\" DIGIT; HTTP-name = %s\"HTTP\"",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-2.3-NO-DOWNGRADE", source: "rfc9112", section: "2.3",
    quote: "A server MAY send an HTTP/1.0 response to an HTTP/1.1 request if it is known or suspected that the client incorrectly implements the HTTP specification … Such protocol downgrades SHOULD NOT be performed unless triggered by specific client attributes",
    unchecked: { kind: "not-observable", why: "GAP: an HTTP/1.0 answer to the suite's HTTP/1.1 reads is not flagged (HTTP-MESSAGE-FRAMING checks the version's syntax, and the framing rules of the request's version)" },
  },
  // §3 request line (what the server must do with requests)
  {
    id: "RFC9112-3-URI-TOO-LONG", source: "rfc9112", section: "3",
    quote: "A server that receives a request-target longer than any URI it wishes to parse MUST respond with a 414 (URI Too Long) status code",
    unchecked: { kind: "not-observable", why: "which lengths the server wishes to parse is its own; ID-MALFORMED-REFUSED asks a 4xx failure envelope of the very long identifier, which a 414 meets" },
  },
  {
    id: "RFC9112-3-8000-OCTETS", source: "rfc9112", section: "3",
    quote: "It is RECOMMENDED that all HTTP senders and recipients support, at a minimum, request-line lengths of 8000 octets.",
    unchecked: { kind: "not-observable", why: "GAP: no probe checks that a request-line under 8000 octets is parsed (answered as an unknown identifier, not 414)" },
  },
  {
    id: "RFC9112-3.2-INVALID-REQUEST-LINE", source: "rfc9112", section: "3.2",
    quote: "Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect with the request-target properly encoded. A recipient SHOULD NOT attempt to autocorrect and then process the request without a redirect",
    unchecked: { kind: "not-observable", why: "GAP: raw spaces or non-ASCII in the target are refused by the transport before sending, so no invalid request-line reaches the server" },
  },
  {
    id: "RFC9112-3.2-HOST-REQUIRED", source: "rfc9112", section: "3.2",
    quote: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a Host header field and to any request message that contains more than one Host header field line or a Host header field with an invalid field value.",
    unchecked: { kind: "not-observable", why: "GAP: every probe carries one valid Host; none lacks it or repeats it" },
  },
  {
    id: "RFC9112-3.2.2-ABSOLUTE-FORM", source: "rfc9112", section: "3.2.2",
    quote: "A server MUST accept the absolute-form in requests even though most HTTP/1.1 clients will only send the absolute-form to a proxy.",
    unchecked: { kind: "not-observable", why: "GAP: every probe uses the origin-form; a read in absolute-form is not sent" },
  },
  // §4 status line
  {
    id: "RFC9112-4-STATUS-LINE-GRAMMAR", source: "rfc9112", section: "4",
    quote: "status-line = HTTP-version SP status-code SP [ reason-phrase ] … status-code = 3DIGIT … reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-4-SPACE-WITHOUT-REASON", source: "rfc9112", section: "4",
    quote: "A server MUST send the space that separates the status-code from the reason-phrase even when the reason-phrase is absent (i.e., the status-line would end with the space).",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-4-LENIENT-STATUS-LINE", source: "rfc9112", section: "4",
    quote: "recipients MAY instead parse on whitespace-delimited word boundaries and, aside from the line terminator, treat any form of whitespace as the SP separator",
    unchecked: { kind: "client-side", why: "a latitude of recipients the suite does not take (HTTP-MESSAGE-FRAMING holds the server to single SPs)" },
  },
  {
    id: "RFC9112-4-IGNORE-REASON", source: "rfc9112", section: "4",
    quote: "A client SHOULD ignore the reason-phrase content because it is not a reliable channel for information",
    unchecked: { kind: "client-side", why: "binds clients; the suite judges the status code only" },
  },
  // §5 field lines
  {
    id: "RFC9112-5-FIELD-LINE-GRAMMAR", source: "rfc9112", section: "5",
    quote: "field-line = field-name \":\" OWS field-value OWS",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-5.1-NO-WHITESPACE-BEFORE-COLON", source: "rfc9112", section: "5.1",
    quote: "No whitespace is allowed between the field name and colon.",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-5.1-REJECT-WHITESPACE-BEFORE-COLON", source: "rfc9112", section: "5.1",
    quote: "A server MUST reject, with a response status code of 400 (Bad Request), any received request message that contains whitespace between a header field name and colon.",
    unchecked: { kind: "not-observable", why: "GAP: no probe writes a request field line with whitespace before the colon" },
  },
  {
    id: "RFC9112-5.2-NO-OBS-FOLD", source: "rfc9112", section: "5.2",
    quote: "A sender MUST NOT generate a message that includes line folding (i.e., that has any field line value that contains a match to the obs-fold rule) unless the message is intended for packaging within the \"message/http\" media type.",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-5.2-REQUEST-OBS-FOLD", source: "rfc9112", section: "5.2",
    quote: "A server that receives an obs-fold in a request message that is not within a \"message/http\" container MUST either reject the message by sending a 400 (Bad Request) … or replace each received obs-fold with one or more SP octets",
    unchecked: { kind: "not-observable", why: "GAP: no probe folds a request field (a folded X-Auth-Key would show which way the server goes)" },
  },
  // §6 message body
  {
    id: "RFC9112-6-RESPONSE-BODY-PRESENCE", source: "rfc9112", section: "6",
    quote: "The presence of a message body in a response, as detailed in Section 6.3, depends on both the request method to which it is responding and the response status code.",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-6.1-CHUNKED-ONCE-AND-LAST", source: "rfc9112", section: "6.1",
    quote: "A sender MUST NOT apply the chunked transfer coding more than once to a message body … If any transfer coding other than chunked is applied to a response's content, the sender MUST either apply chunked as the final transfer coding or terminate the message by closing the connection.",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-6.1-NO-TE-ON-1XX", source: "rfc9112", section: "6.1",
    quote: "A server MUST NOT send a Transfer-Encoding header field in any response with a status code of 1xx (Informational) or 204 (No Content).",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-6.1-TE-ONLY-TO-HTTP11", source: "rfc9112", section: "6.1",
    quote: "A server MUST NOT send a response containing Transfer-Encoding unless the corresponding request indicates HTTP/1.1 (or later minor revisions).",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-6.1-REQUEST-WITH-BOTH", source: "rfc9112", section: "6.1",
    quote: "A server MAY reject a request that contains both Content-Length and Transfer-Encoding or process such a request in accordance with the Transfer-Encoding alone. Regardless, the server MUST close the connection after responding to such a request",
    unchecked: { kind: "out-of-scope", why: "requests with content; the suite's GETs carry none" },
  },
  {
    id: "RFC9112-6.1-RECIPIENT-PARSES-CHUNKED", source: "rfc9112", section: "6.1",
    quote: "A recipient MUST be able to parse the chunked transfer coding (Section 7.1) because it plays a crucial role in framing messages when the content size is not known in advance.",
    unchecked: { kind: "client-side", why: "binds the suite's transport, which reads chunked answers" },
  },
  {
    id: "RFC9112-6.2-NOT-BOTH", source: "rfc9112", section: "6.2",
    quote: "A sender MUST NOT send a Content-Length header field in any message that contains a Transfer-Encoding header field.",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-6.3-1XX-204-304-NO-BODY", source: "rfc9112", section: "6.3",
    quote: "Any response to a HEAD request and any response with a 1xx (Informational), 204 (No Content), or 304 (Not Modified) status code is always terminated by the first empty line after the header fields … and thus cannot contain a message body or trailer section.",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-6.3-INVALID-CONTENT-LENGTH", source: "rfc9112", section: "6.3",
    quote: "If a message is received without Transfer-Encoding and with an invalid Content-Length header field, then the message framing is invalid and the recipient MUST treat it as an unrecoverable error",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-6.3-INCOMPLETE-BODY", source: "rfc9112", section: "6.3",
    quote: "If a valid Content-Length header field is present without Transfer-Encoding, its decimal value defines the expected message body length in octets. If the sender closes the connection or the recipient times out before the indicated number of octets are received, the recipient MUST consider the message to be incomplete",
    requirements: ["HTTP-EVERY-REQUEST-ANSWERED"],
  },
  {
    id: "RFC9112-6.3-LENGTH-DELIMITED", source: "rfc9112", section: "6.3",
    quote: "Since there is no way to distinguish a successfully completed, close-delimited response message from a partially received message interrupted by network failure, a server SHOULD generate encoding or length-delimited messages whenever possible.",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-6.3-NO-EXTRA-DATA", source: "rfc9112", section: "6.3",
    quote: "If the final response to the last request on a connection has been completely received and there remains additional data to read, a user agent MAY discard the remaining data … A client MUST NOT process, cache, or forward such extra data as a separate response",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  // §7 chunked
  {
    id: "RFC9112-7.1-CHUNKED-GRAMMAR", source: "rfc9112", section: "7.1",
    quote: "chunked-body = *chunk last-chunk trailer-section CRLF; chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF; chunk-size = 1*HEXDIG; last-chunk = 1*(\"0\") [ chunk-ext ] CRLF",
    requirements: ["HTTP-MESSAGE-FRAMING"],
  },
  {
    id: "RFC9112-7.1-NO-PARAMETERS", source: "rfc9112", section: "7.1",
    quote: "The chunked coding does not define any parameters. Their presence SHOULD be treated as an error.",
    unchecked: { kind: "client-side", why: "binds recipients; whether HTTP-MESSAGE-FRAMING rejects \"chunked;x=1\" is the transport's parser's call" },
  },
  {
    id: "RFC9112-7.1.1-IGNORE-EXTENSIONS", source: "rfc9112", section: "7.1.1",
    quote: "A recipient MUST ignore unrecognized chunk extensions.",
    unchecked: { kind: "client-side", why: "a latitude the suite must grant: chunk extensions are part of the chunked grammar HTTP-MESSAGE-FRAMING accepts" },
  },
  {
    id: "RFC9112-7.1.2-TRAILERS-APART", source: "rfc9112", section: "7.1.2",
    quote: "A recipient MUST NOT merge a received trailer field into the header section unless its corresponding header field definition explicitly permits and instructs how the trailer field value can be safely merged.",
    unchecked: { kind: "client-side", why: "binds recipients; the suite does not merge trailers into the headers it judges" },
  },
  // §9 connections
  {
    id: "RFC9112-9.3-PERSISTENT", source: "rfc9112", section: "9.3",
    quote: "HTTP/1.1 defaults to the use of persistent connections, allowing multiple requests and responses to be carried over a single connection. HTTP implementations SHOULD support persistent connections.",
    requirements: ["HTTP-CONNECTION-PERSISTENCE"],
  },
  {
    id: "RFC9112-9.3-CLOSE-WHEN-NOT-PERSISTENT", source: "rfc9112", section: "9.3",
    quote: "A server that does not support persistent connections MUST send the \"close\" connection option in every response message that does not have a 1xx (Informational) status code.",
    requirements: ["HTTP-CONNECTION-PERSISTENCE"],
  },
  {
    id: "RFC9112-9.3-READ-REQUEST-BODY", source: "rfc9112", section: "9.3",
    quote: "A server MUST read the entire request message body or close the connection after sending its response",
    unchecked: { kind: "out-of-scope", why: "requests with content; the suite's GETs carry none" },
  },
  {
    id: "RFC9112-9.3.2-PIPELINE-ORDER", source: "rfc9112", section: "9.3.2",
    quote: "A server MAY process a sequence of pipelined requests in parallel if they all have safe methods (Section 9.2.1 of [HTTP]), but it MUST send the corresponding responses in the same order that the requests were received.",
    unchecked: { kind: "not-observable", why: "GAP: no probe pipelines two reads of different certificates to see the answers come back in order" },
  },
  {
    id: "RFC9112-9.5-SUSTAIN-CONNECTIONS", source: "rfc9112", section: "9.5",
    quote: "A server SHOULD sustain persistent connections, when possible, and allow the underlying transport's flow-control mechanisms to resolve temporary overloads rather than terminate connections with the expectation that clients will retry.",
    requirements: ["HTTP-CONNECTION-PERSISTENCE"],
  },
  {
    id: "RFC9112-9.5-CLOSE-ANY-TIME", source: "rfc9112", section: "9.5",
    quote: "A client, server, or proxy MAY close the transport connection at any time.",
    unchecked: { kind: "client-side", why: "a latitude the suite grants for idle connections (HTTP-CONNECTION-PERSISTENCE is a should); a request left unanswered is HTTP-EVERY-REQUEST-ANSWERED's" },
  },
  {
    id: "RFC9112-9.6-SIGNAL-CLOSE", source: "rfc9112", section: "9.6",
    quote: "A sender SHOULD send a Connection header field (Section 7.6.1 of [HTTP]) containing the \"close\" connection option when it intends to close a connection.",
    requirements: ["HTTP-CONNECTION-PERSISTENCE"],
  },
  {
    id: "RFC9112-9.6-CLOSE-ON-REQUEST", source: "rfc9112", section: "9.6",
    quote: "A server that receives a \"close\" connection option MUST initiate closure of the connection (see below) after it sends the final response to the request that contained the \"close\" connection option.",
    requirements: ["HTTP-CONNECTION-PERSISTENCE"],
  },
  {
    id: "RFC9112-9.6-CLOSE-ECHOED", source: "rfc9112", section: "9.6",
    quote: "The server SHOULD send a \"close\" connection option in its final response on that connection.",
    unchecked: { kind: "not-observable", why: "GAP: the answer to the read that said close is not required to say close too; only the closing is judged (HTTP-CONNECTION-PERSISTENCE)" },
  },
  {
    id: "RFC9112-9.6-CLOSE-AFTER-CLOSE", source: "rfc9112", section: "9.6",
    quote: "A server that sends a \"close\" connection option MUST initiate closure of the connection (see below) after it sends the response containing the \"close\" connection option. The server MUST NOT process any further requests received on that connection.",
    unchecked: { kind: "not-observable", why: "GAP: the close is awaited only after a request that said close (RFC9112-9.6-CLOSE-ON-REQUEST); an answer that says close to the kept-alive read is taken at its word, and whether a later request was processed shows only in server state" },
  },
  {
    id: "RFC9112-9.8-TLS-CLOSURE-ALERT", source: "rfc9112", section: "9.8",
    quote: "Servers MUST attempt to initiate an exchange of closure alerts with the client before closing the connection.",
    unchecked: { kind: "not-observable", why: "TLS alerts are below what the suite's transport reports" },
  },
];
