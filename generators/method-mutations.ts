import { HTTP_ALLOW_ACCURATE, HTTP_TRACE_REFUSED } from "../src/registry/index.ts";
import type { GeneratedResponse } from "./conversations.ts";
import { responseMutation, type ResponseMutation } from "./mutation.ts";

/**
 * Answers to the other methods a URL run sends on a certificate's path (OPTIONS, TRACE), which a
 * server that serves GET alone refuses 405 with Allow: GET: an Allow that contradicts the refusal,
 * none at all, and a TRACE served with the request it received.
 */

const withAllow = (r: GeneratedResponse, allow: string | undefined): GeneratedResponse => {
  const { allow: _dropped, ...headers } = r.headers;
  return { ...r, headers: allow === undefined ? headers : { ...headers, allow } };
};

/** HTTP-ALLOW-ACCURATE: OPTIONS refused 405 with an Allow that lists OPTIONS (a framework's default list). */
export const allowListsRefusedMethod = responseMutation(HTTP_ALLOW_ACCURATE, "allow-lists-the-refused-method", "method-options", (r) => withAllow(r, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"));
/** HTTP-ALLOW-ACCURATE: TRACE refused 405 without Allow. */
export const allowMissingOn405 = responseMutation(HTTP_ALLOW_ACCURATE, "allow-missing-on-405", "method-trace", (r) => withAllow(r, undefined));
/** HTTP-ALLOW-ACCURATE: OPTIONS refused 405 with an Allow that leaves GET out. */
export const allowWithoutGet = responseMutation(HTTP_ALLOW_ACCURATE, "allow-without-get", "method-options", (r) => withAllow(r, "HEAD"));
/** HTTP-TRACE-REFUSED: TRACE served, 200 message/http with the request line it received. */
export const traceReflected = responseMutation(HTTP_TRACE_REFUSED, "trace-reflected", "method-trace", (r) => {
  const body = "TRACE /client/v4/zones/x/client_certificates/y HTTP/1.1\r\nHost: api.example.test\r\n\r\n";
  const { allow: _dropped, ...headers } = r.headers;
  return { ...r, status: 200, headers: { ...headers, "content-type": "message/http", "content-length": String(body.length) }, body };
});

export const METHOD_MUTATIONS: readonly ResponseMutation[] = [allowListsRefusedMethod, allowMissingOn405, allowWithoutGet, traceReflected];
