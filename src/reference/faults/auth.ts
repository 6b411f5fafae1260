import type { AuthDecision, RefusalCategory } from "../auth.ts";
import { bearerToken } from "../credential-formats.ts";
import { ERRORS } from "../envelopes.ts";
import { AUTH_REFUSED_REQUIREMENTS, fault } from "./helpers.ts";
import { AUTH_REFUSALS, type Fault, type FailureOutcome } from "./types.ts";

/** An authenticate hook that lets the given refusal categories through. */
function accept(...categories: RefusalCategory[]) {
  return (d: AuthDecision): AuthDecision => (!d.accepted && categories.includes(d.category) ? { accepted: true, scheme: "none", presented: d.presented } : d);
}

/** An authenticate hook that lets a refusal of `category` through when `careless` says the presented credentials are close enough. */
function acceptWhen(category: RefusalCategory, careless: (d: AuthDecision & { accepted: false }, configured: Parameters<NonNullable<Fault["apply"]["authenticate"]>>[1]) => boolean) {
  return (d: AuthDecision, configured: Parameters<NonNullable<Fault["apply"]["authenticate"]>>[1]): AuthDecision =>
    (!d.accepted && d.category === category && careless(d, configured) ? { accepted: true, scheme: category === "wrong-token" ? "token" : "key", presented: d.presented } : d);
}

const presentedToken = (d: AuthDecision) => (d.presented.authorization === undefined ? undefined : bearerToken(d.presented.authorization));

/** A failure hook that changes the status (and headers) of every credential refusal. */
function refusalStatus(status: number, headers: Record<string, string> = {}) {
  return (o: FailureOutcome): FailureOutcome => (AUTH_REFUSALS.has(o.reason) ? { ...o, status, headers: { ...o.headers, ...headers } } : o);
}

