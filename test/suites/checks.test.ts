import { beforeAll, describe, expect, it } from "vitest";
import type { CertificateResult } from "../../generators/index.ts";
import type { ExchangeError, ExchangeResponse } from "../../src/http/index.ts";
import {
  AUTH_KEY_ACCEPTED, AUTH_TOKEN_ACCEPTED, ENV_ERRORS_ITEMS, ENV_SUCCESS_TRUE, ERR_RESULT_NULL, HTTP_BODY_BOUNDED, HTTP_EVERY_REQUEST_ANSWERED,
  HTTP_EXISTING_200, HTTP_JSON_BODY, HTTP_JSON_CONTENT_TYPE, ID_MALFORMED_REFUSED, ID_RESULT_ECHO, RESULT_FINGERPRINT_FORMAT, RESULT_FINGERPRINT_UNIQUE,
  RESULT_READS_AGREE, STATUS_ENUM, X509_CERTIFICATE_PARSES, X509_CSR_KEY_MATCHES, X509_DATES_MATCH, X509_FINGERPRINT_MATCHES,
  X509_SERIAL_MATCHES, X509_SIGNATURE_MATCHES, X509_SKI_MATCHES, X509_SUBJECT_MATCHES, X509_VALIDITY_DAYS_MATCHES,
} from "../../src/registry/index.ts";
import type { Requirement } from "../../src/registry/types.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import type { Probe } from "../../src/run/probes.ts";
import { parseCertificatePem, type ParsedCertificate } from "../../src/x509/index.ts";
import { encodePem } from "../../src/x509/pem.ts";
import { webCrypto, x509 } from "../../src/x509/peculiar.ts";
import { ALL_CHECKS } from "../../suites/index.ts";
import { schemaCheck } from "../../suites/schema-checks.ts";
import { evaluateCheck, type Check, type CheckOutcome } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import { resultPool } from "../generators/support/pool.ts";

/**
 * The checks of suites/*.ts pinned one behaviour at a time: each evaluated with evaluateCheck on
 * hand-built evidence, asserting the exact failure messages and errored/skipped reasons a report shows.
 */

const checkOf = (requirement: Requirement): Check => {
  const check = ALL_CHECKS.find((c) => c.requirement === requirement);
  if (!check) throw new Error(`no check of ${requirement.id}`);
  return check;
};

const BASE = "https://api.example.test/client/v4";
const ZONE = "0123456789abcdef0123456789abcdef";
const CERT = "fedcba9876543210fedcba9876543210";

let nextSeq = 1;

function probeOf(over: Partial<Probe> = {}): Probe {
  const certificateId = over.certificateId ?? CERT;
  return {
    key: `read:${certificateId}:${nextSeq}`, kind: "read", priority: 0, label: `read ${certificateId}`,
    path: `/zones/z/client_certificates/${certificateId}`, auth: "key", expect: "200", zoneId: ZONE, certificateId, scheme: "key",
    ...over,
  };
}

function resultOf(probe: Probe, response?: ExchangeResponse, opts: { error?: ExchangeError; attempts?: number; seq?: number } = {}): ProbeResult {
  return {
    probe,
    exchange: {
      seq: opts.seq ?? nextSeq++, label: probe.label, attempts: opts.attempts ?? 1, curl: "curl ...",
      request: { method: "GET", url: `${BASE}${probe.path}`, headers: {} },
      ...(response ? { response } : {}), ...(opts.error ? { error: opts.error } : {}),
      timing: { startedAt: "2026-01-01T00:00:00.000Z", durationMs: 1 },
    },
  };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = { "content-type": "application/json" }): ExchangeResponse =>
  ({ status, headers, body: typeof body === "string" ? body : JSON.stringify(body) });
const envelope = (result: unknown) => ({ success: true, errors: [], messages: [], result });
const failureEnvelope = (over: Record<string, unknown> = {}) => ({ success: false, errors: [{ code: 1000, message: "refused" }], messages: [], result: null, ...over });

const ctxOf = (...results: ProbeResult[]): CheckContext => ({
  zoneId: ZONE, certificateIds: [...new Set(results.map((r) => r.probe.certificateId).filter((id): id is string => !!id))], schemes: ["key"], results,
});

