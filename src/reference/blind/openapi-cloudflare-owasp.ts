import { generateKeyPairSync, X509Certificate } from "node:crypto";
import { bearerToken } from "../credential-formats.ts";
import { ERRORS } from "../envelopes.ts";
import { AUTH_REFUSALS, type Reply } from "../faults/types.ts";
import type { ErrorItem } from "../envelopes.ts";
import type { BlindFault } from "./types.ts";

/**
 * Blind faults from the operation's OpenAPI documents (the seed and the two upstream
 * revisions of cloudflare/api-schemas), Cloudflare's published API v4 conventions, and the
 * OWASP API Security Top 10 (2023). Written from those sources and the reference alone.
 */

const DAY_MS = 86_400_000;
const MANAGED_CA_NAME = "Cloudflare Managed CA for account";

type Json = Record<string, unknown>;

/** The error items of a failure body (empty for a body that is not an envelope). */
function errorItems(body: unknown): ErrorItem[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as ErrorItem[]) : [];
}

/** `0123...` (32 hex) as an 8-4-4-4-12 UUID string. */
function hyphenated(id: string): string {
  return /^[0-9a-f]{32}$/.test(id) ? `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}` : id;
}

let exposedKey: string | undefined;
/** A private key PEM, made once per process (what a server that generated the key pair would have kept). */
function privateKeyPem(): string {
  exposedKey ??= generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return exposedKey;
}

/** Replies to credential-checked details requests that succeeded, by request target (auth-refusal-served-from-cache). */
const servedByTarget = new Map<string, Reply>();

/** Credential refusals in the current one-second window (stricter-limit-on-refused-credentials). */
const refusedWindow = { start: 0, count: 0 };
const REFUSED_PER_SECOND = 10;