/** AUTH: who is let in, who is kept out, and how a refusal is answered. */
export const AUTH_FAULTS: Fault[] = [
  fault({
    name: "auth-ignored", family: "AUTH",
    // Without credentials, an unknown certificate then gets the lookup's 404 (a refusal, but not a credential status).
    trips: [...AUTH_REFUSED_REQUIREMENTS], incidental: ["AUTH-REFUSAL-STATUS"],
    description: "Credentials are not checked at all: any request, with or without credential headers, is served.",
    apply: { authenticate: accept("missing", "malformed", "email-without-key", "key-without-email", "wrong-key", "wrong-token") },
  }),
  fault({
    name: "missing-credentials-accepted", family: "AUTH",
    // Without credentials, an unknown certificate then gets the lookup's 404 (a refusal, but not a credential status).
    trips: ["AUTH-MISSING-REFUSED"], incidental: ["AUTH-REFUSAL-STATUS"],
    description: "A request with no credential header is served (anonymous read); wrong credentials are still refused.",
    apply: { authenticate: accept("missing") },
  }),
  fault({
    name: "any-key-accepted", family: "AUTH",
    trips: ["AUTH-KEY-WRONG-REFUSED"],
    description: "Any well-formed X-Auth-Email and X-Auth-Key pair is accepted, known or not.",
    apply: { authenticate: accept("wrong-key") },
  }),
  fault({
    name: "email-ignored", family: "AUTH",
    trips: ["AUTH-KEY-WRONG-REFUSED"],
    description: "X-Auth-Key is checked but X-Auth-Email is not: the right key with any well-formed email reads the certificate.",
    apply: { authenticate: acceptWhen("wrong-key", (d, c) => d.presented.key === c.apiKey) },
  }),
  fault({
    name: "key-ignored-for-known-email", family: "AUTH",
    trips: ["AUTH-KEY-WRONG-REFUSED"],
    description: "X-Auth-Email is checked but X-Auth-Key is not: the right email with any well-formed key reads the certificate.",
    apply: { authenticate: acceptWhen("wrong-key", (d, c) => d.presented.email?.toLowerCase() === c.email.toLowerCase()) },
  }),
  fault({
    name: "token-prefix-compared", family: "AUTH",
    trips: ["AUTH-TOKEN-NEAR-MISS-REFUSED"],
    description: "The bearer token is compared on all but its last character: the real token with its last character changed is accepted.",
    apply: { authenticate: acceptWhen("wrong-token", (d, c) => { const t = presentedToken(d); return t !== undefined && t.length === c.token.length && t.slice(0, -1) === c.token.slice(0, -1); }) },
  }),
  fault({
    name: "token-case-insensitive", family: "AUTH",
    trips: ["AUTH-TOKEN-NEAR-MISS-REFUSED"],
    description: "The bearer token is compared without letter case: the real token with its letters' case flipped is accepted.",
    apply: { authenticate: acceptWhen("wrong-token", (d, c) => presentedToken(d)?.toLowerCase() === c.token.toLowerCase()) },
  }),
  fault({
    name: "any-token-accepted", family: "AUTH",
    // The API key sent as a bearer token is a well-formed token too. With a wrong token, an unknown certificate gets the lookup's 404.
    trips: ["AUTH-TOKEN-WRONG-REFUSED", "AUTH-TOKEN-NEAR-MISS-REFUSED", "AUTH-MISPLACED-REFUSED"], incidental: ["AUTH-REFUSAL-STATUS"],
    description: "Any well-formed bearer token is accepted.",
    apply: { authenticate: accept("wrong-token") },
  }),
  fault({
    name: "email-without-key-accepted", family: "AUTH",
    trips: ["AUTH-EMAIL-WITHOUT-KEY-REFUSED"],
    description: "A well-formed X-Auth-Email with no X-Auth-Key is accepted.",
    apply: { authenticate: accept("email-without-key") },
  }),
  fault({
    name: "malformed-credentials-accepted", family: "AUTH",
    // The token without Bearer, or under another scheme name, is such an Authorization.
    trips: ["AUTH-MALFORMED-REFUSED", "AUTH-MISPLACED-REFUSED"],
    description: "Credential headers outside their format (bad email, bad key, Authorization not \"Bearer <token>\") are accepted.",
    apply: { authenticate: accept("malformed") },
  }),
  fault({
    name: "key-scheme-refused", family: "AUTH",
    // Every read with the key is refused, also those asked another way (Accept: */*, header names in upper case).
    trips: ["AUTH-KEY-ACCEPTED"], incidental: ["HTTP-EXISTING-200", "HTTP-NEGOTIATION", "AUTH-SYNTAX-ACCEPTED"],
    description: "The good X-Auth-Email and X-Auth-Key are refused (403, code 9103); the token still works.",
    apply: { authenticate: (d) => (d.accepted && d.scheme === "key" ? { accepted: false, category: "scheme-refused", status: 403, error: ERRORS.unknownKey(), presented: d.presented } : d) },
  }),
  fault({
    name: "token-scheme-refused", family: "AUTH",
    // Every read with the token is refused, also those asked another way (Accept: */*, the scheme's spellings).
    trips: ["AUTH-TOKEN-ACCEPTED"], incidental: ["HTTP-EXISTING-200", "HTTP-NEGOTIATION", "AUTH-SYNTAX-ACCEPTED"],
    description: "The good API token is refused (403, code 9109); email + key still work.",
    apply: { authenticate: (d) => (d.accepted && d.scheme === "token" ? { accepted: false, category: "scheme-refused", status: 403, error: ERRORS.invalidToken(), presented: d.presented } : d) },
  }),
  fault({
    name: "auth-refusal-500", family: "AUTH",
    trips: [...AUTH_REFUSED_REQUIREMENTS, "HTTP-NO-5XX"],
    description: "Every credential refusal is answered 500 (same failure envelope).",
    apply: { failure: refusalStatus(500) },
  }),
  fault({
    name: "auth-refusal-302", family: "AUTH",
    trips: [...AUTH_REFUSED_REQUIREMENTS],
    description: "Every credential refusal is a 302 redirect to a login page (the failure envelope as body).",
    apply: { failure: refusalStatus(302, { location: "/login?redirect_uri=%2Fclient%2Fv4" }) },
  }),
  fault({
    name: "challenge-missing-on-401", family: "AUTH",
    trips: ["AUTH-401-CHALLENGE"],
    description: "Every credential refusal is answered 401, with no WWW-Authenticate field (the failure envelope as body).",
    apply: { failure: refusalStatus(401) },
  }),
  fault({
    name: "bearer-scheme-case-sensitive", family: "AUTH",
    trips: ["AUTH-SYNTAX-ACCEPTED"],
    description: "The good API token is refused as malformed (400, code 6003/6111) unless written exactly \"Bearer <token>\": bearer, BEARER or two spaces are not read.",
    apply: { authenticate: (d) => (d.accepted && d.scheme === "token" && !/^Bearer [^ ]/.test(d.presented.authorization ?? "")
      ? { accepted: false, category: "malformed", status: 400, error: ERRORS.invalidHeaders([ERRORS.invalidAuthorizationFormat()]), presented: d.presented }
      : d) },
  }),
  fault({
    name: "token-without-scheme-accepted", family: "AUTH",
    trips: ["AUTH-MISPLACED-REFUSED"],
    description: "The API token is accepted as the whole Authorization value, without the Bearer scheme; anything else malformed is still refused.",
    apply: { authenticate: (d, c) => (!d.accepted && d.category === "malformed" && d.presented.authorization === c.token ? { accepted: true, scheme: "token", presented: d.presented } : d) },
  }),
  fault({
    name: "existence-checked-before-credentials", family: "AUTH",
    trips: ["AUTH-EXISTENCE-HIDDEN"],
    description: "A well-formed certificate id of no certificate of the zone is refused while routing (400, code 7003), before credentials are checked: without credentials, a real certificate gets 9106 and an unknown one 7003.",
    apply: { idCheck: (check, action) => (action.action === "accept" && check.position === "certificate" && !check.store.find(check.zoneId ?? check.defaultZoneId, action.id) ? { action: "refuse" } : action) },
  }),
  fault({
    name: "token-echoed-in-refusal", family: "AUTH",
    trips: ["AUTH-SECRET-NOT-ECHOED"],
    description: "A malformed Authorization header is refused with its value quoted in the message (\"Invalid format for Authorization header: <value>\"): the API token sent without Bearer comes back.",
    apply: { authenticate: (d) => (!d.accepted && d.category === "malformed" && d.presented.authorization !== undefined
      ? { ...d, error: ERRORS.invalidHeaders([{ code: 6111, message: `Invalid format for Authorization header: ${d.presented.authorization}` }]) }
      : d) },
  }),
  fault({
    name: "auth-refusal-404", family: "AUTH",
    trips: ["AUTH-REFUSAL-STATUS"],
    description: "Every credential refusal is answered 404 instead of 400/403: still a 4xx failure envelope, the wrong 4xx.",
    apply: { failure: refusalStatus(404) },
  }),
];
