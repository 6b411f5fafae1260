import { REQUIREMENTS, requirementById } from "../../src/registry/index.ts";
import { levelIn } from "../../src/registry/resolve.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";
import { responseValidator } from "../../src/schema/validator.ts";
import { certificateProfileProblems, csrProblems, normalizeSerial, parseCertificatePem, parseCsrPem, type ParsedCertificate, type ParsedCsr } from "../../src/x509/index.ts";
import type { ProbeResult } from "./battery.ts";
import { judgeHttp, lexicalFacts } from "./oracle-http.ts";
import type { WireExchange } from "./wire-exchange.ts";

type TestExchange = WireExchange;

/**
 * A small, independent judge of a battery: which requirements the answers break, read
 * the way the registry states them. It is the reference's own check that each fault
 * breaks what it claims (and nothing it does not declare); the product's suites are
 * judged separately by the self-certification matrix.
 */
export interface Verdict {
  violated: Set<string>;
  /** Requirements whose evidence never arrived (no response). */
  errored: Set<string>;
  /** requirement id -> why, for failure messages. */
  why: Map<string, string>;
}

const is4xx = (e: TestExchange) => e.status >= 400 && e.status < 500;
const carriesCertificate = (e: TestExchange) => /-----BEGIN CERTIFICATE|fingerprint_sha256|"serial_number"/.test(e.text);
const isJsonType = (e: TestExchange) => /^application\/json\s*(;|$)/i.test(e.headers["content-type"] ?? "");

/** "Refused with a 4xx failure envelope and no certificate data". */
export function refused(e: TestExchange): boolean {
  return is4xx(e) && e.jsonOk && (e.json as { success?: unknown } | null)?.success === false && !carriesCertificate(e);
}

// The same certificates come back from every server of a seed: parse each PEM once.
const certificateCache = new Map<string, ParsedCertificate | Error>();
const csrCache = new Map<string, ParsedCsr | undefined>();

function parseCertificateOnce(pem: string): ParsedCertificate {
  let parsed = certificateCache.get(pem);
  if (parsed === undefined) {
    try {
      parsed = parseCertificatePem(pem);
    } catch (error) {
      parsed = error as Error;
    }
    certificateCache.set(pem, parsed);
  }
  if (parsed instanceof Error) throw parsed;
  return parsed;
}

function csrOnce(pem: string): ParsedCsr | undefined {
  if (!csrCache.has(pem)) {
    let csr: ParsedCsr | undefined;
    try {
      csr = parseCsrPem(pem);
    } catch {
      csr = undefined;
    }
    csrCache.set(pem, csr);
  }
  return csrCache.get(pem);
}
const csrKeyOnce = (pem: string) => csrOnce(pem)?.publicKeySha256Hex;

/** What no message for a person carries: a stack frame, a source path, an exception dump. */
const INTERNALS = /\bat \S+ \(?[^\s()]+:\d+:\d+\)?|\/[\w.-]+\/[\w./-]+\.(?:js|ts|py|go|java|rb)\b|Traceback|Exception in thread|\bpanic: /;

/** Every string in a JSON value. */
const strings = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === "object" ? Object.values(v).flatMap(strings) : []);

/** The error codes of a refusal, as a client tells refusals apart (nested error_chain codes too). */
function refusalSignature(e: TestExchange): string {
  const codes: unknown[] = [];
  const walk = (items: unknown) => {
    if (Array.isArray(items)) for (const item of items) if (item && typeof item === "object") { codes.push((item as { code?: unknown }).code); walk((item as { error_chain?: unknown }).error_chain); }
  };
  walk(e.jsonOk && e.json && typeof e.json === "object" ? (e.json as { errors?: unknown }).errors : undefined);
  return `${e.status} ${JSON.stringify(codes.map(String).sort())}`;
}

/** The configured secrets, as an answer might carry them (as is, in another case, base64). */
function secretForms(secrets: { token: string; apiKey: string } | undefined): string[] {
  if (!secrets) return [];
  return [secrets.token, secrets.apiKey].flatMap((s) => [s.toLowerCase(), Buffer.from(s).toString("base64").toLowerCase()]);
}

/** A status a certificate cannot go back to once it has been seen with another (the documented transitions only go forward). */
const BACKWARDS = new Map([["revoked", "pending_revocation"], ["active", "pending_reactivation"]]);

