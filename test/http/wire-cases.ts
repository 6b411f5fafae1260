/** Raw answers for the wire judge tests: one per rule (each breaking exactly that rule), and correct ones of each framing. */
import type { WireJudgeOptions } from "../../src/http/wire/judge.ts";

export interface RuleCase {
  name: string;
  raw: string;
  /** The one rule broken. */
  rule: string;
  opts?: WireJudgeOptions;
}

export interface GoodCase {
  name: string;
  raw: string;
  framing: "content-length" | "chunked" | "close" | "none";
  body: string;
  opts?: WireJudgeOptions;
}

const ok = "HTTP/1.1 200 OK\r\n";
const hi = "Content-Length: 2\r\n\r\nhi";
const chunked = "Transfer-Encoding: chunked\r\n\r\n";

export const RULE_CASES: RuleCase[] = [
  { name: "a bare LF ends the lines", raw: "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi", rule: "bare-lf" },
  { name: "a bare LF ends one line", raw: `${ok}Content-Length: 2\n\r\nhi`, rule: "bare-lf" },
  { name: "whitespace before a colon", raw: `${ok}Content-Length : 2\r\n\r\nhi`, rule: "space-before-colon" },
  { name: "obs-fold", raw: `${ok}X-A: a\r\n  b\r\n${hi}`, rule: "obs-fold" },
  { name: "no SP after the status code", raw: `HTTP/1.1 200\r\n${hi}`, rule: "status-line-syntax" },
  { name: "two SP after the version", raw: `HTTP/1.1  200 OK\r\n${hi}`, rule: "status-line-syntax" },
  { name: "HTAB after the status code", raw: `HTTP/1.1 200\tOK\r\n${hi}`, rule: "status-line-syntax" },
  { name: "a lower-case HTTP-name", raw: `http/1.1 200 OK\r\n${hi}`, rule: "http-version-syntax" },
  { name: "a two-digit minor version", raw: `HTTP/1.10 200 OK\r\n${hi}`, rule: "http-version-syntax" },
  { name: "a four-digit status code", raw: `HTTP/1.1 2000 OK\r\n${hi}`, rule: "status-code-syntax" },
  { name: "a status code under 100", raw: `HTTP/1.1 099 Low\r\n${hi}`, rule: "status-code-syntax" },
  { name: "a status code above 599", raw: `HTTP/1.1 600 High\r\n${hi}`, rule: "status-code-syntax" },
  { name: "a control character in the reason phrase", raw: `HTTP/1.1 200 O\x01K\r\n${hi}`, rule: "reason-phrase-syntax" },
  { name: "a bare CR in the reason phrase", raw: `HTTP/1.1 200 O\rK\r\n${hi}`, rule: "reason-phrase-syntax" },
  { name: "Content-Length twice, the same", raw: `${ok}Content-Length: 2\r\nContent-Length: 2\r\n\r\nhi`, rule: "content-length-repeated" },
  { name: "Content-Length as a list of the same value", raw: `${ok}Content-Length: 2, 2\r\n\r\nhi`, rule: "content-length-repeated" },
  { name: "Content-Length twice, different", raw: `${ok}Content-Length: 2\r\nContent-Length: 3\r\n\r\nhi`, rule: "content-length-conflict" },
  { name: "Content-Length not a number", raw: `${ok}Content-Length: 2x\r\n\r\nhi`, rule: "content-length-syntax" },
  { name: "a negative Content-Length", raw: `${ok}Content-Length: -1\r\n\r\nhi`, rule: "content-length-syntax" },
  { name: "Content-Length with Transfer-Encoding", raw: `${ok}Content-Length: 99\r\n${chunked}2\r\nhi\r\n0\r\n\r\n`, rule: "content-length-with-transfer-encoding" },
  { name: "a body shorter than Content-Length", raw: `${ok}Content-Length: 5\r\n\r\nhi`, rule: "body-shorter-than-content-length" },
  { name: "bytes beyond Content-Length", raw: `${ok}${hi}!!`, rule: "bytes-after-message" },
  { name: "a chunk size that is not hex", raw: `${ok}${chunked}zz\r\nhi\r\n0\r\n\r\n`, rule: "chunk-syntax" },
  { name: "no CRLF after chunk data", raw: `${ok}${chunked}2\r\nhi0\r\n\r\n`, rule: "chunk-syntax" },
  { name: "a bad chunk-ext", raw: `${ok}${chunked}2;=x\r\nhi\r\n0\r\n\r\n`, rule: "chunk-syntax" },
  { name: "BWS in a chunk-ext", raw: `${ok}${chunked}2 ; a=b\r\nhi\r\n0\r\n\r\n`, rule: "chunk-syntax" },
  { name: "a bare LF after a chunk size", raw: `${ok}${chunked}2\nhi\r\n0\r\n\r\n`, rule: "chunk-syntax" },
  { name: "a bad trailer line", raw: `${ok}${chunked}2\r\nhi\r\n0\r\nnot a field\r\n\r\n`, rule: "chunk-syntax" },
  { name: "a chunked body cut by the close", raw: `${ok}${chunked}2\r\nhi\r\n`, rule: "chunked-incomplete" },
  { name: "chunked applied twice", raw: `${ok}Transfer-Encoding: chunked, chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n`, rule: "chunked-applied-twice" },
  { name: "Transfer-Encoding to HTTP/1.0", raw: `${ok}${chunked}2\r\nhi\r\n0\r\n\r\n`, rule: "transfer-encoding-to-http10", opts: { requestVersion: "1.0" } },
  { name: "a final coding other than chunked", raw: `${ok}Transfer-Encoding: gzip\r\n\r\nhi`, rule: "transfer-coding-not-final-chunked" },
  { name: "a field name that is not a token", raw: `${ok}X(A): 1\r\n${hi}`, rule: "field-name-syntax" },
  { name: "a control character in a value", raw: `${ok}X-A: a\x01b\r\n${hi}`, rule: "field-value-syntax" },
  { name: "a NUL in a value", raw: `${ok}X-A: a\x00b\r\n${hi}`, rule: "field-value-syntax" },
  { name: "a line without a colon", raw: `${ok}no colon here\r\n${hi}`, rule: "field-line-syntax" },
  { name: "whitespace before the first field", raw: `${ok} X-A: 1\r\n${hi}`, rule: "whitespace-before-first-field" },
  { name: "Content-Length in a 204", raw: "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", rule: "body-not-allowed" },
  { name: "Transfer-Encoding in a 204", raw: "HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n", rule: "body-not-allowed" },
  { name: "content after a 204", raw: "HTTP/1.1 204 No Content\r\n\r\nhi", rule: "body-not-allowed" },
  { name: "content after a 304", raw: "HTTP/1.1 304 Not Modified\r\nContent-Length: 2\r\n\r\nhi", rule: "body-not-allowed" },
  { name: "content after an answer to HEAD", raw: `${ok}${hi}`, rule: "body-not-allowed", opts: { requestMethod: "HEAD" } },
  { name: "Content-Length in a 100", raw: `HTTP/1.1 100 Continue\r\nContent-Length: 0\r\n\r\n${ok}${hi}`, rule: "body-not-allowed" },
  { name: "a 1xx to HTTP/1.0", raw: `HTTP/1.1 100 Continue\r\n\r\n${ok}${hi}`, rule: "informational-to-http10", opts: { requestVersion: "1.0" } },
  { name: "Date twice", raw: `${ok}Date: Mon, 01 Jan 2024 00:00:00 GMT\r\nDate: Mon, 01 Jan 2024 00:00:01 GMT\r\n${hi}`, rule: "singleton-field-repeated" },
  { name: "Content-Type twice", raw: `${ok}Content-Type: text/plain\r\ncontent-type: text/html\r\n${hi}`, rule: "singleton-field-repeated" },
  { name: "an SSH banner", raw: "SSH-2.0-OpenSSH_9.6\r\n", rule: "not-http" },
  { name: "a JSON body with no head", raw: '{"success":true}', rule: "not-http" },
  { name: "an empty line before the status line", raw: `\r\n${ok}${hi}`, rule: "empty-line-before-status-line" },
  { name: "a head past the bound", raw: `${ok}X-Long: ${"a".repeat(200)}\r\n${hi}`, rule: "head-too-long", opts: { maxHeadBytes: 128 } },
  { name: "a head cut by the close", raw: `${ok}Content-Le`, rule: "message-incomplete" },
  { name: "a 100 and no final answer", raw: "HTTP/1.1 100 Continue\r\n\r\n", rule: "message-incomplete" },
];

