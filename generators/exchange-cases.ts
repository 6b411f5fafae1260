import {
  AUTH_EMAIL_WITHOUT_KEY_REFUSED, AUTH_KEY_WRONG_REFUSED, AUTH_MALFORMED_REFUSED, AUTH_MISPLACED_REFUSED, AUTH_MISSING_REFUSED, AUTH_TOKEN_NEAR_MISS_REFUSED,
  AUTH_TOKEN_WRONG_REFUSED, HTTP_PATH_EXACT, ID_MALFORMED_REFUSED, ID_MAXLENGTH_CERTIFICATE, ID_MAXLENGTH_ZONE, ID_UNKNOWN_REFUSED, ID_ZONE_SCOPED,
} from "../src/registry/index.ts";
import type { Requirement } from "../src/registry/types.ts";

/**
 * The requests of a conformance run, as far as their answers care: what each asks (a read of
 * an existing certificate, credentials that must be refused, an identifier that must be
 * refused), and which answers are correct. The generators name requests by case; a run's probe
 * plan has these facts on each probe, so a conversation can be generated for any plan.
 */

/** What a request asks (the probe plan's selectors, as plain values). */
export interface RequestFacts {
  readonly kind: "read" | "auth" | "id" | "path" | "control" | "list" | "method";
  /** Requests with another method than GET (kind "method"): which ("OPTIONS", "TRACE"). */
  readonly method?: string;
  /** Reads: the credential scheme they use. */
  readonly scheme?: "key" | "token";
  /** A second read of a certificate already read with this scheme. */
  readonly repeat?: boolean;
  /** Credential requests: which wrong credentials (the plan's AuthCase: "missing", "wrong-key", "token-last-changed", ...). */
  readonly authCase?: string;
  /** Identifier requests: which wrong identifier (the plan's IdCase: "overlong", "malformed", "unknown", "other-zone"). */
  readonly idCase?: string;
  readonly idPosition?: "zone" | "certificate";
  /** The certificate the request names (reads: the one that must come back). */
  readonly certificateId?: string;
  /** The plan's key of the request (what `sameAnswerAs` names). */
  readonly key?: string;
  /** Reads asked another legitimate way: which (the plan's ReadVariant: "accept-any", "encoding-gzip", "keep-alive-second", ...). */
  readonly variant?: string;
  /** What a conforming server answers ("200", "4xx", "200-or-406", "200-or-4xx"). */
  readonly expect?: string;
  /** Request headers added to the client's defaults (Accept, Accept-Encoding). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Default request headers left out. */
  readonly withoutHeaders?: readonly string[];
  /** Sent on one kept-alive connection with the other requests of the group, in order. */
  readonly connection?: { readonly group: string; readonly step: number };
  /** The request said Connection: close, and the client waited to see the server close. */
  readonly awaitClose?: boolean;
  /** Must be refused exactly as the request of `key` is (status and error codes). */
  readonly sameAnswerAs?: { readonly key: string; readonly requirement: string };
}

const read = (scheme?: "key" | "token", repeat?: boolean) => (f: RequestFacts) => f.kind === "read" && (scheme === undefined || f.scheme === scheme) && (repeat === undefined || f.repeat === repeat);
const variant = (name: string) => (f: RequestFacts) => f.kind === "read" && f.variant === name;
const twin = (requirement: string) => (f: RequestFacts) => f.sameAnswerAs?.requirement === requirement;
const auth = (...cases: string[]) => (f: RequestFacts) => f.kind === "auth" && cases.includes(f.authCase ?? "");
const id = (idCase: string, position?: "zone" | "certificate") => (f: RequestFacts) => f.kind === "id" && f.idCase === idCase && (position === undefined || f.idPosition === position);

/**
 * Which requests a case names. A mutation "on" a case changes the first such answer (or, where
 * it says so, every one); the refusal cases name one credential or identifier probe each, except
 * "refusal-malformed" (any malformed credentials, the first one sent).
 */