export const BLIND_OPENAPI_CLOUDFLARE_OWASP: BlindFault[] = [
  // ---------------------------------------------------------------- STATUS
  {
    name: "status-pending-hyphenated",
    kind: "defect",
    family: "STATUS",
    source: "openapi",
    cites: "seed openapi.json (and both upstream revisions), 200 schema, result.properties.status: \"enum\": [\"active\", \"pending_reactivation\", \"pending_revocation\", \"revoked\"]",
    description: "Spells the two in-progress statuses with a hyphen (\"pending-revocation\", \"pending-reactivation\"); active and revoked stay right. Shows on the default zone's certificates 2, 3, 5 and 6.",
    apply: {
      successBody(body) {
        const status = body.result.status;
        if (typeof status === "string" && status.startsWith("pending_")) body.result.status = status.replace("_", "-");
        return body;
      },
    },
  },
  {
    name: "status-in-progress-collapsed",
    kind: "defect",
    family: "STATUS",
    source: "openapi",
    cites: "openapi.json, result.properties.status.description: \"Client Certificates may be active or revoked, and the pending_reactivation or pending_revocation represent in-progress asynchronous transitions\"",
    description: "The details answer reports where a transition is heading instead of the transition: pending_revocation as \"revoked\", pending_reactivation as \"active\" (the list still says pending_*); shows on the default zone's certificates 2, 3, 5 and 6.",
    apply: {
      successBody(body) {
        if (body.result.status === "pending_revocation") body.result.status = "revoked";
        else if (body.result.status === "pending_reactivation") body.result.status = "active";
        return body;
      },
    },
  },

  // ---------------------------------------------------------------- ID
  {
    name: "result-id-hyphenated",
    kind: "defect",
    family: "ID",
    source: "openapi",
    cites: "openapi.json, result.properties.id: {\"description\": \"Identifier\", \"example\": \"023e105f4ecef8ad9ca31a8372d0c353\", \"maxLength\": 32, \"type\": \"string\"} (k5cEnN23_identifier / tls-certificates-and-hostnames_identifier upstream)",
    description: "result.id is the requested identifier re-formatted as a 36-character UUID (8-4-4-4-12 with hyphens): over maxLength 32 and no longer the id of the path; every 200.",
    apply: {
      successBody(body) {
        body.result.id = hyphenated(body.result.id);
        return body;
      },
    },
  },
  {
    name: "id-overlong-truncated",
    kind: "defect",
    family: "ID",
    source: "openapi",
    cites: "openapi.json, parameters zone_identifier and client_certificate_identifier: \"schema\": {\"maxLength\": 32, \"type\": \"string\"}",
    description: "An identifier over 32 characters whose first 32 are lower-case hex is cut to 32 and used, not refused: a real id plus any suffix gets the 200, and 33 'a's gets 404 instead of 400 7003.",
    apply: {
      idCheck(check, action) {
        const value = check.id.value;
        if (check.verdict === "overlong" && value !== undefined && /^[0-9a-f]{32}/.test(value)) return { action: "accept", id: value.slice(0, 32) };
        return action;
      },
    },
  },
  {
    name: "certificate-unknown-200-null",
    kind: "defect",
    family: "ID",
    source: "openapi",
    cites: "openapi.json, responses: \"200\": \"Client Certificate Details Response\" whose result is the certificate object (anyOf object/string, no null); \"4xx\": \"Client Certificate Details Response Failure\"",
    description: "A well-formed certificate id that names no certificate of the zone (e.g. 32 zeros) gets 200 {success:true, errors:[], messages:[], result:null} instead of a 4xx failure.",
    apply: {
      failure(outcome) {
        if (outcome.reason !== "certificate-unknown" || outcome.status !== 404) return outcome;
        return { ...outcome, status: 200, body: { success: true, errors: [], messages: [], result: null } };
      },
    },
  },
  {
    name: "zone-scope-ignored",
    kind: "defect",
    family: "ID",
    source: "owasp",
    cites: "OWASP API Security Top 10 2023, API1:2023 Broken Object Level Authorization: \"Every API endpoint that receives an ID of an object, and performs any action on the object, should implement object-level authorization checks. The checks should validate that the logged-in user has permissions to perform the requested action on the requested object.\"",
    description: "The certificate is looked up by its id alone: another zone's certificate requested under the zone under test (/zones/<zoneId>/client_certificates/<otherZoneCertificateIds[0]>) gets 200 with that certificate instead of 404.",
    apply: {
      lookup(input, next) {
        const r = next(input);
        if (r.kind === "refuse" && r.reason === "certificate-unknown") {
          const elsewhere = input.store.findAnywhere(input.certificateId);
          if (elsewhere) return { kind: "found", certificate: elsewhere };
        }
        return r;
      },
    },
  },

  // ---------------------------------------------------------------- ENV
  {
    name: "envelope-messages-omitted",
    kind: "defect",
    family: "ENV",
    source: "openapi",
    cites: "openapi.json, 200 schema (api-response-common): \"required\": [\"success\", \"errors\", \"messages\", \"result\"]; the 2024-08-06 revision keeps \"required\": [\"success\", \"errors\", \"messages\"]",
    description: "Every 200 leaves out the empty \"messages\" member (success, errors and result are there).",
    apply: {
      successBody(body) {
        const out: Json = { ...body };
        delete out.messages;
        return out;
      },
    },
  },
  {
    name: "result-wrapped-in-array",
    kind: "defect",
    family: "ENV",
    source: "openapi",
    cites: "openapi.json, 200 schema: api-response-single narrows result to \"anyOf\": [{\"type\": \"object\"}, {\"type\": \"string\"}] and client_certificate_response_single makes it the certificate object; only the list's api-response-common admits {\"type\": \"array\"}",
    description: "Every 200 carries the certificate as a one-element array (\"result\": [{...}]), as a list would.",
    apply: {
      successBody(body) {
        return { ...body, result: [body.result] };
      },
    },
  },

  // ---------------------------------------------------------------- RESULT
  {
    name: "validity-days-unrounded",
    kind: "defect",
    family: "RESULT",
    source: "openapi",
    cites: "openapi.json, result.properties.validity_days: {\"description\": \"The number of days the Client Certificate will be valid after the issued_on date\", \"example\": 3650, \"type\": \"integer\"}",
    description: "validity_days is the exact span in days, not rounded: whole-day certificates are unchanged, a span that misses a whole day by seconds becomes a fraction (default zone certificate 5: 10949.9999...).",
    apply: {
      successBody(body) {
        const r = body.result as Json;
        const from = Date.parse(String(r.issued_on));
        const to = Date.parse(String(r.expires_on));
        if (Number.isFinite(from) && Number.isFinite(to)) r.validity_days = (to - from) / DAY_MS;
        return body;
      },
    },
  },
  {
    name: "result-exposes-private-key",
    kind: "defect",
    family: "RESULT",
    source: "owasp",
    cites: "OWASP API Security Top 10 2023, API3:2023 Broken Object Property Level Authorization: \"An API endpoint is vulnerable if: The API endpoint exposes properties of an object that are considered sensitive and should not be read by the user.\"; How To Prevent: \"Keep returned data structures to the bare minimum\"",
    description: "Every 200 result carries an extra member \"private_key\" holding a PKCS#8 \"-----BEGIN PRIVATE KEY-----\" PEM beside the documented members.",
    apply: {
      successBody(body) {
        (body.result as Json).private_key = privateKeyPem();
        return body;
      },
    },
  },

  // ---------------------------------------------------------------- X509
  {
    name: "csr-of-neighbour",
    kind: "defect",
    family: "X509",
    source: "openapi",
    cites: "openapi.json, result.properties.csr: \"The Certificate Signing Request (CSR). Must be newline-encoded.\"; country/state/location/organization/organizational_unit: \"..., provided by the CSR\" (the CSR is the one this certificate was issued from)",
    description: "result.csr is the CSR of the next certificate of the same zone (store order, wrapping): a well-formed PKCS#10 PEM whose subject does not match the certificate's (nor the reported country/state/location/organization) and whose key often differs too (default certificates 1, 2, 4, 5); every 200 of a zone with two or more certificates.",
    apply: {
      successBody(body, ctx) {
        const list = ctx.store.certificates(ctx.certificate.zoneId);
        const i = list.findIndex((c) => c.id === ctx.certificate.id);
        const neighbour = i === -1 || list.length < 2 ? undefined : list[(i + 1) % list.length];
        if (neighbour) (body.result as Json).csr = (neighbour.result as Json).csr;
        return body;
      },
    },
  },
  {
    name: "state-location-swapped",
    kind: "defect",
    family: "X509",
    source: "openapi",
    cites: "openapi.json, result.properties.state: \"State, provided by the CSR\"; result.properties.location: \"Location, provided by the CSR\"",
    description: "state carries the subject's locality (L) and location its stateOrProvinceName (ST); every default certificate that has either (e.g. certificate 3: state \"Titusville\", location \"Texas\").",
    apply: {
      successBody(body) {
        const r = body.result as Json;
        const state = r.state;
        r.state = r.location;
        r.location = state;
        return body;
      },
    },
  },
  {
    name: "signature-from-subject-key",
    kind: "defect",
    family: "X509",
    source: "openapi",
    cites: "openapi.json, result.properties.signature: {\"description\": \"The type of hash used for the Client Certificate..\", \"example\": \"SHA256WithRSA\"}",
    description: "signature is named after the certificate's own (subject) key type instead of the algorithm the CA signed it with: an EC key signed by the RSA CA reads \"ECDSAWithSHA256\" (default certificates 2 and 5), an RSA key signed by the ECDSA CA reads \"SHA256WithRSA\" (certificate 3); the others are right.",
    apply: {
      successBody(body) {
        const r = body.result as Json;
        try {
          const type = new X509Certificate(String(r.certificate)).publicKey.asymmetricKeyType;
          if (type === "ec") r.signature = "ECDSAWithSHA256";
          else if (type === "rsa") r.signature = "SHA256WithRSA";
        } catch {
          // not a certificate: leave signature as it is
        }
        return body;
      },
    },
  },
  {
    name: "certificate-authority-always-managed",
    kind: "defect",
    family: "X509",
    source: "openapi",
    cites: "openapi.json, result.properties.certificate_authority: {\"description\": \"Certificate Authority used to issue the Client Certificate\", properties id, name}",
    description: "certificate_authority is always the \"Cloudflare Managed CA for account\" (its id and name), also for certificates another CA issued (default certificate 3, issued by the ECDSA test CA).",
    apply: {
      successBody(body, ctx) {
        const managed = ctx.store.all()
          .map((c) => (c.result as Json).certificate_authority as { id?: string; name?: string } | undefined)
          .find((ca) => ca?.name === MANAGED_CA_NAME);
        if (managed) (body.result as Json).certificate_authority = { id: managed.id, name: managed.name };
        return body;
      },
    },
  },

  // ---------------------------------------------------------------- AUTH
  {
    name: "auth-email-ignored",
    kind: "defect",
    family: "AUTH",
    source: "cloudflare",
    cites: "Cloudflare API v4 (openapi.json operation security and components.securitySchemes): the key scheme is the pair {\"api_email\": [], \"api_key\": []}, X-Auth-Email AND X-Auth-Key in one requirement; developers.cloudflare.com/fundamentals/api/how-to/make-api-calls: --header \"X-Auth-Email: <EMAIL>\" --header \"X-Auth-Key: <API_KEY>\"",
    description: "With no Authorization header, the right X-Auth-Key is accepted whatever X-Auth-Email says: absent, malformed or another account's email all get the 200.",
    apply: {
      authenticate(decision, configured) {
        if (decision.accepted || decision.presented.authorization !== undefined) return decision;
        if (decision.presented.key === configured.apiKey) return { accepted: true, scheme: "key", presented: decision.presented };
        return decision;
      },
    },
  },
  {
    name: "token-accepted-as-api-key",
    kind: "defect",
    family: "AUTH",
    source: "cloudflare",
    cites: "developers.cloudflare.com/fundamentals/api/troubleshooting: \"Occasionally customers will attempt to use an API token with an API key syntax. Ensure you are using the Bearer option rather than the email and API key pair.\"; make-api-calls: \"Cloudflare uses the RFC standard Authorization: Bearer <API_TOKEN> interface\"",
    description: "The API token sent as X-Auth-Key (with the account's X-Auth-Email) is accepted as if it were the Global API key, instead of refused as a malformed key (400 6003/6103).",
    apply: {
      authenticate(decision, configured) {
        if (decision.accepted || decision.presented.authorization !== undefined) return decision;
        const { email, key } = decision.presented;
        if (key === configured.token && email !== undefined && email.toLowerCase() === configured.email.toLowerCase()) {
          return { accepted: true, scheme: "key", presented: decision.presented };
        }
        return decision;
      },
    },
  },
  {
    name: "token-prefix-compared",
    kind: "defect",
    family: "AUTH",
    source: "owasp",
    cites: "OWASP API Security Top 10 2023, API2:2023 Broken Authentication: \"An API is vulnerable if it: ... Doesn't validate the authenticity of tokens.\"",
    description: "Bearer tokens are compared on their first 32 characters only: the real 40-character token with its last characters changed (or cut to 32) gets the 200 instead of 403 9109.",
    apply: {
      authenticate(decision, configured) {
        if (decision.accepted || decision.category !== "wrong-token" || decision.presented.authorization === undefined) return decision;
        const token = bearerToken(decision.presented.authorization);
        if (token !== undefined && token.length >= 32 && token.slice(0, 32) === configured.token.slice(0, 32)) {
          return { accepted: true, scheme: "token", presented: decision.presented };
        }
        return decision;
      },
    },
  },
  {
    name: "auth-refusal-served-from-cache",
    kind: "defect",
    family: "AUTH",
    source: "owasp",
    cites: "OWASP API Security Top 10 2023, API2:2023 Broken Authentication (\"Poorly implemented API authentication allows attackers to ... access resources without any authentication at all\"; vulnerable if it \"Doesn't validate the authenticity of tokens\") and API8:2023 (\"There are discrepancies in the way incoming requests are processed by servers in the HTTP server chain\")",
    description: "A response cache in front of the credential check: once a details URL was answered 200, the same URL without credentials (or with wrong ones) gets that cached 200; depends on request order (fresh URLs are still refused).",
    apply: {
      reply(reply, ctx) {
        const target = ctx.request.target;
        if (ctx.kind === "success" && ctx.operation === "details" && reply.status === 200) {
          if (servedByTarget.size >= 1000) servedByTarget.clear();
          servedByTarget.set(target, reply);
          return reply;
        }
        if (ctx.kind === "failure" && ctx.reason !== undefined && AUTH_REFUSALS.has(ctx.reason)) {
          const cached = servedByTarget.get(target);
          if (cached) return { ...cached, headers: { ...cached.headers } };
        }
        return reply;
      },
    },
  },

  // ---------------------------------------------------------------- HTTP
  {
    name: "content-type-depends-on-accept",
    kind: "defect",
    family: "HTTP",
    source: "openapi",
    cites: "openapi.json, responses \"200\" and \"4xx\": \"content\": {\"application/json\": {...}} (the only media type either response has)",
    description: "When the request's Accept names neither application/json nor application/* (absent, or */* as curl and fetch send by default) every answer is labelled \"text/plain; charset=utf-8\"; with Accept: application/json it is right.",
    apply: {
      reply(reply, ctx) {
        if (reply.raw !== undefined || reply.hang || reply.reset) return reply;
        const accept = ctx.request.headers.accept;
        if (accept !== undefined && /application\/(json|\*)/i.test(accept)) return reply;
        return { ...reply, headers: { ...reply.headers, "content-type": "text/plain; charset=utf-8" } };
      },
    },
  },
  {
    name: "cache-control-max-age-for-key-auth",
    kind: "defect",
    family: "HTTP",
    source: "owasp",
    cites: "OWASP API Security Top 10 2023, API8:2023 Security Misconfiguration: \"The API might be vulnerable if: ... Security or cache control directives are not sent to clients\"; Scenario #2: private data \"end-up cached\"",
    description: "A 200 to a request authenticated with X-Auth-Email/X-Auth-Key (no Authorization header, so shared caches get no automatic protection) carries \"cache-control: max-age=3600\", making the certificate details storable and reusable by shared caches; bearer-authenticated 200s carry none.",
    apply: {
      reply(reply, ctx) {
        if (ctx.kind !== "success" || ctx.operation !== "details" || ctx.request.headers.authorization !== undefined) return reply;
        return { ...reply, headers: { ...reply.headers, "cache-control": "max-age=3600" } };
      },
    },
  },
  {
    name: "retry-after-milliseconds",
    kind: "defect",
    family: "HTTP",
    source: "cloudflare",
    cites: "developers.cloudflare.com/fundamentals/api/reference/limits, Rate limiting headers: \"retry-after: The number of seconds, rounded up, until more capacity is available.\"",
    description: "A 429's Retry-After gives the wait in milliseconds (\"1000\" where capacity returns in 1 s); everything else of the 429 is right. Shows once the rate limit is exceeded.",
    apply: {
      failure(outcome) {
        if (outcome.reason !== "rate-limited") return outcome;
        const seconds = Number(outcome.headers["retry-after"]);
        if (!Number.isFinite(seconds)) return outcome;
        return { ...outcome, headers: { ...outcome.headers, "retry-after": String(seconds * 1000) } };
      },
    },
  },
  {
    name: "trace-echoes-credentials",
    kind: "defect",
    family: "HTTP",
    source: "owasp",
    cites: "OWASP API Security Top 10 2023, API8:2023 Security Misconfiguration: \"Unnecessary features are enabled (e.g. HTTP verbs, logging features)\"; How To Prevent: \"Be specific about which HTTP verbs each API can be accessed by: all other HTTP verbs should be disabled\"",
    description: "TRACE is enabled on every path: 200 \"message/http\" echoing the request line and all headers, Authorization and X-Auth-Key included, instead of 405 with the failure envelope.",
    apply: {
      request(req) {
        if (req.method !== "TRACE") return undefined;
        const lines = [`TRACE ${req.target} HTTP/${req.httpVersion}`];
        for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        return { status: 200, headers: { "content-type": "message/http" }, body: `${lines.join("\r\n")}\r\n\r\n` };
      },
    },
  },

  // ---------------------------------------------------------------- ERR
  {
    name: "rate-limited-plain-1015",
    kind: "defect",
    family: "ERR",
    source: "cloudflare",
    cites: "Cloudflare API v4 envelope {success, errors, messages, result} with error objects {code, message} (openapi.json \"4xx\": api-response-common-failure, required [success, errors, messages, result]); developers.cloudflare.com/fundamentals/api/reference/limits: \"all API calls for the next five minutes will be blocked, receiving a HTTP 429 response\"",
    description: "Over the rate limit the 429 (status and Retry-After right) has the edge's text/plain body \"error code: 1015\" instead of the JSON failure envelope.",
    apply: {
      reply(reply, ctx) {
        if (ctx.reason !== "rate-limited") return reply;
        return { ...reply, headers: { ...reply.headers, "content-type": "text/plain; charset=UTF-8" }, body: "error code: 1015" };
      },
    },
  },
  {
    name: "failure-result-empty-object",
    kind: "defect",
    family: "ERR",
    source: "openapi",
    cites: "openapi.json, \"4xx\" schema (api-response-common-failure): \"result\": {\"enum\": [null], \"nullable\": true, \"type\": \"object\"}",
    description: "The 400 7003 refusal of an overlong or malformed identifier has \"result\": {} instead of null; the other refusals are right.",
    apply: {
      failure(outcome) {
        if (outcome.reason !== "id-overlong" && outcome.reason !== "id-malformed") return outcome;
        return { ...outcome, body: { ...(outcome.body as Json), result: {} } };
      },
    },
  },
  {
    name: "credential-error-code-is-status",
    kind: "defect",
    family: "ERR",
    source: "openapi",
    cites: "openapi.json, \"4xx\" schema, errors.items.properties.code: {\"minimum\": 1000, \"type\": \"integer\"}",
    description: "Credential refusals (missing, malformed, wrong key or token) carry the HTTP status as the error code (400 or 403 instead of 9106, 6003, 9103, 9109); messages stay right, other refusals are right.",
    apply: {
      failure(outcome) {
        if (!AUTH_REFUSALS.has(outcome.reason)) return outcome;
        const errors = errorItems(outcome.body).map((e) => ({ ...e, code: outcome.status }));
        return { ...outcome, body: { ...(outcome.body as Json), errors } };
      },
    },
  },
  {
    name: "not-found-message-stack-trace",
    kind: "defect",
    family: "ERR",
    source: "owasp",
    cites: "OWASP API Security Top 10 2023, API8:2023 Security Misconfiguration: \"Error messages include stack traces, or expose other sensitive information\"; How To Prevent: \"define and enforce all API response payload schemas, including error responses, to prevent exception traces and other valuable information from being sent back to attackers\"",
    description: "The 404 for an unknown certificate id keeps code 1404 but its message is the exception with its stack trace (file paths and line numbers of the server's source).",
    apply: {
      failure(outcome) {
        if (outcome.reason !== "certificate-unknown" || outcome.status !== 404) return outcome;
        const errors = errorItems(outcome.body).map((e) => ({
          ...e,
          message: `NotFoundError: ${e.message}\n    at CertificateStore.find (/srv/api/src/store.ts:51:17)\n    at lookup (/srv/api/src/handler.ts:63:22)\n    at respond (/srv/api/src/handler.ts:112:19)`,
        }));
        return { ...outcome, body: { ...(outcome.body as Json), errors } };
      },
    },
  },
  {
    name: "missing-credentials-errors-empty",
    kind: "defect",
    family: "ERR",
    source: "cloudflare",
    cites: "Cloudflare API v4 failure envelope: errors carry error objects {code, message}; openapi.json \"4xx\" schema: errors \"minLength\": 1 with \"example\": [{\"code\": 7003, \"message\": \"No route for the URI\"}], success \"enum\": [false]",
    description: "The 400 for a request with no credential headers has \"errors\": [] and puts {9106, \"Missing X-Auth-Key, X-Auth-Email or Authorization headers\"} in \"messages\"; the other refusals are right.",
    apply: {
      failure(outcome) {
        if (outcome.reason !== "missing") return outcome;
        return { ...outcome, body: { ...(outcome.body as Json), errors: [], messages: errorItems(outcome.body) } };
      },
    },
  },

  // ---------------------------------------------------------------- CONFORMANT
  {
    name: "informational-message-on-success",
    kind: "conformant",
    source: "openapi",
    cites: "openapi.json, 200 schema: \"messages\": {\"type\": \"array\", \"items\": {\"properties\": {\"code\": {\"minimum\": 1000, \"type\": \"integer\"}, \"message\": {\"type\": \"string\"}}, \"required\": [\"code\", \"message\"]}} (no maxItems: the array may hold messages on a success)",
    description: "Every 200 carries one informational item in messages, {\"code\": 10100, \"message\": \"API Shield client certificate details retrieved\"}; errors stays [] and result is unchanged.",
    apply: {
      successBody(body) {
        return { ...body, messages: [{ code: 10100, message: "API Shield client certificate details retrieved" }] };
      },
    },
  },
  {
    name: "error-items-documentation-url",
    kind: "conformant",
    source: "openapi",
    cites: "openapi.json, \"4xx\" schema, errors.items: {\"properties\": {\"code\", \"message\"}, \"required\": [\"code\", \"message\"], \"type\": \"object\"} with no additionalProperties restriction: an error object may carry more members",
    description: "Every error item of every refusal also carries \"documentation_url\": \"https://developers.cloudflare.com/api/\" (codes, messages, error_chain, statuses unchanged).",
    apply: {
      failure(outcome) {
        const items = errorItems(outcome.body);
        if (items.length === 0) return outcome;
        const errors = items.map((e) => ({ ...e, documentation_url: "https://developers.cloudflare.com/api/" }));
        return { ...outcome, body: { ...(outcome.body as Json), errors } };
      },
    },
  },
  {
    name: "ratelimit-headers-x-prefixed",
    kind: "conformant",
    source: "cloudflare",
    cites: "developers.cloudflare.com/fundamentals/api/reference/limits, Rate limiting headers (one published revision): \"x-ratelimit-limit: The total number of requests a caller can make. x-ratelimit-remaining: The number of remaining requests before the rate limit takes effect. retry-after: ... x-ratelimit-reset: The RFC 1123 formatted date when more capacity is available.\"",
    description: "Reports the rate limit with x-ratelimit-limit / x-ratelimit-remaining (and x-ratelimit-reset, an RFC 1123 date, on a 429) instead of ratelimit / ratelimit-policy; same numbers, Retry-After unchanged.",
    apply: {
      reply(reply) {
        const rl = reply.headers.ratelimit;
        const policy = reply.headers["ratelimit-policy"];
        if (rl === undefined || policy === undefined) return reply;
        const remaining = /;r=(\d+)/.exec(rl)?.[1];
        const reset = /;t=(\d+)/.exec(rl)?.[1];
        const limit = /;q=(\d+)/.exec(policy)?.[1];
        if (remaining === undefined || limit === undefined) return reply;
        const headers: Record<string, string> = { ...reply.headers };
        delete headers.ratelimit;
        delete headers["ratelimit-policy"];
        headers["x-ratelimit-limit"] = limit;
        headers["x-ratelimit-remaining"] = remaining;
        if (reply.status === 429 && reset !== undefined) headers["x-ratelimit-reset"] = new Date(Date.now() + Number(reset) * 1000).toUTCString();
        return { ...reply, headers };
      },
    },
  },
  {
    name: "security-headers-no-store",
    kind: "conformant",
    source: "owasp",
    cites: "OWASP API Security Top 10 2023, API8:2023 Security Misconfiguration: vulnerable if \"Security or cache control directives are not sent to clients\"; How To Prevent: \"include applicable Security Headers\"",
    description: "Every answer adds \"cache-control: no-store\", \"x-content-type-options: nosniff\", \"x-frame-options: DENY\" and \"content-security-policy: default-src 'none'; frame-ancestors 'none'\"; status, content type and body unchanged.",
    apply: {
      reply(reply) {
        if (reply.raw !== undefined || reply.hang || reply.reset) return reply;
        return {
          ...reply,
          headers: {
            ...reply.headers,
            "cache-control": "no-store",
            "x-content-type-options": "nosniff",
            "x-frame-options": "DENY",
            "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
          },
        };
      },
    },
  },
  {
    name: "stricter-limit-on-refused-credentials",
    kind: "conformant",
    source: "owasp",
    cites: "OWASP API Security Top 10 2023, API2:2023 Broken Authentication, How To Prevent: \"Implement anti-brute force mechanisms to mitigate credential stuffing, dictionary attacks, and brute force attacks on your authentication endpoints. This mechanism should be stricter than the regular rate limiting mechanisms on your APIs.\"; Cloudflare limits: exceeding a limit gets \"a HTTP 429 response\", and \"Some specific API calls have their own limits\"",
    description: "More than 10 credential refusals within one second: the further ones in that second get 429 with the rate-limit failure envelope (code 10000) and Retry-After: 1 instead of their 400/403; good credentials are never affected.",
    apply: {
      reply(reply, ctx) {
        if (ctx.kind !== "failure" || ctx.reason === undefined || !AUTH_REFUSALS.has(ctx.reason)) return reply;
        const now = Date.now();
        if (now - refusedWindow.start >= 1000) {
          refusedWindow.start = now;
          refusedWindow.count = 0;
        }
        refusedWindow.count++;
        if (refusedWindow.count <= REFUSED_PER_SECOND) return reply;
        const headers: Record<string, string> = { ...reply.headers, "content-type": "application/json", "retry-after": "1" };
        if (headers.ratelimit !== undefined) headers.ratelimit = "\"auth\";r=0;t=1";
        if (headers["ratelimit-policy"] !== undefined) headers["ratelimit-policy"] = `${headers["ratelimit-policy"]}, "auth";q=${REFUSED_PER_SECOND};w=1`;
        return { ...reply, status: 429, headers, body: JSON.stringify({ success: false, errors: [ERRORS.rateLimited()], messages: [], result: null }) };
      },
    },
  },
];
