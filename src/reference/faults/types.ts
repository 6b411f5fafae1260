import type { IncomingHttpHeaders } from "node:http";
import type { AuthDecision, RefusalCategory } from "../auth.ts";
import type { SuccessEnvelope } from "../envelopes.ts";
import type { IdPosition, IdVerdict, Operation, PathId } from "../routing.ts";
import type { CertificateRecord, CertificateStore, StoredCertificate } from "../store.ts";
import type { Family } from "../../registry/types.ts";
import type { ReferenceCredentials } from "../config.ts";

/** Why the reference refused a request: the credential categories, and the rest of its refusals. */
export type RefusalReason =
  | RefusalCategory
  | "rate-limited" | "route" | "method" | "query"
  | "id-overlong" | "id-malformed"
  | "zone-unknown" | "certificate-unknown";

/** The reasons that are credential refusals (AUTH-*). */
export const AUTH_REFUSALS: ReadonlySet<RefusalReason> = new Set<RefusalReason>([
  "missing", "malformed", "email-without-key", "key-without-email", "wrong-key", "wrong-token", "scheme-refused",
]);

/** One identifier of the path being checked. */
export interface IdCheck {
  position: IdPosition;
  id: PathId;
  verdict: IdVerdict;
  /** The zone already accepted (certificate position only). */
  zoneId?: string;
  store: CertificateStore;
  /** The zone under test. */
  defaultZoneId: string;
}

/** What to do with an identifier: use it (as `id`), refuse it with 7003, or fail with a status (a fault's 5xx). */
export type IdAction = { action: "accept"; id: string } | { action: "refuse" } | { action: "fail"; status: number };

export interface LookupInput {
  zoneId: string;
  certificateId: string;
  store: CertificateStore;
}

export type LookupResult =
  | { kind: "found"; certificate: StoredCertificate }
  | { kind: "refuse"; reason: "zone-unknown" | "certificate-unknown" }
  | { kind: "fail"; status: number };

export interface SuccessContext {
  /** The certificate served. */
  certificate: StoredCertificate;
  /** The certificate identifier of the request path (decoded). */
  requestedId: string;
  store: CertificateStore;
}

/** A refusal before it is serialised: status, extra headers and the body (the failure envelope, until a fault changes it). */
export interface FailureOutcome {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  reason: RefusalReason;
  operation: Operation | undefined;
}

/**
 * What goes on the wire. `hang`: send nothing, keep the connection open until the server closes;
 * `reset`: reset the connection; `raw`: these exact bytes instead of a serialised answer (status,
 * headers and body are then ignored), after which the connection is closed unless `keepOpen`.
 */
export interface Reply {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
  hang?: boolean;
  reset?: boolean;
  /** A string is sent one byte per character (latin1): pass a Buffer for UTF-8 text. */
  raw?: string | Uint8Array;
  keepOpen?: boolean;
}

/** The request being answered, as the server received it. */
export interface RequestView {
  method: string;
  /** The request target exactly as sent. */
  target: string;
  /** Node's view of the headers: names lower-cased, repeats joined. */
  headers: IncomingHttpHeaders;
  /** Names and values as sent, in order (`[name, value, name, value, ...]`). */
  rawHeaders: readonly string[];
  /** The HTTP version of the request line ("1.1", "1.0"). */
  httpVersion: string;
}

export interface ReplyContext {
  kind: "success" | "failure";
  /** The operation the path names; undefined for a path no operation has. */
  operation: Operation | undefined;
  reason?: RefusalReason;
  /** The request this answers. */
  request: RequestView;
}

/**
 * Where a fault hooks into the server. Each hook receives what the correct server
 * would do and returns what the faulty one does; hooks of several faults run in order.
 */
export interface FaultHooks {
  /** The id a stored certificate is served under (applied once, when the store is built). */
  storeId?(id: string): string;
  /** An identifier of the path, after the format check. */
  idCheck?(check: IdCheck, action: IdAction): IdAction;
  /** Before anything else: a fault that answers some requests its own way (or not at all) returns that reply. */
  request?(req: RequestView): Reply | undefined;
  /** The request target as the router reads it (a fault that matches paths carelessly rewrites it; identifiers are cut from what it returns). */
  target?(target: string): string;
  /** The credential decision (with the credentials the server accepts, for faults that compare carelessly). */
  authenticate?(decision: AuthDecision, configured: Required<ReferenceCredentials>): AuthDecision;
  /** Finding the certificate of a details request; call `next` for the correct answer. */
  lookup?(input: LookupInput, next: (input: LookupInput) => LookupResult): LookupResult;
  /** The 200 body of the details operation (a fresh copy the hook may change); returns the body to send. */
  successBody?(body: SuccessEnvelope<CertificateRecord>, ctx: SuccessContext): unknown;
  /** Any refusal (4xx), before serialisation. */
  failure?(outcome: FailureOutcome): FailureOutcome;
  /** The serialised reply (status, headers, raw body), last. */
  reply?(reply: Reply, ctx: ReplyContext): Reply;
}

/** One catalogued deviation from the contract. */
export interface Fault {
  /** Named after what it breaks ("status-uppercase", "auth-ignored"). */
  readonly name: string;
  /** The family whose requirement it chiefly targets (for listing). */
  readonly family: Family;
  /**
   * Requirement ids a correct suite must fail against a server with this fault (with
   * `expect: "errored"`: must report errored, because the evidence never arrives).
   */
  readonly trips: readonly string[];
  /**
   * "failed" (default): the suite sees the deviation. "errored": the suite cannot tell (e.g. no
   * response comes); the run may then stop with verdict "error" and every requirement errored,
   * so for such a fault only `trips` being errored is promised.
   */
  readonly expect?: "failed" | "errored";
  /**
   * Requirements a suite may also fail, because the deviation reaches their evidence
   * too (e.g. a 404 for every read also fails AUTH-KEY-ACCEPTED). Not required to fail.
   */
  readonly incidental?: readonly string[];
  /** One line. */
  readonly description: string;
  readonly apply: FaultHooks;
}
