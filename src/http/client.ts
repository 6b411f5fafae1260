/**
 * The one HTTP client every suite uses: sends GETs to the target within the run's budget and rate,
 * retries what is worth retrying, and keeps every exchange as redacted evidence.
 */
import { RequestBudget } from "./budget.ts";
import { authHeadersFor, configuredSchemes, lowerCaseNames, type AuthChoice, type Credentials } from "./credentials.ts";
import { curlCommand } from "./curl.ts";
import { KeptAliveConnection, sendWithNodeHttp } from "./node-http-transport.ts";
import { RateLimiter } from "./rate-limiter.ts";
import { redactRequestHeaders, redactResponseHeaders, redactText } from "./redact.ts";
import { headerProblem, normaliseHeaderValue } from "./request-headers.ts";
import { assertBaseUrl, joinUrl } from "./request-url.ts";
import { retryAfterMs } from "./retry-after.ts";
import { stopReason } from "./deadline.ts";
import type { OtherMethod } from "./methods.ts";
import { replayAnswersFor } from "./replay-answers.ts";
import { proxyFor } from "./proxy.ts";
import { sendRaw } from "./raw-transport.ts";
import type { AttemptOutcome, AttemptRequest, Transport } from "./transport.ts";
import type { Exchange, ExchangeError, ExchangeRequest, TlsOptions } from "./types.ts";

/** How a `ConformanceClient` talks to its target. */
export interface ConformanceClientOptions {
  /** e.g. `http://127.0.0.1:8787/client/v4`; request paths are appended to it as written. */
  baseUrl: string;
  credentials: Credentials;
  /** Per attempt, covering connection, headers and the whole body. */
  timeoutMs: number;
  /** Most requests per second (`--rate`); unlimited when absent. */
  rate?: number;
  /** Most requests sent in total, retries included (`--budget`); unlimited when absent. */
  budget?: number;
  /** Extra attempts after the first one (network errors, 429, 5xx where allowed). Default 2. */
  maxRetries?: number;
  /**
   * The longest `Retry-After` waited for, in ms. Default 60000. A longer one is not waited for:
   * the exchange keeps the answer with a `rate-limited` error.
   */
  retryAfterCapMs?: number;
  /** First back-off before retrying a network error or 5xx (doubles each time); also used for a 429 without `Retry-After`. Default 500. */
  retryBackoffMs?: number;
  /** Body bytes read per response (decoded); reading stops there and the response is marked `truncated`. Default 8 MiB. */
  maxBodyBytes?: number;
  /** Of a body cut short, the leading bytes kept as evidence (it cannot be parsed anyway). Default 16 KiB. */
  keptBytesWhenCut?: number;
  /**
   * Body bytes read across all exchanges of the client (a run, a recording, a replay): what is
   * kept is never more. Once spent, a body is read up to `keptBytesWhenCut` only: one that fits is
   * judged as usual, a longer one is kept cut with a `budget` error (its size cannot be told).
   * Default 16 MiB: a normal run reads well under 1 MiB, a list of 50 certificates about 150 KiB.
   */
  maxTotalBodyBytes?: number;
  /** The run's stop signal (`--max-time`, SIGINT): waits end, the attempt in flight ends as `stopped`, nothing more is sent. */
  stop?: AbortSignal;
  /** Called before each wait for a retry, with how long and why (progress output). */
  onWait?: (wait: RetryWait) => void;
  /** Sent as `User-Agent` unless a request sets its own. Default `client-cert-conformance`. */
  userAgent?: string;
  /** Auth used when a request does not say; default: token if configured, else key, else none. */
  defaultAuth?: AuthChoice;
  /** Waits `ms` (injectable so tests don't wait on the clock). Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch (injectable). Default `Date.now`. */
  now?: () => number;
  /** Called with each exchange as it is recorded (progress output). */
  onExchange?: (exchange: Exchange) => void;
  /** A forward proxy for every request (`--proxy`); without it, the environment's (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`). */
  proxy?: string;
  /** The environment the proxy variables are read from (default: none). */
  env?: Record<string, string | undefined>;
  /** TLS to the target: roots, a client certificate, or no verification. */
  tls?: TlsOptions;
  /** Sent on every request (`--header`); their values are redacted like credentials (put them in `credentials.extraSecrets`). */
  headers?: Record<string, string>;
  /**
   * The target is a replay (nock answers node:http): every request goes through node:http, also
   * those otherwise sent on a socket of the suite's own (HTTP/1.0, awaiting the server's close).
   */
  replay?: boolean;
  /**
   * Only GET is ever sent (a live run: live is read with GET alone). A request with another method
   * is not sent: its exchange carries an `invalid-request` error.
   */
  getOnly?: boolean;
}