function resultObject(e: TestExchange): Record<string, unknown> | undefined {
  const r = e.jsonOk ? (e.json as { result?: unknown } | null)?.result : undefined;
  return r !== null && typeof r === "object" && !Array.isArray(r) ? (r as Record<string, unknown>) : undefined;
}

export function judge(all: ProbeResult[], secrets?: { token: string; apiKey: string }): Verdict {
  const v: Verdict = { violated: new Set(), errored: new Set(), why: new Map() };
  // The other methods on the path are another operation's requests: only the rules about methods read them.
  const results = all.filter((r) => r.probe.kind !== "method");
  const methods = all.filter((r) => r.probe.kind === "method");
  const fail = (id: string, r: ProbeResult, what: string) => {
    if (!v.violated.has(id)) v.why.set(id, `${r.probe.name}: ${what}`);
    v.violated.add(id);
  };
  /** Runs `check` on each answered result; a missing answer (or a 429, which answers nothing) makes the requirement errored. */
  const each = (id: string, rs: ProbeResult[], check: (r: ProbeResult, e: TestExchange) => void) => {
    for (const r of rs) {
      if (r.exchange.error || r.exchange.status === 429) {
        v.errored.add(id);
        continue;
      }
      check(r, r.exchange);
    }
  };
  /** The same, for the rules about every answer of the run: an unanswered request is not theirs (HTTP-EVERY-REQUEST-ANSWERED's). */
  const eachAnswer = (id: string, rs: ProbeResult[], check: (r: ProbeResult, e: TestExchange) => void) =>
    each(id, rs.filter((r) => !r.exchange.error && r.exchange.status !== 429), check);
  const kind = (k: string) => results.filter((r) => r.probe.kind === k);
  // The plain reads (each certificate, each scheme): a missing answer leaves their requirements errored.
  const reads = kind("read").filter((r) => !r.probe.variant);
  // Reads asked another way: judged where they were answered (their own requirements say the rest).
  const variants = kind("read").filter((r) => r.probe.variant && !r.exchange.error && r.exchange.status !== 429);
  const answered = results.filter((r) => !r.exchange.error && r.exchange.status !== 429);
  const authCase = (...cases: string[]) => results.filter((r) => r.probe.authCase && cases.includes(r.probe.authCase));
  const idCase = (...cases: string[]) => results.filter((r) => r.probe.idCase && cases.includes(r.probe.idCase));
  const refusal = (id: string, rs: ProbeResult[]) => each(id, rs, (r, e) => { if (!refused(e)) fail(id, r, `answered ${e.status} ${e.text.slice(0, 80)}`); });

  // HTTP
  each("HTTP-EXISTING-200", reads, (r, e) => { if (e.status !== 200) fail("HTTP-EXISTING-200", r, `answered ${e.status}`); });
  eachAnswer("HTTP-NO-5XX", results.filter((r) => r.probe.expect === "4xx"), (r, e) => { if (e.status >= 500) fail("HTTP-NO-5XX", r, `answered ${e.status}`); });
  eachAnswer("HTTP-JSON-CONTENT-TYPE", results, (r, e) => { if (e.status < 500 && !isJsonType(e)) fail("HTTP-JSON-CONTENT-TYPE", r, `content-type ${e.headers["content-type"]}`); });
  eachAnswer("HTTP-JSON-BODY", results, (r, e) => { if (e.status < 500 && !e.jsonOk) fail("HTTP-JSON-BODY", r, "body is not JSON"); });
  // A server that answers some requests must answer all: a reset, a hang or a 429 while others are answered.
  if (results.some((r) => !r.exchange.error && r.exchange.status !== 429)) {
    for (const r of results) if (r.exchange.error || r.exchange.status === 429) fail("HTTP-EVERY-REQUEST-ANSWERED", r, r.exchange.error ?? "429");
  }
  eachAnswer("HTTP-BODY-BOUNDED", results, (r, e) => { if (Buffer.byteLength(e.text) > 8 * 1024 * 1024) fail("HTTP-BODY-BOUNDED", r, `body of ${Buffer.byteLength(e.text)} bytes`); });

  judgeHttp(answered, results, fail);

  // Other methods: a 405 says Allow, listing GET and not the method refused; any Allow lists GET; TRACE is refused.
  each("HTTP-ALLOW-ACCURATE", methods, (r, e) => {
    const listed = e.headers.allow?.split(",").map((m) => m.trim()) ?? [];
    const ok = e.status === 405 ? listed.includes("GET") && !listed.includes(r.probe.method!) : e.headers.allow === undefined || listed.includes("GET");
    if (!ok) fail("HTTP-ALLOW-ACCURATE", r, `answered ${e.status} with Allow: ${e.headers.allow ?? "(none)"}`);
  });
  each("HTTP-TRACE-REFUSED", methods.filter((r) => r.probe.method === "TRACE"), (r, e) => {
    if (!is4xx(e) && e.status !== 501) fail("HTTP-TRACE-REFUSED", r, `answered ${e.status}`);
  });

  // Schemas: every 200 but the list's against success-200, every 4xx against failure-4xx, each at its level's profile.
  const validator = responseValidator();
  for (const r of results) {
    const e = r.exchange;
    if (e.error || !e.jsonOk) continue;
    const cls = e.status === 200 && r.probe.kind !== "list" ? "success-200" : is4xx(e) ? "failure-4xx" : undefined;
    if (!cls || e.status === 429) continue;
    for (const profile of ["spec", "strict"] as const) {
      for (const violation of validator.validate(cls, e.json, profile, lexicalFacts(e))) {
        const level = levelIn(requirementById(violation.requirementId).level, seedSpec());
        if ((level === "must") === (profile === "spec")) fail(violation.requirementId, r, `${violation.instancePath} ${violation.message}`);
      }
    }
  }

  // ID
  const echo = (r: ProbeResult, e: TestExchange) => {
    const result = e.status === 200 ? resultObject(e) : undefined;
    if (result && result.id !== r.probe.certificateId) fail("ID-RESULT-ECHO", r, `result.id ${JSON.stringify(result.id)}`);
  };
  each("ID-RESULT-ECHO", reads, echo);
  each("ID-RESULT-ECHO", variants, echo);
  refusal("ID-MAXLENGTH-ZONE", idCase("overlong-zone"));
  refusal("ID-MAXLENGTH-CERTIFICATE", idCase("overlong-certificate"));
  refusal("ID-MALFORMED-REFUSED", idCase("malformed"));
  refusal("ID-UNKNOWN-REFUSED", idCase("unknown"));
  refusal("ID-ZONE-SCOPED", idCase("other-zone"));
  refusal("HTTP-PATH-EXACT", kind("path"));
  // Refusals that must not tell whether the certificate exists: the same status and error codes as their pair's.
  const byName = new Map(results.map((r) => [r.probe.name, r]));
  for (const r of results) {
    const other = r.probe.sameAs && byName.get(r.probe.sameAs.name);
    if (!other || !r.probe.sameAs) continue;
    const [a, b] = [other.exchange, r.exchange];
    if (a.error || b.error || !is4xx(a) || !is4xx(b) || a.status === 429 || b.status === 429) continue;
    if (refusalSignature(a) !== refusalSignature(b)) fail(r.probe.sameAs.requirement, r, `refused ${refusalSignature(b)}, "${other.probe.name}" ${refusalSignature(a)}`);
  }

  // AUTH
  refusal("AUTH-MISSING-REFUSED", authCase("missing"));
  refusal("AUTH-KEY-WRONG-REFUSED", authCase("wrong-key", "unknown-email"));
  refusal("AUTH-EMAIL-WITHOUT-KEY-REFUSED", authCase("email-without-key"));
  refusal("AUTH-MALFORMED-REFUSED", authCase("malformed-email", "malformed-key", "malformed-bearer"));
  refusal("AUTH-TOKEN-WRONG-REFUSED", authCase("wrong-token"));
  refusal("AUTH-TOKEN-NEAR-MISS-REFUSED", authCase("token-near-miss"));
  for (const [id, scheme] of [["AUTH-KEY-ACCEPTED", "key"], ["AUTH-TOKEN-ACCEPTED", "token"]] as const) {
    each(id, reads.filter((r) => r.probe.scheme === scheme), (r, e) => { if (e.status !== 200) fail(id, r, `answered ${e.status}`); });
  }
  each("AUTH-REFUSAL-STATUS", kind("auth"), (r, e) => { if (is4xx(e) && ![400, 401, 403].includes(e.status)) fail("AUTH-REFUSAL-STATUS", r, `refused with ${e.status}`); });
  refusal("AUTH-MISPLACED-REFUSED", authCase("misplaced"));
  for (const r of variants.filter((x) => x.probe.variant === "credential-spelling" || x.probe.variant === "header-names-upper-case")) {
    if (r.exchange.status !== 200) fail("AUTH-SYNTAX-ACCEPTED", r, `answered ${r.exchange.status}`);
  }
  for (const r of answered) {
    const e = r.exchange;
    if (e.status === 401 && !/^\s*,*\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+/.test(e.headers["www-authenticate"] ?? "")) fail("AUTH-401-CHALLENGE", r, `www-authenticate: ${e.headers["www-authenticate"]}`);
    const seen = [e.text, ...e.fields.map(([, v]) => v)].map((t) => t.toLowerCase());
    if (secretForms(secrets).some((form) => seen.some((t) => t.includes(form)))) fail("AUTH-SECRET-NOT-ECHOED", r, "a configured secret in the answer");
    if (/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/.test(e.text.replace(/\\n/g, "\n")) || (e.text.includes('"kty"') && /"kty"\s*:[^}]*"d"\s*:/.test(e.text))) fail("RESULT-NO-PRIVATE-KEY", r, "private key material");
    if (is4xx(e) && e.jsonOk && strings(e.json).some((t) => INTERNALS.test(t))) fail("ERR-NO-INTERNALS", r, strings(e.json).find((t) => INTERNALS.test(t))!.slice(0, 80));
  }

  // X509: the fields of every 200 read against its certificate.
  const authorities: { r: ProbeResult; issuer: string; ca: string; id: unknown }[] = [];
  const x509 = (r: ProbeResult, e: TestExchange) => {
    const result = e.status === 200 ? resultObject(e) : undefined;
    if (!result || result.certificate === undefined) return;
    let parsed: ParsedCertificate;
    try {
      parsed = parseCertificateOnce(String(result.certificate));
    } catch (error) {
      return fail("X509-CERTIFICATE-PARSES", r, (error as Error).message);
    }
    const differs = (id: string, member: string, expected: string, norm = (s: string) => s) => {
      const actual = result[member];
      if (actual !== undefined && (typeof actual !== "string" || norm(actual) !== norm(expected))) fail(id, r, `${member} ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    };
    const hexNorm = (s: string) => s.toLowerCase().replace(/:/g, "");
    differs("X509-FINGERPRINT-MATCHES", "fingerprint_sha256", parsed.derSha256Hex, hexNorm);
    differs("X509-SERIAL-MATCHES", "serial_number", parsed.serialHex, normalizeSerial);
    for (const [member, date] of [["issued_on", parsed.notBefore], ["expires_on", parsed.notAfter]] as const) {
      const actual = result[member];
      if (actual !== undefined && (typeof actual !== "string" || Math.floor(Date.parse(actual) / 1000) !== Math.floor(date.getTime() / 1000))) fail("X509-DATES-MATCH", r, `${member} ${JSON.stringify(actual)}`);
    }
    const days = (parsed.notAfter.getTime() - parsed.notBefore.getTime()) / 86_400_000;
    if (result.validity_days !== undefined && (typeof result.validity_days !== "number" || Math.abs(result.validity_days - days) > 1)) fail("X509-VALIDITY-DAYS-MATCHES", r, `validity_days ${JSON.stringify(result.validity_days)}`);
    const s = parsed.subject;
    for (const [member, expected] of [["common_name", s.commonName], ["organization", s.organization], ["organizational_unit", s.organizationalUnit], ["country", s.country], ["state", s.state], ["location", s.locality]] as const) {
      differs("X509-SUBJECT-MATCHES", member, expected ?? "");
    }
    if (parsed.skiHex !== undefined) differs("X509-SKI-MATCHES", "ski", parsed.skiHex, hexNorm);
    if (result.csr !== undefined) {
      const key = csrKeyOnce(String(result.csr));
      if (key !== parsed.publicKeySha256Hex) fail("X509-CSR-KEY-MATCHES", r, key === undefined ? "csr does not parse" : "csr key differs");
    }
    differs("X509-SIGNATURE-MATCHES", "signature", parsed.signatureAlgorithm, (x) => x.toLowerCase());
    const csr = typeof result.csr === "string" ? csrOnce(result.csr) : undefined;
    if (csr) {
      const problems = csrProblems(csr.der);
      if (problems.length) fail("X509-CSR-VALID", r, problems.join("; "));
      for (const [member, value] of [["organization", csr.subject.organization], ["organizational_unit", csr.subject.organizationalUnit], ["country", csr.subject.country], ["state", csr.subject.state], ["location", csr.subject.locality]] as const) {
        if (result[member] !== undefined && result[member] !== (value ?? "")) fail("X509-CSR-SUBJECT-MATCHES", r, `${member} ${JSON.stringify(result[member])}, the CSR says ${JSON.stringify(value ?? "")}`);
      }
    }
    const profile = certificateProfileProblems(parsed.der);
    if (profile.length) fail("X509-CERTIFICATE-PROFILE", r, profile.join("; "));
    const authority = result.certificate_authority as { id?: unknown; name?: unknown } | undefined;
    if (authority && typeof authority === "object") authorities.push({ r, issuer: `${parsed.issuer} ${parsed.authorityKeyIdHex ?? ""}`, ca: JSON.stringify([authority.id, authority.name]), id: authority.id });
  };
  each("X509-CERTIFICATE-PARSES", reads, x509);
  each("X509-CERTIFICATE-PARSES", variants, x509);
  // One issuer, one certificate_authority; one certificate_authority.id, one issuer.
  for (const a of authorities) {
    const clash = authorities.find((b) => (b.issuer === a.issuer && b.ca !== a.ca) || (b.id === a.id && b.issuer !== a.issuer));
    if (clash) fail("X509-CA-CONSISTENT", a.r, `${a.ca} for ${a.issuer}, ${clash.ca} for ${clash.issuer}`);
  }
  // RESULT, across reads: one certificate per id (fingerprints and serials apart), the same object on every read but its status.
  const readAnswers = [...reads, ...variants].filter((r) => !r.exchange.error && r.exchange.status === 200).map((r) => ({ r, result: resultObject(r.exchange) })).filter((x) => x.result);
  const owner = new Map<string, string>();
  const firstRead = new Map<string, string>();
  const sameness = (result: Record<string, unknown>) => JSON.stringify(Object.entries(result).filter(([k]) => k !== "status").sort(([a], [b]) => a.localeCompare(b)));
  for (const { r, result } of readAnswers) {
    const id = r.probe.certificateId!;
    const fp = String(result!.fingerprint_sha256);
    if (owner.has(fp) && owner.get(fp) !== id) fail("RESULT-FINGERPRINT-UNIQUE", r, `${id} shares fingerprint ${fp} with ${owner.get(fp)}`);
    owner.set(fp, owner.get(fp) ?? id);
    const seen = firstRead.get(id);
    if (seen !== undefined && seen !== sameness(result!)) fail("RESULT-READS-AGREE", r, `${id} read differently`);
    if (seen === undefined) firstRead.set(id, sameness(result!));
  }

  // STATUS: what the list said before the reads, then each read, then the list after: never a step back.
  const listed = (name: string) => {
    const items = results.find((r) => r.probe.name === name)?.exchange.json as { result?: { id?: unknown; status?: unknown }[] } | undefined;
    return new Map((Array.isArray(items?.result) ? items.result : []).map((i) => [String(i.id), String(i.status)]));
  };
  const [before, after] = [listed("list (first)"), listed("list (last)")];
  for (const { r, result } of readAnswers) {
    const id = r.probe.certificateId!;
    const status = String(result!.status);
    if (before.has(id) && BACKWARDS.get(before.get(id)!) === status) fail("STATUS-TRANSITIONS", r, `${before.get(id)} in the list, then ${status}`);
    if (after.has(id) && BACKWARDS.get(status) === after.get(id)) fail("STATUS-TRANSITIONS", r, `${status}, then ${after.get(id)} in the list`);
  }
  return v;
}

/** Every requirement id of the registry (for coverage checks). */
export const ALL_REQUIREMENT_IDS = REQUIREMENTS.map((r) => r.id);