export const GOOD_CASES: GoodCase[] = [
  { name: "Content-Length", raw: `${ok}Content-Type: application/json\r\nContent-Length: 16\r\n\r\n{"success":true}`, framing: "content-length", body: '{"success":true}' },
  { name: "Content-Length: 0", raw: `${ok}Content-Length: 0\r\n\r\n`, framing: "content-length", body: "" },
  {
    name: "chunked, with extensions and trailers",
    raw: `${ok}${chunked}5;name=value;q="a \\"b\\""\r\nhello\r\n0006\r\n world\r\n0;last\r\nDigest: sha-256=x\r\nX-More: y\r\n\r\n`,
    framing: "chunked", body: "hello world",
  },
  { name: "close-delimited, HTTP/1.0", raw: "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nto the close", framing: "close", body: "to the close", opts: { requestVersion: "1.0" } },
  { name: "close-delimited, HTTP/1.1", raw: `${ok}Connection: close\r\n\r\nto the close`, framing: "close", body: "to the close" },
  { name: "1xx then 200", raw: `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n${ok}${hi}`, framing: "content-length", body: "hi" },
  { name: "204", raw: "HTTP/1.1 204 No Content\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\n\r\n", framing: "none", body: "" },
  { name: "304 with its Content-Length", raw: "HTTP/1.1 304 Not Modified\r\nContent-Length: 2\r\nETag: \"x\"\r\n\r\n", framing: "none", body: "" },
  { name: "an answer to HEAD", raw: `${ok}Content-Length: 99\r\n\r\n`, framing: "none", body: "", opts: { requestMethod: "HEAD" } },
  { name: "no reason phrase, obs-text in a value", raw: `HTTP/1.1 404 \r\nX-Name: caf\xe9\r\nX-Empty:\r\n${hi}`, framing: "content-length", body: "hi" },
];