/** Options of one `get`. */
export interface GetOptions {
  /** Which credentials to send; default `ConformanceClientOptions.defaultAuth`. */
  auth?: AuthChoice;
  /** Extra headers; they win over the defaults and over `auth` headers of the same name. */
  headers?: Record<string, string>;
  /** Retry 5xx responses (default false: a 5xx is usually the answer under test). */
  retryOn5xx?: boolean;
  /** What this request is for; kept on the exchange. */
  label?: string;
  /**
   * Another safe method than GET (RFC 9110 §9.2.1), sent without credentials, without the run's own
   * headers (a TRACE answer reflects what it received: RFC 9110 §9.3.8), on a socket of the suite's own. Refused
   * by a client made `getOnly`.
   */
  method?: OtherMethod;
  /** Default headers not to send (`accept`): a client may leave them out. */
  withoutHeaders?: string[];
  /** Send every header name in upper case (field names are case-insensitive, RFC 9110 §5.1). */
  upperCaseHeaderNames?: boolean;
  /**
   * Send on this kept-alive connection (`client.keptAliveConnection()`), shared with other requests
   * in turn; such a request is never retried (a retry on a new connection would hide a broken one).
   */
  connection?: KeptAliveConnection;
  /** After the answer, wait (about a second at most) to see whether the server closes the connection, as the request asked. */
  awaitClose?: boolean;
  /** Sent at once, past the client's rate limit, and never retried: a request of a burst, whose 429 is the answer to judge. */
  burst?: boolean;
  /** The request line's HTTP version (default 1.1; 1.0 is sent on a socket of the suite's own). */
  httpVersion?: "1.1" | "1.0";
  /**
   * The credential-header values this request sends that are not configured credentials (a made-up
   * wrong token, a malformed header) are suite-made test values and may appear in the evidence.
   * Default false: they are kept as `<redacted>`. Configured secrets are replaced either way.
   */
  publicHeaderValues?: boolean;
}

/** A wait before a retry, as the client announces it. */
export interface RetryWait {
  ms: number;
  /** e.g. "the target answered 429 and asked to wait 30 s (Retry-After)". */
  why: string;
  label?: string;
}

export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
export const DEFAULT_KEPT_BYTES_WHEN_CUT = 16 * 1024;
export const DEFAULT_MAX_TOTAL_BODY_BYTES = 12 * 1024 * 1024;

/** What `retryDelay` decided: wait and retry, stop with this outcome, or keep the outcome as it is. */
type RetryDecision = { wait: number; why: string } | { error: ExchangeError } | undefined;

/** Kinds worth another attempt: the connection failed, an answer may come next time (not `tls`: an untrusted certificate stays untrusted). */
const RETRIED_KINDS: ReadonlySet<string> = new Set(["refused", "reset", "truncated", "network"]);

/** Sends GET requests to one target and keeps the evidence. Safe to call concurrently. */
export class ConformanceClient {
  /**
   * Every exchange so far, in the order they were sent (`seq` 1, 2, ...), whatever order they
   * completed in: `seq` is taken when `get` is called, before anything is awaited, so requests
   * sent concurrently keep the order they were sent in.
   */
  readonly exchanges: Exchange[] = [];
  /** Attempts actually put on the wire (retries included; budget refusals and invalid requests excluded). */
  requestsSent = 0;