const CASES = {
  "read-key": read("key"),
  "read-token": read("token"),
  /** The second read of the first certificate (RESULT-READS-AGREE compares it with the first). */
  "read-again": read(undefined, true),
  /** Reads asked another legitimate way (the first certificate, the primary scheme). */
  "read-accept-any": variant("accept-any"),
  "read-encoding-gzip": variant("encoding-gzip"),
  "read-encoding-refused": variant("encoding-gzip-refused"),
  "read-header-names-upper-case": variant("header-names-upper-case"),
  "read-credential-spelling": variant("credential-spelling"),
  "read-keep-alive-first": variant("keep-alive-first"),
  "read-keep-alive-second": variant("keep-alive-second"),
  /** A read sent to see whether the server still answers after requests went unanswered. */
  "control": (f: RequestFacts) => f.kind === "control",
  "refusal-missing": auth("missing"),
  "refusal-wrong-key": auth("wrong-key"),
  "refusal-unknown-email": auth("unknown-email"),
  "refusal-email-without-key": auth("email-without-key"),
  "refusal-malformed": auth("malformed-bearer", "malformed-email", "malformed-key"),
  "refusal-malformed-email": auth("malformed-email"),
  "refusal-malformed-key": auth("malformed-key"),
  "refusal-malformed-bearer": auth("malformed-bearer"),
  "refusal-wrong-token": auth("wrong-token"),
  // Near misses of the configured credentials (sent only when they are configured).
  "refusal-key-wrong": auth("key-wrong"),
  "refusal-email-wrong": auth("email-wrong"),
  "refusal-key-digit-changed": auth("key-digit-changed"),
  "refusal-token-last-changed": auth("token-last-changed"),
  "refusal-token-char-dropped": auth("token-char-dropped"),
  "refusal-token-char-added": auth("token-char-added"),
  "refusal-token-case-flipped": auth("token-case-flipped"),
  "refusal-key-char-dropped": auth("key-char-dropped"),
  "refusal-key-char-added": auth("key-char-added"),
  // Good credentials in the wrong place (sent only when they are configured).
  "refusal-token-without-scheme": auth("token-without-scheme"),
  "refusal-token-other-scheme": auth("token-other-scheme"),
  "refusal-token-as-key": auth("token-as-key"),
  "refusal-key-as-bearer": auth("key-as-bearer"),
  /** The refusal without credentials for a certificate that does not exist, which must be the one for the real certificate. */
  "refusal-twin-unknown-certificate": twin("AUTH-EXISTENCE-HIDDEN"),
  "id-overlong-zone": id("overlong", "zone"),
  "id-overlong-certificate": id("overlong", "certificate"),
  "id-malformed": id("malformed"),
  "id-unknown": id("unknown"),
  "id-other-zone": id("other-zone"),
  /** Under the other zone, a certificate that does not exist, which must be refused as the real one is there. */
  "id-twin-unknown-certificate": twin("ID-EXISTENCE-HIDDEN"),
  /** The operation's path with one literal segment changed. */
  "path-changed": (f: RequestFacts) => f.kind === "path",
  /** A certificate's path asked with another method (refused 405, Allow: GET, by a server that serves GET alone). */
  "method-options": (f: RequestFacts) => f.kind === "method" && f.method === "OPTIONS",
  "method-trace": (f: RequestFacts) => f.kind === "method" && f.method === "TRACE",
} satisfies Record<string, (f: RequestFacts) => boolean>;

/** A kind of request, by what a conforming server must answer to it. */
export type ExchangeCase = keyof typeof CASES;

/** Every case. */
export const EXCHANGE_CASES = Object.keys(CASES) as ExchangeCase[];

/** True when `facts` is a request of `exchange`. */
export function isRequestOf(exchange: ExchangeCase, facts: RequestFacts): boolean {
  return CASES[exchange](facts);
}

/** The requests answered 200. */
export const READ_CASES: readonly ExchangeCase[] = ["read-key", "read-token"];
/** The requests whose credentials must be refused. */
export const REFUSAL_CASES: readonly ExchangeCase[] = EXCHANGE_CASES.filter((c) => c.startsWith("refusal-"));
/** The requests whose identifier (or path) must be refused. */
export const ID_CASES: readonly ExchangeCase[] = EXCHANGE_CASES.filter((c) => c.startsWith("id-") || c.startsWith("path-"));

