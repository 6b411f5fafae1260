import type { AuthDecision, RefusalCategory } from "../auth.ts";
import { ERRORS } from "../envelopes.ts";
import { AUTH_REFUSED_REQUIREMENTS, fault } from "./helpers.ts";
import { AUTH_REFUSALS, type Fault, type FailureOutcome } from "./types.ts";

/** An authenticate hook that lets the given refusal categories through. */
function accept(...categories: RefusalCategory[]) {
  return (d: AuthDecision): AuthDecision => (!d.accepted && categories.includes(d.category) ? { accepted: true, scheme: "none", presented: d.presented } : d);
}

/** A failure hook that changes the status (and headers) of every credential refusal. */
function refusalStatus(status: number, headers: Record<string, string> = {}) {
  return (o: FailureOutcome): FailureOutcome => (AUTH_REFUSALS.has(o.reason) ? { ...o, status, headers: { ...o.headers, ...headers } } : o);
}

/** AUTH: who is let in, who is kept out, and how a refusal is answered. */
export const AUTH_FAULTS: Fault[] = [
  fault({
    name: "auth-ignored", family: "AUTH",
    trips: [...AUTH_REFUSED_REQUIREMENTS],
    description: "Credentials are not checked at all: any request, with or without credential headers, is served.",
    apply: { authenticate: accept("missing", "malformed", "email-without-key", "key-without-email", "wrong-key", "wrong-token") },
  }),
  fault({
    name: "missing-credentials-accepted", family: "AUTH",
    trips: ["AUTH-MISSING-REFUSED"],
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
    name: "any-token-accepted", family: "AUTH",
    trips: ["AUTH-TOKEN-WRONG-REFUSED"],
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
    trips: ["AUTH-MALFORMED-REFUSED"],
    description: "Credential headers outside their format (bad email, bad key, Authorization not \"Bearer <token>\") are accepted.",
    apply: { authenticate: accept("malformed") },
  }),
  fault({
    name: "key-scheme-refused", family: "AUTH",
    trips: ["AUTH-KEY-ACCEPTED"], incidental: ["HTTP-EXISTING-200"],
    description: "The good X-Auth-Email and X-Auth-Key are refused (403, code 9103); the token still works.",
    apply: { authenticate: (d) => (d.accepted && d.scheme === "key" ? { accepted: false, category: "scheme-refused", status: 403, error: ERRORS.unknownKey(), presented: d.presented } : d) },
  }),
  fault({
    name: "token-scheme-refused", family: "AUTH",
    trips: ["AUTH-TOKEN-ACCEPTED"], incidental: ["HTTP-EXISTING-200"],
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
    name: "auth-refusal-404", family: "AUTH",
    trips: ["AUTH-REFUSAL-STATUS"],
    description: "Every credential refusal is answered 404 instead of 400/403: still a 4xx failure envelope, the wrong 4xx.",
    apply: { failure: refusalStatus(404) },
  }),
];