/** A 200 read of `certificateId` answered with `result`. */
const read = (result: unknown, certificateId = CERT, label?: string) =>
  resultOf(probeOf({ certificateId, ...(label ? { label } : {}) }), json(envelope(result)));

const describeOf = (r: ProbeResult) => `${r.probe.label} (GET ${r.probe.path.length > 90 ? `${r.probe.path.slice(0, 89)}…` : r.probe.path})`;
const messages = (o: CheckOutcome) => o.failures.map((f) => f.message);
const TIMEOUT: ExchangeError = { kind: "timeout", message: "no answer in 100 ms" };
const CUT_8_MIB = 8 * 2 ** 20;
const CUT_WHY = "the body is larger than the suite's 8 MiB limit: it was cut there and cannot be judged as JSON";

describe("HTTP-JSON-CONTENT-TYPE", () => {
  const check = checkOf(HTTP_JSON_CONTENT_TYPE);

  it("names a missing Content-Type as \"(none)\"", () => {
    const r = resultOf(probeOf(), json({}, 200, {}));
    expect(messages(evaluateCheck(check, ctxOf(r)))).toEqual([`${describeOf(r)}: Content-Type is "(none)", expected application/json`]);
  });

  it("quotes a wrong Content-Type as it came", () => {
    const r = resultOf(probeOf(), json({}, 200, { "content-type": "text/html" }));
    expect(messages(evaluateCheck(check, ctxOf(r)))).toEqual([`${describeOf(r)}: Content-Type is "text/html", expected application/json`]);
  });
});

describe("HTTP-EXISTING-200", () => {
  const check = checkOf(HTTP_EXISTING_200);
  const burstRead = (status: number, headers?: Record<string, string>) => resultOf(probeOf({ variant: "burst", label: `burst ${status}` }), json(status === 200 ? envelope({}) : failureEnvelope(), status, headers));

  it("a read of the burst is served, or turned away with 429; another answer fails (Cloudflare's limits page: past the limit, 429)", () => {
    const served = burstRead(200);
    const limited = burstRead(429, { "content-type": "application/json", "retry-after": "1" });
    expect(evaluateCheck(check, ctxOf(resultOf(probeOf(), json(envelope({}))), served, limited))).toMatchObject({ status: "passed", failures: [] });
    const unavailable = burstRead(503, { "content-type": "application/json", "retry-after": "1" });
    const outcome = evaluateCheck(check, ctxOf(served, unavailable));
    expect(outcome).toMatchObject({ status: "failed" });
    expect(messages(outcome)).toEqual([`${describeOf(unavailable)}: answered 503 to a read of the burst, expected 200 or, past the rate limit, 429`]);
  });

  it("a read that must be served and is not: one failure, saying what came", () => {
    const failed = resultOf(probeOf(), json(failureEnvelope(), 503));
    expect(messages(evaluateCheck(check, ctxOf(failed)))).toEqual([`${describeOf(failed)}: answered 503, expected 200`]);
  });

  it("a read that may be declined (Accept: text/html, 406) is not this requirement's: only reads that must be served, and the burst's", () => {
    const declined = resultOf(probeOf({ variant: "accept-html", expect: "200-or-406" }), json(failureEnvelope(), 406));
    expect(evaluateCheck(check, ctxOf(resultOf(probeOf(), json(envelope({}))), declined))).toMatchObject({ status: "passed", checks: 1, failures: [] });
  });

  it("an unanswered read of the burst is HTTP-EVERY-REQUEST-ANSWERED's to judge, not this one's", () => {
    const lost = resultOf(probeOf({ variant: "burst" }), undefined, { error: TIMEOUT });
    expect(evaluateCheck(check, ctxOf(resultOf(probeOf(), json(envelope({}))), lost))).toMatchObject({ status: "passed", failures: [] });
  });
});

