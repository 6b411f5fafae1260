import { authenticate, presentedCredentials, type AuthDecision } from "./auth.ts";
import type { ReferenceConfig } from "./config.ts";
import { ERRORS, failureEnvelope, listEnvelope, type ErrorItem, type SuccessEnvelope } from "./envelopes.ts";
import type { FailureOutcome, FaultHooks, IdAction, IdCheck, LookupInput, LookupResult, RefusalReason, Reply, ReplyContext, RequestView } from "./faults/types.ts";
import { listPage } from "./list.ts";
import { WindowRateLimiter, rateLimitHeaders } from "./rate-limit.ts";
import { classifyId, matchRoute, type IdPosition, type Operation, type PathId } from "./routing.ts";
import type { CertificateRecord, CertificateStore } from "./store.ts";

/** What one request carries that the reference looks at. */
export type RequestInfo = RequestView;

/** Everything a request is answered from. */
export interface HandlerState {
  config: ReferenceConfig;
  store: CertificateStore;
  limiter: WindowRateLimiter;
  hooks: readonly FaultHooks[];
}

const JSON_TYPE = "application/json";

/** A refusal on its way out: stops the pipeline. */
class Refusal {
  constructor(readonly outcome: FailureOutcome) {}
}

function refusal(status: number, reason: RefusalReason, operation: Operation | undefined, error: ErrorItem, headers: Record<string, string> = {}): Refusal {
  return new Refusal({ status, headers, body: failureEnvelope(error), reason, operation });
}

/** The reply of a refusal, after the fault hooks on failures and on replies. */
function failureReply(state: HandlerState, req: RequestInfo, outcome: FailureOutcome): { reply: Reply; ctx: ReplyContext } {
  let o = outcome;
  for (const h of state.hooks) if (h.failure) o = h.failure(o);
  return {
    reply: { status: o.status, headers: { "content-type": JSON_TYPE, ...o.headers }, body: o.body === undefined ? "" : JSON.stringify(o.body) },
    ctx: { kind: "failure", operation: o.operation, reason: o.reason, request: req },
  };
}

function checkId(state: HandlerState, position: IdPosition, id: PathId, operation: Operation, path: string, zoneId?: string): string {
  const verdict = classifyId(id);
  let action: IdAction = verdict === "valid" ? { action: "accept", id: id.value! } : { action: "refuse" };
  const check: IdCheck = { position, id, verdict, store: state.store, defaultZoneId: state.config.zoneId, ...(zoneId !== undefined ? { zoneId } : {}) };
  for (const h of state.hooks) if (h.idCheck) action = h.idCheck(check, action);
  if (action.action === "accept") return action.id;
  const reason = verdict === "overlong" ? "id-overlong" : "id-malformed";
  if (action.action === "fail") throw refusal(action.status, reason, operation, ERRORS.internal());
  throw refusal(400, reason, operation, ERRORS.couldNotRoute(path));
}

function checkCredentials(state: HandlerState, req: RequestInfo, operation: Operation): void {
  let decision: AuthDecision = authenticate(presentedCredentials(req.headers), state.config.credentials);
  for (const h of state.hooks) if (h.authenticate) decision = h.authenticate(decision, state.config.credentials);
  if (!decision.accepted) throw refusal(decision.status, decision.category, operation, decision.error);
}

function baseLookup(input: LookupInput): LookupResult {
  if (!input.store.hasZone(input.zoneId)) return { kind: "refuse", reason: "zone-unknown" };
  const certificate = input.store.find(input.zoneId, input.certificateId);
  return certificate ? { kind: "found", certificate } : { kind: "refuse", reason: "certificate-unknown" };
}

function lookup(state: HandlerState, input: LookupInput): LookupResult {
  let chain = baseLookup;
  for (const h of state.hooks) {
    if (!h.lookup) continue;
    const next = chain;
    const hook = h.lookup;
    chain = (i) => hook(i, next);
  }
  return chain(input);
}

function lookupRefusal(r: Exclude<LookupResult, { kind: "found" }>): Refusal {
  if (r.kind === "fail") return refusal(r.status, "certificate-unknown", "details", ERRORS.internal());
  return r.reason === "zone-unknown"
    ? refusal(403, "zone-unknown", "details", ERRORS.zoneUnauthorized())
    : refusal(404, "certificate-unknown", "details", ERRORS.certificateNotFound());
}

