/**
 * The one HTTP client every suite uses: sends GETs to the target within the run's budget and rate,
 * retries what is worth retrying, and keeps every exchange as redacted evidence.
 */
import { RequestBudget } from "./budget.ts";
import { authHeadersFor, configuredSchemes, lowerCaseNames, type AuthChoice, type Credentials } from "./credentials.ts";
import { curlCommand } from "./curl.ts";
import { sendWithFetch } from "./fetch-transport.ts";
import { sendWithNodeHttp } from "./node-http-transport.ts";
import { RateLimiter } from "./rate-limiter.ts";
import { redactRequestHeaders, redactResponseHeaders, redactText } from "./redact.ts";
import { headerProblem, normaliseHeaderValue } from "./request-headers.ts";
import { assertBaseUrl, joinUrl, needsVerbatimTarget } from "./request-url.ts";
import { retryAfterMs } from "./retry-after.ts";
import type { AttemptOutcome } from "./transport.ts";
import type { Exchange, ExchangeError, ExchangeRequest } from "./types.ts";

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
  /** The longest a `Retry-After` is honoured for, in ms. Default 60000. */
  retryAfterCapMs?: number;
  /** First back-off before retrying a network error or 5xx (doubles each time); also used for a 429 without `Retry-After`. Default 500. */
  retryBackoffMs?: number;
  /** Body bytes kept per response; reading stops there and the response is marked `truncated`. Default 8 MiB. */
  maxBodyBytes?: number;
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
   * The credential-header values this request sends that are not configured credentials (a made-up
   * wrong token, a malformed header) are suite-made test values and may appear in the evidence.
   * Default false: they are kept as `<redacted>`. Configured secrets are replaced either way.
   */
  publicHeaderValues?: boolean;
}

const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Sends GET requests to one target and keeps the evidence. Safe to call concurrently. */
export class ConformanceClient {
  /** Every exchange so far, in the order they completed (`seq` 1, 2, ...). */
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
  private readonly userAgent: string;
  private readonly defaultAuth: AuthChoice;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly onExchange: ((exchange: Exchange) => void) | undefined;

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
    this.userAgent = options.userAgent ?? "client-cert-conformance";
    this.defaultAuth = options.defaultAuth ?? configuredSchemes(options.credentials)[0] ?? "none";
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.onExchange = options.onExchange;
    this.rateLimiter =
      options.rate === undefined
        ? undefined
        : new RateLimiter({ requestsPerSecond: options.rate, now: this.now, sleep: this.sleep });
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
    const url = joinUrl(this.baseUrl, path);
    const headers: Record<string, string> = {};
    const given = {
      accept: "application/json",
      "user-agent": this.userAgent,
      ...authHeadersFor(opts.auth ?? this.defaultAuth, this.credentials),
      ...lowerCaseNames(opts.headers ?? {}),
    };
    for (const [name, value] of Object.entries(given)) headers[name] = normaliseHeaderValue(value);

    const request: ExchangeRequest = {
      method: "GET",
      url: redactText(url, this.credentials),
      headers: redactRequestHeaders(headers, this.credentials, { publicValues: opts.publicHeaderValues }),
    };
    const problem = Object.entries(headers)
      .map(([name, value]) => headerProblem(name, value))
      .find((p) => p !== undefined);
    if (problem) {
      return this.record(request, opts, this.now(), 0, 0, { error: { kind: "invalid-request", message: problem } });
    }

    const transport = needsVerbatimTarget(url) ? sendWithNodeHttp : sendWithFetch;
    let outcome: AttemptOutcome | undefined;
    let attempts = 0;
    let startedAt: number | undefined;
    for (;;) {
      if (!this.budget.take()) {
        const budgetError: ExchangeError = {
          kind: "budget",
          message: `request budget of ${this.budget.max} exhausted: not sent`,
        };
        // A retry cut short by the budget keeps the last real outcome, which is evidence.
        outcome = outcome ?? { error: budgetError };
        break;
      }
      if (this.rateLimiter) await this.rateLimiter.acquire();
      startedAt ??= this.now();
      attempts += 1;
      this.requestsSent += 1;
      outcome = await transport({ url, headers, timeoutMs: this.timeoutMs, maxBodyBytes: this.maxBodyBytes });
      const delay = this.retryDelay(outcome, attempts, opts);
      if (delay === undefined || attempts > this.maxRetries) break;
      await this.sleep(delay);
    }
    const start = startedAt ?? this.now();
    return this.record(request, opts, start, this.now() - start, attempts, outcome);
  }

  /** How long to wait before retrying `outcome`, or `undefined` when it is not retried. */
  private retryDelay(outcome: AttemptOutcome, attempts: number, opts: GetOptions): number | undefined {
    const backoff = this.retryBackoffMs * 2 ** (attempts - 1);
    if (outcome.error) return outcome.error.kind === "network" ? backoff : undefined;
    const status = outcome.response?.status ?? 0;
    if (status === 429 || (status >= 500 && status <= 599 && opts.retryOn5xx)) {
      const asked = retryAfterMs(outcome.response?.headers["retry-after"], this.now());
      return Math.min(asked ?? backoff, this.retryAfterCapMs);
    }
    return undefined;
  }

  /** Redacts and keeps one exchange. */
  private record(
    request: ExchangeRequest,
    opts: GetOptions,
    startedAtMs: number,
    durationMs: number,
    attempts: number,
    outcome: AttemptOutcome,
  ): Exchange {
    const exchange: Exchange = {
      seq: this.exchanges.length + 1,
      ...(opts.label !== undefined ? { label: opts.label } : {}),
      request,
      timing: { startedAt: new Date(startedAtMs).toISOString(), durationMs },
      attempts,
      curl: curlCommand(request),
    };
    if (outcome.response) {
      const { status, headers, body, truncated } = outcome.response;
      exchange.response = {
        status,
        headers: redactResponseHeaders(headers, this.credentials),
        body: redactText(body, this.credentials),
        ...(truncated ? { truncated } : {}),
      };
    }
    if (outcome.error) {
      exchange.error = { kind: outcome.error.kind, message: redactText(outcome.error.message, this.credentials) };
    }
    this.exchanges.push(exchange);
    this.onExchange?.(exchange);
    return exchange;
  }
}