describe("HTTP-EVERY-REQUEST-ANSWERED", () => {
  const check = checkOf(HTTP_EVERY_REQUEST_ANSWERED);

  it("ignores a request that was never sent, even one before an answered request", () => {
    const notSent = resultOf(probeOf({ label: "never sent" }), undefined, { error: { kind: "budget", message: "not sent: budget" }, attempts: 0, seq: 1 });
    const answered = resultOf(probeOf(), json(envelope({})), { seq: 2 });
    expect(evaluateCheck(check, ctxOf(notSent, answered))).toMatchObject({ status: "passed", checks: 1, failures: [] });
  });

  it("fails an unanswered request followed by an answered one", () => {
    const unanswered = resultOf(probeOf({ label: "lost" }), undefined, { error: TIMEOUT, seq: 1 });
    const answered = resultOf(probeOf(), json(envelope({})), { seq: 2 });
    const outcome = evaluateCheck(check, ctxOf(unanswered, answered));
    expect(outcome).toMatchObject({ status: "failed", checks: 1 });
    expect(messages(outcome)).toEqual([`${describeOf(unanswered)}: timeout: no answer in 100 ms, while a request sent after it was answered`]);
  });

  it("an unanswered request with the same seq as the last answered one is not failed, but errored", () => {
    const answered = resultOf(probeOf(), json(envelope({})), { seq: 2 });
    const unanswered = resultOf(probeOf({ label: "lost" }), undefined, { error: TIMEOUT, seq: 2 });
    expect(evaluateCheck(check, ctxOf(answered, unanswered))).toMatchObject({
      status: "errored", checks: 1, failures: [],
      reason: "lost: timeout: no answer in 100 ms, and nothing after it was answered (the target may be down)",
    });
  });

  it("the last unanswered requests are errored, with the target possibly down", () => {
    const answered = resultOf(probeOf(), json(envelope({})), { seq: 1 });
    const last = resultOf(probeOf({ label: "last one" }), undefined, { error: TIMEOUT, seq: 2 });
    const limited = resultOf(probeOf({ label: "limited" }), json("", 429, { "retry-after": "30" }), { seq: 3, attempts: 3 });
    expect(evaluateCheck(check, ctxOf(answered, last, limited))).toMatchObject({
      status: "errored", checks: 1, failures: [],
      reason: "last one: timeout: no answer in 100 ms, and nothing after it was answered (the target may be down) (and 1 more)",
    });
  });
});

describe("HTTP-JSON-BODY", () => {
  const check = checkOf(HTTP_JSON_BODY);

  it("fails a body that is not JSON, saying why", () => {
    const html = resultOf(probeOf(), json("<html></html>"));
    const empty = resultOf(probeOf({ label: "empty" }), json(""));
    expect(messages(evaluateCheck(check, ctxOf(html, empty)))).toEqual([
      `${describeOf(html)}: the body is HTML or XML, not JSON`,
      `${describeOf(empty)}: the body is empty`,
    ]);
  });

  it("a body the suite cut is errored, not failed", () => {
    const cut = resultOf(probeOf(), { ...json("{\"success\":"), truncated: true, cutAtBytes: CUT_8_MIB });
    expect(evaluateCheck(check, ctxOf(cut))).toMatchObject({ status: "errored", checks: 0, failures: [], reason: `${describeOf(cut)}: ${CUT_WHY}` });
  });

  it("passes JSON, and leaves 5xx answers to HTTP-NO-5XX", () => {
    const five = resultOf(probeOf(), json("<html>oops</html>", 502));
    expect(evaluateCheck(check, ctxOf(resultOf(probeOf(), json({})), five))).toMatchObject({ status: "passed", checks: 1 });
  });
});

describe("HTTP-BODY-BOUNDED", () => {
  const check = checkOf(HTTP_BODY_BOUNDED);
  const cut = (cutAtBytes?: number) => resultOf(probeOf(), { ...json("{"), truncated: true, ...(cutAtBytes === undefined ? {} : { cutAtBytes }) });

  it("gives the cut size in MiB, to one decimal", () => {
    for (const [bytes, mib] of [[CUT_8_MIB, "8"], [1.5 * 2 ** 20, "1.5"], [1_234_567, "1.2"]] as const) {
      const r = cut(bytes);
      expect(messages(evaluateCheck(check, ctxOf(r)))).toEqual([`${describeOf(r)}: the body is larger than ${mib} MiB: read up to there, the rest discarded`]);
    }
  });

  it("without cutAtBytes, names the suite's limit", () => {
    const r = cut();
    expect(messages(evaluateCheck(check, ctxOf(r)))).toEqual([`${describeOf(r)}: the body is larger than the suite's limit: read up to there, the rest discarded`]);
  });

  it("passes a whole body", () => {
    expect(evaluateCheck(check, ctxOf(resultOf(probeOf(), json({}))))).toMatchObject({ status: "passed", checks: 1 });
  });
});