  private readonly baseUrl: string;
  private readonly credentials: Credentials;
  private readonly timeoutMs: number;
  private readonly budget: RequestBudget;
  private readonly rateLimiter: RateLimiter | undefined;
  private readonly maxRetries: number;
  private readonly retryAfterCapMs: number;
  private readonly retryBackoffMs: number;
  private readonly maxBodyBytes: number;
  private readonly keptBytesWhenCut: number;
  private readonly maxTotalBodyBytes: number;
  private bodyBytesRead = 0;
  private readonly stop: AbortSignal | undefined;
  private readonly onWait: ((wait: RetryWait) => void) | undefined;
  private readonly userAgent: string;
  private readonly defaultAuth: AuthChoice;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly onExchange: ((exchange: Exchange) => void) | undefined;
  private readonly replay: boolean;
  private readonly proxy: string | undefined;
  private readonly env: Record<string, string | undefined>;
  private readonly tls: TlsOptions | undefined;
  private readonly extraHeaders: Record<string, string>;
  private lastSeq = 0;
  private readonly getOnly: boolean;

  constructor(options: ConformanceClientOptions) {
    assertBaseUrl(options.baseUrl);
    if (!(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
      throw new RangeError(`timeoutMs must be a positive number, got ${options.timeoutMs}`);
    }
    this.baseUrl = options.baseUrl;
    this.credentials = options.credentials;
    this.timeoutMs = options.timeoutMs;
    this.budget = new RequestBudget(options.budget);
    this.maxRetries = options.maxRetries ?? 2;
    this.retryAfterCapMs = options.retryAfterCapMs ?? 60_000;
    this.retryBackoffMs = options.retryBackoffMs ?? 500;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.keptBytesWhenCut = Math.min(options.keptBytesWhenCut ?? DEFAULT_KEPT_BYTES_WHEN_CUT, this.maxBodyBytes);
    this.maxTotalBodyBytes = options.maxTotalBodyBytes ?? DEFAULT_MAX_TOTAL_BODY_BYTES;
    this.stop = options.stop;
    this.onWait = options.onWait;
    this.userAgent = options.userAgent ?? "client-cert-conformance";
    this.defaultAuth = options.defaultAuth ?? configuredSchemes(options.credentials)[0] ?? "none";
    this.sleep = stoppable(options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))), options.stop);
    this.now = options.now ?? Date.now;
    this.onExchange = options.onExchange;
    this.replay = options.replay ?? false;
    this.proxy = options.proxy;
    this.env = options.env ?? {};
    this.tls = options.tls;
    this.extraHeaders = lowerCaseNames(options.headers ?? {});
    this.getOnly = options.getOnly ?? false;
    this.rateLimiter =
      options.rate === undefined
        ? undefined
        : new RateLimiter({ requestsPerSecond: options.rate, now: this.now, sleep: this.sleep });
  }

  /** A connection to send several requests on in turn (HTTP/1.1 persistence); close it when done. */
  keptAliveConnection(): KeptAliveConnection {
    return new KeptAliveConnection();
  }

  /** Requests the budget still allows (`Infinity` without one). */
  get budgetRemaining(): number {
    return this.budget.remaining;
  }

  /**
   * GETs `baseUrl + path`. `path` is sent as given: callers encode their ids, nothing is encoded or
   * normalised here (`..` segments are sent verbatim, see `needsVerbatimTarget`).
   *
   * Never rejects for network trouble, timeouts or an exhausted budget: the exchange carries `error`.
   * @throws MissingCredentialsError when `opts.auth` names a scheme that is not configured.
   */
  async get(path: string, opts: GetOptions = {}): Promise<Exchange> {
    const seq = ++this.lastSeq;
    const url = joinUrl(this.baseUrl, path);
    const headers: Record<string, string> = {};
    const method = opts.method ?? "GET";
    const given = {
      ...(opts.method ? {} : this.extraHeaders),
      accept: "application/json",
      // A defined expectation for HTTP-CODING-ACCEPTED: an uncoded body, unless a request asks otherwise.
      "accept-encoding": "identity",
      "user-agent": this.userAgent,
      ...authHeadersFor(opts.method ? "none" : (opts.auth ?? this.defaultAuth), this.credentials),
      ...lowerCaseNames(opts.headers ?? {}),
    };
    for (const [name, value] of Object.entries(given)) if (!opts.withoutHeaders?.includes(name)) headers[name] = normaliseHeaderValue(value);

    const request: ExchangeRequest = {
      method,
      url: redactText(url, this.credentials),
      headers: redactRequestHeaders(headers, this.credentials, { publicValues: opts.publicHeaderValues }),
    };
    const problem = method !== "GET" && this.getOnly ? `not sent: ${method} on a run that reads with GET alone (live)`
      : method !== "GET" && this.replay && !replayAnswersFor(url) ? `not sent: this replay has no cassette to answer ${method} from`
      : Object.entries(headers)
        .map(([name, value]) => headerProblem(name, value))
        .find((p) => p !== undefined);
    if (problem) {
      return this.record(seq, request, opts, this.now(), 0, 0, { error: { kind: "invalid-request", message: problem } });
    }

    // node:http for every request: it sends odd targets verbatim, and it lets the client bound a
    // compressed body by its decompressed size (fetch inflates each received chunk whole first:
    // one 64 KiB chunk of a gzip bomb was measured at 64 MiB before a reader could stop it).
    // What node:http cannot send as asked goes on a socket of the suite's own (but not in a replay).
    // Another method goes on a socket of the suite's own too: node:http would hand a TRACE to whatever
    // intercepts it in this process (nock's fetch Request throws on one); in a replay, to the cassette.
    const raw = !this.replay && (opts.httpVersion === "1.0" || opts.awaitClose === true || opts.method !== undefined);
    const transport: Transport = opts.method && this.replay ? replayAnswersFor(url)!
      : raw ? (r: AttemptRequest) => sendRaw({ ...r, ...(opts.httpVersion ? { httpVersion: opts.httpVersion } : {}) }) : sendWithNodeHttp;
    let outcome: AttemptOutcome | undefined;
    let attempts = 0;
    let startedAt: number | undefined;
    for (;;) {
      if (this.stop?.aborted) {
        // Not sent: a retry cut short keeps the last real outcome, which is evidence.
        outcome = outcome ?? { error: { kind: "stopped", message: `not sent: ${stopReason(this.stop)}` } };
        break;
      }
      if (!this.budget.take()) {
        const budgetError: ExchangeError = {
          kind: "budget",
          message: `request budget of ${this.budget.max} exhausted: not sent`,
        };
        // A retry cut short by the budget keeps the last real outcome, which is evidence.
        outcome = outcome ?? { error: budgetError };
        break;
      }
      if (this.rateLimiter && !opts.burst) await this.rateLimiter.acquire();
      if (this.stop?.aborted) continue; // stopped while waiting for the slot: said above, nothing sent
      startedAt ??= this.now();
      attempts += 1;
      const proxy = this.replay ? undefined : proxyFor(new URL(url), this.proxy, this.env);
      outcome = await transport({
        url, method, headers, timeoutMs: this.timeoutMs, stop: this.stop, ...(proxy ? { proxy } : {}), ...(this.tls ? { tls: this.tls } : {}),
        ...(opts.upperCaseHeaderNames ? { upperCaseHeaderNames: true } : {}), ...(opts.connection ? { connection: opts.connection } : {}),
        ...(opts.awaitClose ? { awaitClose: true } : {}),
        bodyLimits: { maxBytes: this.maxBodyBytes, keptBytesWhenCut: this.keptBytesWhenCut, budgetBytes: this.maxTotalBodyBytes - this.bodyBytesRead },
      });
      this.bodyBytesRead += outcome.response?.bytes ?? 0;
      if (outcome.error?.kind !== "invalid-request") this.requestsSent += 1; // else the transport could not put it on the wire
      // A read of a burst asks to be turned away: its 429 is its answer, whatever it asks to wait.
      const decision = opts.burst ? undefined : this.retryDelay(outcome, attempts, opts);
      if (decision === undefined) break;
      if ("error" in decision) {
        outcome = { ...outcome, error: decision.error };
        break;
      }
      if (attempts > this.maxRetries || opts.connection || opts.burst) break;
      this.onWait?.({ ms: decision.wait, why: decision.why, ...(opts.label !== undefined ? { label: opts.label } : {}) });
      await this.sleep(decision.wait);
    }
    const start = startedAt ?? this.now();
    return this.record(seq, request, opts, start, this.now() - start, attempts, outcome);
  }

  /**
   * Whether and how long to wait before retrying `outcome`. A `Retry-After` longer than the cap is
   * not waited for (a hostile or broken target must not hold the run for an hour): the answer is
   * kept with a `rate-limited` error, so checks on it are errored with that reason.
   */
  private retryDelay(outcome: AttemptOutcome, attempts: number, opts: GetOptions): RetryDecision {
    const backoff = this.retryBackoffMs * 2 ** (attempts - 1);
    if (outcome.error) {
      return RETRIED_KINDS.has(outcome.error.kind) ? { wait: backoff, why: `${outcome.error.kind}: retrying` } : undefined;
    }
    const status = outcome.response?.status ?? 0;
    if (status === 429 || (status >= 500 && status <= 599 && opts.retryOn5xx)) {
      const asked = retryAfterMs(outcome.response?.headers["retry-after"], this.now());
      if (asked !== undefined && asked > this.retryAfterCapMs) {
        return { error: { kind: "rate-limited", message: `the target answered ${status} and asked to wait ${seconds(asked)} (Retry-After), longer than the ${seconds(this.retryAfterCapMs)} the suite waits (--max-retry-after): not waited for` } };
      }
      return asked !== undefined
        ? { wait: asked, why: `the target answered ${status} and asked to wait ${seconds(asked)} (Retry-After)` }
        : { wait: backoff, why: `the target answered ${status}` };
    }
    return undefined;
  }

  /** Redacts and keeps one exchange. */
  private record(
    seq: number,
    request: ExchangeRequest,
    opts: GetOptions,
    startedAtMs: number,
    durationMs: number,
    attempts: number,
    outcome: AttemptOutcome,
  ): Exchange {
    const exchange: Exchange = {
      seq,
      ...(opts.label !== undefined ? { label: opts.label } : {}),
      request,
      timing: { startedAt: new Date(startedAtMs).toISOString(), durationMs },
      attempts,
      curl: curlCommand(request),
    };
    let error = outcome.error;
    if (outcome.reusedConnection !== undefined) exchange.connection = { reused: outcome.reusedConnection };
    if (outcome.response) {
      const { status, headers, body, truncated, overBudget, invalidUtf8, decoding, reusedConnection, wire } = outcome.response;
      if (reusedConnection !== undefined) exchange.connection = { reused: reusedConnection };
      if (overBudget) {
        error ??= {
          kind: "budget",
          message: `the run's ${mebibytes(this.maxTotalBodyBytes)} budget for reading response bodies is spent: this body was read to ${mebibytes(this.keptBytesWhenCut)} only, its size and content unknown`,
        };
      }
      exchange.response = {
        status,
        headers: redactResponseHeaders(headers, this.credentials),
        body: redactText(body, this.credentials),
        ...(truncated ? { truncated, cutAtBytes: this.maxBodyBytes } : {}),
        ...(invalidUtf8 ? { invalidUtf8 } : {}),
        ...(decoding ? { decoding: decoding.error ? { ...decoding, error: redactText(decoding.error, this.credentials) } : decoding } : {}),
        ...(wire ? { wire: { ...wire, violations: wire.violations.map((v) => ({ ...v, message: redactText(v.message, this.credentials) })) } } : {}),
      };
    }
    if (error) {
      exchange.error = { kind: error.kind, message: redactText(error.message, this.credentials) };
    }
    // In send order: a request sent earlier may be answered later.
    let at = this.exchanges.length;
    while (at > 0 && this.exchanges[at - 1]!.seq > seq) at--;
    this.exchanges.splice(at, 0, exchange);
    this.onExchange?.(exchange);
    return exchange;
  }
}

/** `sleep` that ends early when the run stops (a wait must never outlive `--max-time` or Ctrl-C). */
function stoppable(sleep: (ms: number) => Promise<void>, stop: AbortSignal | undefined): (ms: number) => Promise<void> {
  if (!stop) return sleep;
  return (ms) => {
    if (stop.aborted) return Promise.resolve();
    let onAbort!: () => void;
    const aborted = new Promise<void>((resolve) => {
      onAbort = resolve;
      stop.addEventListener("abort", onAbort, { once: true });
    });
    return Promise.race([sleep(ms), aborted]).finally(() => stop.removeEventListener("abort", onAbort));
  };
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const mebibytes = (bytes: number) => (bytes < 2 ** 20 ? `${Math.round(bytes / 1024)} KiB` : `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`);