/** True for the cases answered 200 (reads, re-reads, reads asked another way, control reads). */
export const isReadCase = (c: ExchangeCase) => c.startsWith("read-") || c === "control";

/** The requirement that a refusal case's answer must be a refusal by (the one a certificate served to it fails). */
export const REFUSED_BY: Readonly<Partial<Record<ExchangeCase, Requirement>>> = {
  "refusal-missing": AUTH_MISSING_REFUSED,
  "refusal-wrong-key": AUTH_KEY_WRONG_REFUSED,
  "refusal-unknown-email": AUTH_KEY_WRONG_REFUSED,
  "refusal-key-wrong": AUTH_KEY_WRONG_REFUSED,
  "refusal-email-wrong": AUTH_KEY_WRONG_REFUSED,
  "refusal-key-digit-changed": AUTH_KEY_WRONG_REFUSED,
  "refusal-email-without-key": AUTH_EMAIL_WITHOUT_KEY_REFUSED,
  "refusal-malformed": AUTH_MALFORMED_REFUSED,
  "refusal-malformed-email": AUTH_MALFORMED_REFUSED,
  "refusal-malformed-key": AUTH_MALFORMED_REFUSED,
  "refusal-malformed-bearer": AUTH_MALFORMED_REFUSED,
  "refusal-wrong-token": AUTH_TOKEN_WRONG_REFUSED,
  "refusal-token-last-changed": AUTH_TOKEN_NEAR_MISS_REFUSED,
  "refusal-token-char-dropped": AUTH_TOKEN_NEAR_MISS_REFUSED,
  "refusal-token-char-added": AUTH_TOKEN_NEAR_MISS_REFUSED,
  "refusal-token-case-flipped": AUTH_TOKEN_NEAR_MISS_REFUSED,
  "refusal-key-char-dropped": AUTH_KEY_WRONG_REFUSED,
  "refusal-key-char-added": AUTH_KEY_WRONG_REFUSED,
  "refusal-token-without-scheme": AUTH_MISPLACED_REFUSED,
  "refusal-token-other-scheme": AUTH_MISPLACED_REFUSED,
  "refusal-token-as-key": AUTH_MISPLACED_REFUSED,
  "refusal-key-as-bearer": AUTH_MISPLACED_REFUSED,
  "id-overlong-zone": ID_MAXLENGTH_ZONE,
  "id-overlong-certificate": ID_MAXLENGTH_CERTIFICATE,
  "id-malformed": ID_MALFORMED_REFUSED,
  "id-unknown": ID_UNKNOWN_REFUSED,
  "id-other-zone": ID_ZONE_SCOPED,
  "path-changed": HTTP_PATH_EXACT,
};

/** The requirement a request must be refused by, when it must be refused. */
export function refusedBy(facts: RequestFacts): Requirement | undefined {
  const exchange = EXCHANGE_CASES.find((c) => c !== "refusal-malformed" && REFUSED_BY[c] && isRequestOf(c, facts));
  return exchange && REFUSED_BY[exchange];
}

/** Statuses a credential refusal is written with (AUTH-REFUSAL-STATUS: 400, 401 or 403). */
export const CREDENTIAL_REFUSAL_STATUSES: readonly number[] = [400, 401, 403];
/** Statuses an identifier refusal is written with (any 4xx but 429; these are the ones servers use). */
export const IDENTIFIER_REFUSAL_STATUSES: readonly number[] = [400, 403, 404];

/** The statuses a correct answer to the request has. */
export function correctStatuses(facts: RequestFacts): readonly number[] {
  if (facts.kind === "auth") return CREDENTIAL_REFUSAL_STATUSES;
  if (facts.kind === "id" || facts.kind === "path") return IDENTIFIER_REFUSAL_STATUSES;
  if (facts.kind === "method") return [405];
  return [200];
}