describe("AUTH-*-ACCEPTED", () => {
  it("a scheme that is not configured is skipped, naming the variables to set", () => {
    const r = read({});
    expect(evaluateCheck(checkOf(AUTH_TOKEN_ACCEPTED), { ...ctxOf(r), schemes: ["key"] })).toMatchObject({
      status: "skipped", reason: "the token scheme is not configured (set CLOUDFLARE_API_TOKEN)",
    });
    expect(evaluateCheck(checkOf(AUTH_KEY_ACCEPTED), { ...ctxOf(r), schemes: ["token"] })).toMatchObject({
      status: "skipped", reason: "the key scheme is not configured (set CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY)",
    });
  });
});

describe("ID checks", () => {
  it("ID-RESULT-ECHO judges only 200 answers, and names the id that came back", () => {
    const check = checkOf(ID_RESULT_ECHO);
    const notFound = resultOf(probeOf(), json({ success: false, errors: [], messages: [], result: { id: "someone else" } }, 404));
    expect(evaluateCheck(check, ctxOf(notFound))).toMatchObject({ status: "skipped", checks: 0, reason: "nothing in this run to check it on" });
    const wrong = read({ id: "someone else" });
    expect(messages(evaluateCheck(check, ctxOf(wrong)))).toEqual([`${describeOf(wrong)}: result.id is "someone else", expected the requested "${CERT}"`]);
    expect(evaluateCheck(check, ctxOf(read({ id: CERT })))).toMatchObject({ status: "passed", checks: 1 });
  });

  it("the smallest shrunk identifier's failure comes first; the others keep their order; other cases are not judged", () => {
    const idProbe = (label: string, certificateId: string, over: Partial<Probe> = {}) =>
      probeOf({ kind: "id", label, certificateId, expect: "4xx", idCase: "malformed", idPosition: "certificate", scheme: undefined, ...over });
    const ok = json({ success: true, errors: [], messages: [], result: {} });
    const first = resultOf(idProbe("first", "a!"), ok);
    const step = resultOf(idProbe("shrink step", "b!", { shrink: { step: 1 } }), ok);
    const minimal = resultOf(idProbe("minimal", "!", { shrink: { step: 2, minimal: true } }), ok);
    const unknown = resultOf(idProbe("unknown", "c", { idCase: "unknown" }), ok);
    const outcome = evaluateCheck(checkOf(ID_MALFORMED_REFUSED), ctxOf(first, step, unknown, minimal));
    expect(messages(outcome)).toEqual([
      `${describeOf(minimal)}: the smallest wrongly answered identifier found by shrinking, "!": answered 200, expected a 4xx refusal`,
      `${describeOf(first)}: answered 200, expected a 4xx refusal`,
      `${describeOf(step)}: answered 200, expected a 4xx refusal`,
    ]);
  });
});

