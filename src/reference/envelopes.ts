/**
 * Cloudflare's envelopes and the error codes the reference answers with. Codes and
 * messages follow Cloudflare's published answers where there is one; the rest are
 * chosen here (marked "chosen") and are >= 1000, as the failure schema requires.
 */

/** One item of `errors` / `messages`; Cloudflare nests the causes of 6003 in `error_chain`. */
export interface ErrorItem {
  code: number;
  message: string;
  error_chain?: ErrorItem[];
}

export interface FailureEnvelope {
  success: false;
  errors: ErrorItem[];
  messages: ErrorItem[];
  result: null;
}

export interface SuccessEnvelope<T> {
  success: true;
  errors: ErrorItem[];
  messages: ErrorItem[];
  result: T;
}

/** Cloudflare's `result_info` of a paginated list. */
export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

export interface ListEnvelope<T> extends SuccessEnvelope<T[]> {
  result_info: ResultInfo;
}

/** Every error the reference sends, by what it means. */
export const ERRORS = {
  /** 400: no credential header at all (Cloudflare's published message). */
  missingCredentials: (): ErrorItem => ({ code: 9106, message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers" }),
  /** 400: a credential header that cannot be a credential; `chain` names which (6102 / 6103 / 6111). */
  invalidHeaders: (chain: ErrorItem[]): ErrorItem => ({ code: 6003, message: "Invalid request headers", error_chain: chain }),
  invalidEmailFormat: (): ErrorItem => ({ code: 6102, message: "Invalid format for X-Auth-Email header" }),
  invalidKeyFormat: (): ErrorItem => ({ code: 6103, message: "Invalid format for X-Auth-Key header" }),
  invalidAuthorizationFormat: (): ErrorItem => ({ code: 6111, message: "Invalid format for Authorization header" }),
  /** 403: a well-formed key or email that matches no account. */
  unknownKey: (): ErrorItem => ({ code: 9103, message: "Unknown X-Auth-Key or X-Auth-Email" }),
  /** 403: a well-formed token that is not a valid token. */
  invalidToken: (): ErrorItem => ({ code: 9109, message: "Invalid access token" }),
  /** 403: a zone the credentials cannot reach (what Cloudflare answers a token for a zone outside its scope). */
  zoneUnauthorized: (): ErrorItem => ({ code: 9109, message: "Unauthorized to access requested resource" }),
  /** 404: no such path. */
  noRoute: (): ErrorItem => ({ code: 7000, message: "No route for that URI" }),
  /** 405: a method other than GET on a known path. */
  methodNotAllowed: (method: string): ErrorItem => ({ code: 7001, message: `Method ${method} not available for that URI.` }),
  /** 400: an identifier over 32 characters or not 32 lower-case hex digits. */
  couldNotRoute: (path: string): ErrorItem => ({ code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` }),
  /** 404 (code chosen): a well-formed certificate id that names no certificate of the zone. */
  certificateNotFound: (): ErrorItem => ({ code: 1404, message: "Client certificate not found" }),
  /** 400 (code chosen): a list query parameter out of range. */
  invalidQuery: (name: string, why: string): ErrorItem => ({ code: 1002, message: `Invalid value for query parameter ${name}: ${why}` }),
  /** 429: Cloudflare answers code 971, below the schema's minimum of 1000, so the reference uses 10000. */
  rateLimited: (): ErrorItem => ({ code: 10000, message: "Rate limited. Please wait and consider throttling your request speed" }),
  /** 400 (code chosen): a request Node's HTTP parser cannot read (bad request line). */
  badRequest: (): ErrorItem => ({ code: 6000, message: "Bad request" }),
  /** 500 (code chosen): a bug in the reference, or a fault that answers with a 5xx. */
  internal: (): ErrorItem => ({ code: 10001, message: "Internal server error" }),
} as const;

export function failureEnvelope(...errors: ErrorItem[]): FailureEnvelope {
  return { success: false, errors, messages: [], result: null };
}

export function successEnvelope<T>(result: T): SuccessEnvelope<T> {
  return { success: true, errors: [], messages: [], result };
}

export function listEnvelope<T>(result: T[], info: ResultInfo): ListEnvelope<T> {
  return { success: true, errors: [], messages: [], result, result_info: info };
}