/** The details operation's 200 body, through the successBody hooks. */
function detailsBody(state: HandlerState, found: Extract<LookupResult, { kind: "found" }>, requestedId: string): string {
  const c = found.certificate;
  const hooks = state.hooks.filter((h) => h.successBody);
  if (hooks.length === 0) return `{"success":true,"errors":[],"messages":[],"result":${c.json}}`;
  let body: unknown = { success: true, errors: [], messages: [], result: structuredClone(c.result) as CertificateRecord } satisfies SuccessEnvelope<CertificateRecord>;
  for (const h of hooks) body = h.successBody!(body as SuccessEnvelope<CertificateRecord>, { certificate: c, requestedId, store: state.store });
  return body === undefined ? "" : JSON.stringify(body);
}

function respond(state: HandlerState, req: RequestInfo): { reply: Reply; ctx: ReplyContext } {
  const route = matchRoute(state.hooks.reduce((target, h) => (h.target ? h.target(target) : target), req.target));
  const operation = route.kind === "route" ? route.operation : undefined;
  try {
    if (route.kind === "no-route") throw refusal(404, "route", undefined, ERRORS.noRoute());
    if (req.method !== "GET") throw refusal(405, "method", operation, ERRORS.methodNotAllowed(req.method), { allow: "GET" });
    if (route.operation === "zones") {
      // Cloudflare's List Zones: the zones the credentials can read (both of the reference's, to any good credential).
      checkCredentials(state, req, "zones");
      const zones = state.store.zoneIds().map((id) => ({ id, name: `${id.slice(0, 8)}.example`, status: "active" }));
      const body = listEnvelope(zones, { page: 1, per_page: 50, count: zones.length, total_count: zones.length, total_pages: 1 });
      return { reply: { status: 200, headers: { "content-type": JSON_TYPE }, body: JSON.stringify(body) }, ctx: { kind: "success", operation: "zones", request: req } };
    }
    const zoneId = checkId(state, "zone", route.zone, route.operation, route.path);
    if (route.operation === "list") {
      checkCredentials(state, req, "list");
      if (!state.store.hasZone(zoneId)) throw refusal(403, "zone-unknown", "list", ERRORS.zoneUnauthorized());
      const page = listPage(state.store.certificates(zoneId), route.query);
      if ("invalid" in page) throw refusal(400, "query", "list", ERRORS.invalidQuery(page.invalid, page.why));
      const body = listEnvelope(page.items.map((c) => c.result), page.info);
      return { reply: { status: 200, headers: { "content-type": JSON_TYPE }, body: JSON.stringify(body) }, ctx: { kind: "success", operation: "list", request: req } };
    }
    const certificateId = checkId(state, "certificate", route.certificate, "details", route.path, zoneId);
    checkCredentials(state, req, "details");
    const found = lookup(state, { zoneId, certificateId, store: state.store });
    if (found.kind !== "found") throw lookupRefusal(found);
    const body = detailsBody(state, found, route.certificate.value ?? route.certificate.raw);
    return { reply: { status: 200, headers: { "content-type": JSON_TYPE }, body }, ctx: { kind: "success", operation: "details", request: req } };
  } catch (e) {
    if (e instanceof Refusal) return failureReply(state, req, e.outcome);
    throw e;
  }
}

/**
 * Answers one request: rate limit, route, method, identifiers, credentials, lookup, in
 * that order (the first refusal wins), every answer with the rate-limit headers.
 * Throws only on a bug; the server turns that into a 500.
 */
export function handle(state: HandlerState, req: RequestInfo): Reply {
  for (const h of state.hooks) {
    const own = h.request?.(req);
    if (own) return own;
  }
  const rate = state.limiter.take();
  let answer: { reply: Reply; ctx: ReplyContext };
  if (!rate.allowed) {
    const operation = (() => { const r = matchRoute(req.target); return r.kind === "route" ? r.operation : undefined; })();
    answer = failureReply(state, req, { status: 429, headers: { "retry-after": String(rate.resetSeconds) }, body: failureEnvelope(ERRORS.rateLimited()), reason: "rate-limited", operation });
  } else {
    answer = respond(state, req);
  }
  let reply: Reply = { ...answer.reply, headers: { ...rateLimitHeaders(rate), ...answer.reply.headers } };
  for (const h of state.hooks) if (h.reply) reply = h.reply(reply, answer.ctx);
  return reply;
}

/** The reply to a request the handler threw on (a bug in the reference, never a fault). */
export function internalErrorReply(): Reply {
  return { status: 500, headers: { "content-type": JSON_TYPE }, body: JSON.stringify(failureEnvelope(ERRORS.internal())) };
}