describe("schema checks", () => {
  const STATUS_SOURCE = "#/paths/~1zones~1{zone_identifier}~1client_certificates~1{client_certificate_identifier}/get/responses/200/content/application~1json/schema";

  it("a must requirement is judged under the spec profile, with the document's source pointer", () => {
    const r = read({ status: "X" });
    expect(messages(evaluateCheck(checkOf(STATUS_ENUM), ctxOf(r)))).toEqual([
      `${describeOf(r)}: /result/status must be one of "active", "pending_reactivation", "pending_revocation", "revoked" (got "X") [STATUS-ENUM; source ${STATUS_SOURCE}/allOf/1/properties/result/properties/status/enum]`,
    ]);
  });

  it("a should requirement is judged under the strict profile (the errata's formats)", () => {
    const outcome = evaluateCheck(checkOf(RESULT_FINGERPRINT_FORMAT), ctxOf(read({ fingerprint_sha256: "ABC" })));
    expect(outcome.status).toBe("failed");
    expect(outcome.failures[0]!.message).toContain("/result/fingerprint_sha256 must match ^[0-9a-f]{64}$ (got \"ABC\") [RESULT-FINGERPRINT-FORMAT; erratum fingerprint-hex64");
  });

  it("several violations of one requirement are joined with \"; \"", () => {
    const r = resultOf(probeOf(), json({ success: true, errors: [{ code: 1, message: "m" }, { code: 2, message: "n" }], messages: [], result: {} }));
    const at = (i: number) => `/errors/${i}/code must be >= 1000 (got ${i + 1}) [ENV-ERRORS-ITEMS; source ${STATUS_SOURCE}/allOf/0/allOf/0/properties/errors/items/properties/code/minimum]`;
    expect(messages(evaluateCheck(checkOf(ENV_ERRORS_ITEMS), ctxOf(r)))).toEqual([`${describeOf(r)}: ${at(0)}; ${at(1)}`]);
  });

  it("a body the suite cut is errored; a body that is not JSON is left to HTTP-JSON-BODY", () => {
    const cut = resultOf(probeOf(), { ...json("{\"success\":"), truncated: true, cutAtBytes: CUT_8_MIB });
    expect(evaluateCheck(checkOf(ENV_SUCCESS_TRUE), ctxOf(cut))).toMatchObject({ status: "errored", checks: 0, reason: `${describeOf(cut)}: ${CUT_WHY}` });
    expect(evaluateCheck(checkOf(ENV_SUCCESS_TRUE), ctxOf(resultOf(probeOf(), json("<html/>"))))).toMatchObject({ status: "skipped", checks: 0 });
  });

  it("a response that came with an error (partial evidence) is not judged", () => {
    const partial = resultOf(probeOf(), json({ success: false, errors: [], messages: [], result: {} }), { error: TIMEOUT });
    expect(evaluateCheck(checkOf(ENV_SUCCESS_TRUE), ctxOf(partial))).toMatchObject({ status: "skipped", checks: 0, reason: "nothing in this run to check it on" });
  });

  it("the failure class is every 4xx but 429", () => {
    const check = checkOf(ERR_RESULT_NULL);
    const refusal = (status: number) => resultOf(probeOf({ expect: "4xx" }), json(failureEnvelope({ result: {} }), status));
    const notFound = refusal(404);
    const outcome = evaluateCheck(check, ctxOf(notFound, refusal(429)));
    expect(outcome).toMatchObject({ status: "failed", checks: 1 });
    expect(messages(outcome)).toEqual([
      `${describeOf(notFound)}: /result must be null (got {}) [ERR-RESULT-NULL; source #/paths/~1zones~1{zone_identifier}~1client_certificates~1{client_certificate_identifier}/get/responses/4xx/content/application~1json/schema/properties/result]`,
    ]);
    expect(evaluateCheck(check, ctxOf(refusal(429)))).toMatchObject({ status: "skipped", checks: 0 });
  });

  it("an extra filter leaves out the responses it refuses", () => {
    const keep = resultOf(probeOf({ label: "keep" }), json({ success: false, errors: [], messages: [], result: {} }));
    const drop = resultOf(probeOf({ label: "drop" }), json({ success: false, errors: [], messages: [], result: {} }));
    const filtered = schemaCheck(ENV_SUCCESS_TRUE, "success-200", (r) => r.probe.label !== "drop");
    const outcome = evaluateCheck(filtered, ctxOf(keep, drop));
    expect(outcome).toMatchObject({ status: "failed", checks: 1 });
    expect(messages(outcome)).toEqual([expect.stringMatching(/^keep \(GET .*\): \/success must be true \(got false\)/)]);
  });
});

describe("RESULT-READS-AGREE", () => {
  const check = checkOf(RESULT_READS_AGREE);
  const agree = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    const first = read(a, CERT, "first read");
    const second = read(b, CERT, "second read");
    return { first, second, outcome: evaluateCheck(check, ctxOf(first, second)) };
  };

  it("is skipped when no certificate was read twice", () => {
    expect(evaluateCheck(check, ctxOf(read({ id: CERT }), read({ id: "x" }, "11111111111111111111111111111111")))).toMatchObject({
      status: "skipped", checks: 0, reason: "no certificate was read twice",
    });
  });

  it("names the differing members, sorted, and not status; a member only one read has differs", () => {
    const { second, outcome } = agree(
      { serial_number: "01", status: "active", common_name: "a", id: CERT },
      { serial_number: "02", status: "revoked", id: CERT, common_name: "b", country: "FR" },
    );
    expect(outcome).toMatchObject({ status: "failed", checks: 1 });
    expect(messages(outcome)).toEqual([`${describeOf(second)}: common_name, country, serial_number differ from "first read"`]);
  });

  it("ignores status, the order of members, and the notation of a date", () => {
    const { outcome } = agree(
      { status: "active", issued_on: "2020-01-01T00:00:00Z", expires_on: "2021-01-01T00:00:00.000Z", id: CERT },
      { id: CERT, expires_on: "2021-01-01T00:00:00Z", issued_on: "2020-01-01T00:00:00.000Z", status: "pending_revocation" },
    );
    expect(outcome).toMatchObject({ status: "passed", checks: 1 });
  });

  it("a date member that is not a date string is compared as it is", () => {
    expect(agree({ issued_on: "not a date" }, { issued_on: "not a date" }).outcome).toMatchObject({ status: "passed", checks: 1 });
    const { second, outcome } = agree({ issued_on: 2020 }, { issued_on: "1970-01-01T00:00:02.020Z" });
    expect(messages(outcome)).toEqual([`${describeOf(second)}: issued_on differ from "first read"`]);
  });

  it("a member that is not a date is compared as text, even when it parses as one", () => {
    const { second, outcome } = agree({ common_name: "2020-01-01T00:00:00Z" }, { common_name: "2020-01-01T00:00:00.000Z" });
    expect(messages(outcome)).toEqual([`${describeOf(second)}: common_name differ from "first read"`]);
  });
});

describe("certificate checks, on real certificates", () => {
  let pool: CertificateResult[];
  let noSki: { certificate: string; parsed: ParsedCertificate };
  const ID_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  const ID_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  const ID_C = "cccccccccccccccccccccccccccccccc";

  beforeAll(async () => {
    pool = await resultPool();
    const keys = (await webCrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"])) as CryptoKeyPair;
    const made = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: "01", name: "CN=no subject key identifier", notBefore: new Date("2024-01-01T00:00:00Z"), notAfter: new Date("2025-01-01T00:00:00Z"),
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" }, keys, extensions: [],
    });
    const certificate = encodePem(made.rawData, "CERTIFICATE");
    noSki = { certificate, parsed: parseCertificatePem(certificate) };
  });

  const rsaRead = () => pool[0]!; // RSA key, RSA CA
  const p256Read = () => pool[1]!; // P-256 key, RSA CA
  const ecdsaIssued = () => pool[2]!; // the ECDSA CA
  const parsedOf = (r: CertificateResult) => parseCertificatePem(r.certificate);
  const one = (requirement: Requirement, over: Record<string, unknown>, base = rsaRead()) => {
    const r = read({ ...base, ...over }, base.id);
    return { r, outcome: evaluateCheck(checkOf(requirement), ctxOf(r)) };
  };

  describe("RESULT-FINGERPRINT-UNIQUE", () => {
    const check = checkOf(RESULT_FINGERPRINT_UNIQUE);

    it("distinct certificates of one issuer, and one serial under two issuers, pass", () => {
      const outcome = evaluateCheck(check, ctxOf(read(rsaRead(), ID_A), read(p256Read(), ID_B), read({ ...ecdsaIssued(), serial_number: rsaRead().serial_number }, ID_C)));
      expect(outcome).toMatchObject({ status: "passed", checks: 6 });
    });

    it("two ids with one certificate fail on its fingerprint and its serial, naming the first id", () => {
      const a = read(rsaRead(), ID_A);
      const b = read(rsaRead(), ID_B);
      const c = read(rsaRead(), ID_C);
      const parsed = parsedOf(rsaRead());
      const fingerprint = `fingerprint_sha256 ${rsaRead().fingerprint_sha256}`;
      const serial = `serial_number ${parsed.serialHex} of the same issuer`;
      expect(messages(evaluateCheck(check, ctxOf(a, b, c)))).toEqual([
        `${describeOf(b)}: certificate ${ID_B} has the ${fingerprint}, as certificate ${ID_A} does`,
        `${describeOf(b)}: certificate ${ID_B} has the ${serial}, as certificate ${ID_A} does`,
        `${describeOf(c)}: certificate ${ID_C} has the ${fingerprint}, as certificate ${ID_A} does`,
        `${describeOf(c)}: certificate ${ID_C} has the ${serial}, as certificate ${ID_A} does`,
      ]);
    });

    it("compares the reported fingerprint_sha256 without case, naming it in lower case", () => {
      const reported = "AB".repeat(32);
      const a = read({ ...rsaRead(), fingerprint_sha256: reported.toLowerCase() }, ID_A);
      const b = read({ ...p256Read(), fingerprint_sha256: reported }, ID_B);
      expect(messages(evaluateCheck(check, ctxOf(a, b)))).toEqual([`${describeOf(b)}: certificate ${ID_B} has the fingerprint_sha256 ${"ab".repeat(32)}, as certificate ${ID_A} does`]);
    });

    it("compares the reported serial_number of one issuer, normalised", () => {
      const a = read({ ...rsaRead(), serial_number: "00ABCDEF" }, ID_A);
      const b = read({ ...p256Read(), serial_number: "ab:cd:ef" }, ID_B);
      expect(messages(evaluateCheck(check, ctxOf(a, b)))).toEqual([
        `${describeOf(b)}: certificate ${ID_B} has the serial_number ${parsedOf(p256Read()).serialHex} of the same issuer, as certificate ${ID_A} does`,
      ]);
    });

    it("a fingerprint_sha256 or serial_number that is not a string is taken from the certificate itself", () => {
      const a = read({ ...rsaRead(), fingerprint_sha256: 5, serial_number: 7 }, ID_A);
      const b = read({ ...p256Read(), fingerprint_sha256: 5, serial_number: 7 }, ID_B);
      expect(evaluateCheck(check, ctxOf(a, b))).toMatchObject({ status: "passed", checks: 4 });
      const twin = read({ ...rsaRead(), fingerprint_sha256: 5, serial_number: 7 }, ID_B);
      expect(messages(evaluateCheck(check, ctxOf(a, twin)))).toEqual([
        `${describeOf(twin)}: certificate ${ID_B} has the fingerprint_sha256 ${rsaRead().fingerprint_sha256}, as certificate ${ID_A} does`,
        `${describeOf(twin)}: certificate ${ID_B} has the serial_number ${parsedOf(rsaRead()).serialHex} of the same issuer, as certificate ${ID_A} does`,
      ]);
    });

    it("a read of the same id again is no duplicate", () => {
      expect(evaluateCheck(check, ctxOf(read(rsaRead(), ID_A), read(rsaRead(), ID_A), read(p256Read(), ID_B)))).toMatchObject({ status: "passed", checks: 6 });
    });
  });

  describe("X509 members", () => {
    it("X509-CERTIFICATE-PARSES says why a certificate does not parse", () => {
      const notPem = one(X509_CERTIFICATE_PARSES, { certificate: 5 });
      expect(messages(notPem.outcome)).toEqual([`${describeOf(notPem.r)}: certificate does not parse: certificate is 5, not a PEM string`]);
      const garbage = one(X509_CERTIFICATE_PARSES, { certificate: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" });
      expect(messages(garbage.outcome)).toEqual([expect.stringMatching(new RegExp(`^${describeOf(garbage.r).replace(/[()]/g, "\\$&")}: certificate does not parse: certificate: .+`))]);
      expect(one(X509_CERTIFICATE_PARSES, {}).outcome).toMatchObject({ status: "passed", checks: 1 });
    });

    it("X509-FINGERPRINT-MATCHES: without case or colons; a wrong or non-string one fails", () => {
      const fp = rsaRead().fingerprint_sha256;
      expect(one(X509_FINGERPRINT_MATCHES, { fingerprint_sha256: fp.toUpperCase().replace(/(..)(?!$)/g, "$1:") }).outcome).toMatchObject({ status: "passed", checks: 1 });
      const wrong = one(X509_FINGERPRINT_MATCHES, { fingerprint_sha256: "00".repeat(32) });
      expect(messages(wrong.outcome)).toEqual([`${describeOf(wrong.r)}: fingerprint_sha256 is "${"00".repeat(32)}", the certificate says "${fp}"`]);
      const number = one(X509_FINGERPRINT_MATCHES, { fingerprint_sha256: 5 });
      expect(number.outcome).toMatchObject({ status: "failed", failures: [{ message: `${describeOf(number.r)}: fingerprint_sha256 is 5, the certificate says "${fp}"` }] });
    });

    it("X509-SERIAL-MATCHES names the reported and the real serial", () => {
      const wrong = one(X509_SERIAL_MATCHES, { serial_number: "ff" });
      expect(messages(wrong.outcome)).toEqual([`${describeOf(wrong.r)}: serial_number is "ff", the certificate says "${parsedOf(rsaRead()).serialHex}"`]);
    });

    it("X509-DATES-MATCH: a date elsewhere or not a string fails", () => {
      const parsed = parsedOf(rsaRead());
      const wrong = one(X509_DATES_MATCH, { issued_on: "2000-01-01T00:00:00Z" });
      expect(messages(wrong.outcome)).toEqual([`${describeOf(wrong.r)}: issued_on is "2000-01-01T00:00:00Z", the certificate says ${parsed.notBefore.toISOString()}`]);
      const boxed = [parsed.notAfter.toISOString()];
      const array = one(X509_DATES_MATCH, { expires_on: boxed });
      expect(messages(array.outcome)).toEqual([`${describeOf(array.r)}: expires_on is ${JSON.stringify(boxed)}, the certificate says ${parsed.notAfter.toISOString()}`]);
      expect(one(X509_DATES_MATCH, {}).outcome).toMatchObject({ status: "passed", checks: 2 });
    });

    it("X509-VALIDITY-DAYS-MATCHES: a number within a day; a string of it fails", () => {
      const parsed = parsedOf(rsaRead());
      const days = (parsed.notAfter.getTime() - parsed.notBefore.getTime()) / 86_400_000;
      expect(one(X509_VALIDITY_DAYS_MATCHES, { validity_days: Math.round(days) }).outcome).toMatchObject({ status: "passed", checks: 1 });
      const text = one(X509_VALIDITY_DAYS_MATCHES, { validity_days: String(Math.round(days)) });
      expect(messages(text.outcome)).toEqual([`${describeOf(text.r)}: validity_days is "${Math.round(days)}", the certificate is valid ${days.toFixed(2)} days`]);
    });

    it("X509-SUBJECT-MATCHES names the member", () => {
      const wrong = one(X509_SUBJECT_MATCHES, { common_name: "someone else" });
      expect(messages(wrong.outcome)).toEqual([`${describeOf(wrong.r)}: common_name is "someone else", the certificate says "${parsedOf(rsaRead()).subject.commonName}"`]);
    });

    it("X509-SKI-MATCHES: without case or colons; a certificate without SKI is skipped", () => {
      const ski = rsaRead().ski;
      expect(one(X509_SKI_MATCHES, { ski: ski.toUpperCase().replace(/(..)(?!$)/g, "$1:") }).outcome).toMatchObject({ status: "passed", checks: 1 });
      const wrong = one(X509_SKI_MATCHES, { ski: "abcd" });
      expect(messages(wrong.outcome)).toEqual([`${describeOf(wrong.r)}: ski is "abcd", the certificate says "${ski}"`]);
      expect(noSki.parsed.skiHex).toBeUndefined();
      expect(one(X509_SKI_MATCHES, { certificate: noSki.certificate, ski: "abcd" }).outcome).toMatchObject({
        status: "skipped", checks: 0, reason: "the certificate has no Subject Key Identifier",
      });
    });

    it("X509-CSR-KEY-MATCHES tells a CSR that does not parse from one of another key", () => {
      const garbage = one(X509_CSR_KEY_MATCHES, { csr: "not a csr" });
      expect(messages(garbage.outcome)).toEqual([`${describeOf(garbage.r)}: csr is not a PKCS#10 request that parses`]);
      const other = one(X509_CSR_KEY_MATCHES, { csr: p256Read().csr });
      expect(messages(other.outcome)).toEqual([`${describeOf(other.r)}: the CSR's public key is not the certificate's`]);
      expect(one(X509_CSR_KEY_MATCHES, {}).outcome).toMatchObject({ status: "passed", checks: 1 });
    });

    it("X509-SIGNATURE-MATCHES names the algorithm the certificate was signed with", () => {
      expect(one(X509_SIGNATURE_MATCHES, { signature: rsaRead().signature.toUpperCase() }).outcome).toMatchObject({ status: "passed", checks: 1 });
      const wrong = one(X509_SIGNATURE_MATCHES, { signature: "MD5WithRSA" });
      expect(messages(wrong.outcome)).toEqual([`${describeOf(wrong.r)}: signature is "MD5WithRSA", the certificate says "${parsedOf(rsaRead()).signatureAlgorithm}"`]);
    });
  });
});
