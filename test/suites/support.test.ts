import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Checker } from "../../suites/support/check.ts";
import type { CheckContext } from "../../suites/support/context.ts";
import { carriesCertificateData, describeProbe, is4xx, isJsonContentType, jsonBody, resultObject, shown } from "../../suites/support/evidence.ts";
import { expectRefusal, refusalProblem } from "../../suites/support/refusal.ts";
import { certificates, csrPublicKeyOf, forgetParsedTexts, parseAhead, parseCsrOnce, parseOnce, readResults } from "../../suites/support/certificates.ts";
import { HTTP_EXISTING_200 } from "../../src/registry/index.ts";
import { resolveRequirement } from "../../src/registry/resolve.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";
import type { Exchange, ExchangeResponse } from "../../src/http/index.ts";
import type { ProbeResult } from "../../src/run/execute.ts";
import type { Probe } from "../../src/run/probes.ts";

const MiB = 2 ** 20;

function response(body: string, extra: Partial<ExchangeResponse> = {}): ExchangeResponse {
  return { status: 200, headers: { "content-type": "application/json" }, body, ...extra };
}

function result(res?: ExchangeResponse, probe: Partial<Probe> = {}, error?: Exchange["error"]): ProbeResult {
  return {
    probe: { key: "read:x:key", kind: "read", priority: 0, label: "read x", path: "/zones/z/client_certificates/x", auth: "key", expect: "200", zoneId: "z", certificateId: "x", scheme: "key", ...probe },
    exchange: { seq: 1, request: { method: "GET", url: "http://h/zones/z/client_certificates/x", headers: {} }, response: res, error, timing: { startedAt: "", durationMs: 1 }, attempts: 1, curl: "curl ..." },
  };
}

const ctx = (...results: ProbeResult[]): CheckContext => ({ zoneId: "z", certificateIds: ["x"], schemes: ["key"], results });

function checker(): Checker {
  const spec = seedSpec();
  return new Checker(resolveRequirement(HTTP_EXISTING_200, spec), spec);
}

const why = (res: ExchangeResponse): string | undefined => {
  const body = jsonBody(res);
  return body.ok ? undefined : body.why;
};

/** A real certificate and its CSR, as the reference server answered them (the first certificate of the reference cassette's list). */
const [PEM, CSR]: [string, string] = (() => {
  const line = readFileSync(new URL("../../fixtures/cassette-reference/exchanges.ndjson", import.meta.url), "utf8").split("\n")[0]!;
  const body = JSON.parse((JSON.parse(line) as { response: { body: string } }).response.body) as { result: { certificate: string; csr: string }[] };
  return [body.result[0]!.certificate, body.result[0]!.csr];
})();

describe("jsonBody: the body as JSON, or why not", () => {
  it("a JSON body is its parsed value", () => {
    expect(jsonBody(response('{"a":[1,2]}'))).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it("an empty body, or one of only whitespace, is 'the body is empty'", () => {
    expect(jsonBody(response(""))).toEqual({ ok: false, why: "the body is empty" });
    expect(jsonBody(response(" \n\t "))).toEqual({ ok: false, why: "the body is empty" });
  });

  it("a body starting with '<' (after leading whitespace) is 'the body is HTML or XML, not JSON'", () => {
    expect(jsonBody(response("<html><body>502</body></html>"))).toEqual({ ok: false, why: "the body is HTML or XML, not JSON" });
    expect(jsonBody(response("  \n<?xml version=\"1.0\"?><e/>"))).toEqual({ ok: false, why: "the body is HTML or XML, not JSON" });
  });

  it("incomplete JSON is 'the body is not complete JSON (<the parser's message>)'", () => {
    let parserMessage = "";
    try { JSON.parse('{"success":'); } catch (e) { parserMessage = (e as Error).message; }
    expect(jsonBody(response('{"success":'))).toEqual({ ok: false, why: `the body is not complete JSON (${parserMessage})` });
  });

  it("text that is neither JSON nor markup, even ending in '<', is not complete JSON rather than HTML", () => {
    expect(why(response("oops <"))).toMatch(/^the body is not complete JSON \(.+\)$/);
  });

  it("a body nesting too deep says so, after 'the body'", () => {
    expect(why(response("[".repeat(300)))).toMatch(/^the body nests deeper than 256 levels \(at character 256\)/);
  });

  it("bytes that are not UTF-8 are said so, citing RFC 8259 §8.1, even when the text would parse", () => {
    expect(jsonBody(response("{}", { invalidUtf8: true }))).toEqual({ ok: false, why: "the body is not valid UTF-8 (RFC 8259 §8.1: JSON exchanged between systems must be UTF-8)" });
  });

  it("a body the suite cut is cut (never judged as JSON), its limit shown in MiB to one decimal", () => {
    expect(jsonBody(response("{}", { truncated: true, cutAtBytes: 8 * MiB }))).toEqual({ ok: false, cut: true, why: "the body is larger than the suite's 8 MiB limit: it was cut there and cannot be judged as JSON" });
    expect(why(response("{", { truncated: true, cutAtBytes: 1.5 * MiB }))).toBe("the body is larger than the suite's 1.5 MiB limit: it was cut there and cannot be judged as JSON");
    expect(why(response("{", { truncated: true, cutAtBytes: 1_000_000 }))).toBe("the body is larger than the suite's 1 MiB limit: it was cut there and cannot be judged as JSON");
  });

  it("a cut body without a known limit names no size", () => {
    expect(jsonBody(response("{", { truncated: true }))).toEqual({ ok: false, cut: true, why: "the body is larger than the suite's limit: it was cut there and cannot be judged as JSON" });
  });

  it("is parsed once per response object: the same object again gives the same answer object", () => {
    const res = response('{"x":1}');
    const first = jsonBody(res);
    expect(jsonBody(res)).toBe(first);
    const broken = response("{");
    expect(jsonBody(broken)).toBe(jsonBody(broken));
    expect(jsonBody(response('{"x":1}'))).not.toBe(first);
  });
});

describe("isJsonContentType", () => {
  const typed = (type?: string) => isJsonContentType({ status: 200, headers: type === undefined ? {} : { "content-type": type }, body: "" });

  it("accepts application/json, with parameters, in any case, with surrounding whitespace", () => {
    expect(typed("application/json")).toBe(true);
    expect(typed("application/json; charset=utf-8")).toBe(true);
    expect(typed("Application/JSON;charset=UTF-8")).toBe(true);
    expect(typed(" application/json ")).toBe(true);
    expect(typed("\tapplication/json ; charset=utf-8")).toBe(true);
  });

  it("refuses a missing content type and other types that start like it", () => {
    expect(typed()).toBe(false);
    expect(typed("application/json-patch+json")).toBe(false);
    expect(typed("application/jsonx")).toBe(false);
    expect(typed("text/json")).toBe(false);
    expect(typed("text/html")).toBe(false);
  });
});

describe("is4xx and carriesCertificateData", () => {
  it("is4xx is 400 to 499", () => {
    expect([399, 400, 404, 499, 500].map((status) => is4xx(response("", { status })))).toEqual([false, true, true, true, false]);
  });

  it("a body with a PEM, a fingerprint_sha256 or a quoted serial_number carries certificate data", () => {
    expect(carriesCertificateData(response("x -----BEGIN CERTIFICATE----- y"))).toBe(true);
    expect(carriesCertificateData(response('{"fingerprint_sha256":"ab"}'))).toBe(true);
    expect(carriesCertificateData(response('{"serial_number":"01"}'))).toBe(true);
    expect(carriesCertificateData(response('{"success":false,"errors":[{"code":1003,"message":"not found"}]}'))).toBe(false);
    expect(carriesCertificateData(response("serial_number without quotes"))).toBe(false);
  });
});

describe("resultObject: the body's result, when it is an object", () => {
  it("is the result object of a JSON body", () => {
    expect(resultObject(response('{"success":true,"result":{"id":"x"}}'))).toEqual({ id: "x" });
  });

  it("is undefined when the body is not JSON, is null, or is not an object", () => {
    expect(resultObject(response("<html>"))).toBeUndefined();
    expect(resultObject(response("null"))).toBeUndefined();
    expect(resultObject(response("5"))).toBeUndefined();
    expect(resultObject(response('"text"'))).toBeUndefined();
  });

  it("is undefined when the result is missing, null, an array or not an object", () => {
    expect(resultObject(response('{"success":true}'))).toBeUndefined();
    expect(resultObject(response('{"result":null}'))).toBeUndefined();
    expect(resultObject(response('{"result":[{"id":"x"}]}'))).toBeUndefined();
    expect(resultObject(response('{"result":"x"}'))).toBeUndefined();
    expect(resultObject(response('{"result":7}'))).toBeUndefined();
  });
});

describe("shown: a member's value as a message shows it", () => {
  it("is the value as JSON, or 'missing' when there is none", () => {
    expect([shown(undefined), shown(null), shown(false), shown("x"), shown([1])]).toEqual(["missing", "null", "false", '"x"', "[1]"]);
  });
});

describe("describeProbe", () => {
  it("is the label, then the method and path in parentheses", () => {
    expect(describeProbe(result(response("{}")))).toBe("read x (GET /zones/z/client_certificates/x)");
  });

  it("cuts a path longer than 90 characters to 89 and an ellipsis; keeps one of exactly 90", () => {
    const ninety = `/${"a".repeat(89)}`;
    expect(describeProbe(result(undefined, { path: ninety }))).toBe(`read x (GET ${ninety})`);
    const ninetyOne = `/${"b".repeat(90)}`;
    expect(describeProbe(result(undefined, { path: ninetyOne }))).toBe(`read x (GET /${"b".repeat(88)}…)`);
  });
});

describe("refusalProblem: a 4xx failure envelope without certificate data, or what is wrong", () => {
  const refused = (body: string, status = 404) => refusalProblem(response(body, { status }));

  it("a 4xx with success false and no certificate data is a refusal", () => {
    expect(refused('{"success":false,"errors":[]}')).toBeUndefined();
    expect(refused('{"success":false}', 400)).toBeUndefined();
    expect(refused('{"success":false}', 499)).toBeUndefined();
  });

  it("a status that is not 4xx is 'answered <status>, expected a 4xx refusal'", () => {
    expect(refused('{"success":false}', 200)).toBe("answered 200, expected a 4xx refusal");
    expect(refused('{"success":false}', 500)).toBe("answered 500, expected a 4xx refusal");
  });

  it("a body that is not a failure envelope says what success is", () => {
    expect(refused('{"success":true}')).toBe("the 404 body is not a failure envelope (success is true)");
    expect(refused('{"success":"false"}')).toBe('the 404 body is not a failure envelope (success is "false")');
    expect(refused('{"errors":[]}', 403)).toBe("the 403 body is not a failure envelope (success is missing)");
    expect(refused("null")).toBe("the 404 body is not a failure envelope (success is missing)");
    expect(refused("[false]")).toBe("the 404 body is not a failure envelope (success is missing)");
    expect(refused('"success"')).toBe("the 404 body is not a failure envelope (success is missing)");
  });

  it("a body that is not JSON is 'success is unreadable: <why>'", () => {
    expect(refused("<html>denied</html>")).toBe("the 404 body is not a failure envelope (success is unreadable: the body is HTML or XML, not JSON)");
    expect(refused("", 401)).toBe("the 401 body is not a failure envelope (success is unreadable: the body is empty)");
  });

  it("a failure envelope that carries certificate data is 'the refusal carries certificate data'", () => {
    expect(refused('{"success":false,"result":{"fingerprint_sha256":"ab"}}')).toBe("the refusal carries certificate data");
  });
});

describe("expectRefusal: one refusal check of a probe", () => {
  const refusalProbe: Partial<Probe> = { key: "id:malformed:x", kind: "id", label: "malformed id", expect: "4xx", idPosition: "certificate", idCase: "malformed", certificateId: "x!" };
  const run = (r: ProbeResult) => {
    const c = checker();
    expectRefusal(c, r);
    return c;
  };

  it("a refusal is one check that holds", () => {
    const c = run(result(response('{"success":false}', { status: 404 }), refusalProbe));
    expect({ checks: c.checks, failures: c.failures, errors: c.errors }).toEqual({ checks: 1, failures: [], errors: [] });
  });

  it("a 4xx body the suite cut is could-not-tell, naming the probe and the cut, not a check", () => {
    const c = run(result(response('{"success":fa', { status: 404, truncated: true, cutAtBytes: 8 * MiB }), refusalProbe));
    expect(c.checks).toBe(0);
    expect(c.failures).toEqual([]);
    expect(c.errors).toEqual(["malformed id (GET /zones/z/client_certificates/x): the body is larger than the suite's 8 MiB limit: it was cut there and cannot be judged as JSON"]);
  });

  it("a cut body of a status that is not 4xx is a failure, not could-not-tell", () => {
    const c = run(result(response("{", { status: 200, truncated: true }), refusalProbe));
    expect(c.errors).toEqual([]);
    expect(c.failures.map((f) => f.message)).toEqual(["malformed id (GET /zones/z/client_certificates/x): answered 200, expected a 4xx refusal"]);
  });

  it("a 4xx body that is unreadable but not cut is a failure", () => {
    const c = run(result(response("<html>", { status: 404 }), refusalProbe));
    expect(c.errors).toEqual([]);
    expect(c.failures.map((f) => f.message)).toEqual(["malformed id (GET /zones/z/client_certificates/x): the 404 body is not a failure envelope (success is unreadable: the body is HTML or XML, not JSON)"]);
  });

  it("a failure names the probe, then the problem, with nothing before it when the probe is not shrunk", () => {
    const c = run(result(response('{"success":true}', { status: 404 }), { ...refusalProbe, shrink: { step: 2 } }));
    expect(c.checks).toBe(1);
    expect(c.failures.map((f) => f.message)).toEqual(["malformed id (GET /zones/z/client_certificates/x): the 404 body is not a failure envelope (success is true)"]);
  });

  it("the smallest identifier shrinking found is named first: the certificate id in the certificate position", () => {
    const c = run(result(response("", { status: 200 }), { ...refusalProbe, certificateId: "x!", zoneId: "z", shrink: { step: 3, minimal: true } }));
    expect(c.failures.map((f) => f.message)).toEqual(['malformed id (GET /zones/z/client_certificates/x): the smallest wrongly answered identifier found by shrinking, "x!": answered 200, expected a 4xx refusal']);
  });

  it("the smallest identifier shrinking found is the zone id in the zone position", () => {
    const c = run(result(response("", { status: 200 }), { ...refusalProbe, idPosition: "zone", zoneId: "z~", certificateId: "x", shrink: { step: 3, minimal: true } }));
    expect(c.failures.map((f) => f.message)).toEqual(['malformed id (GET /zones/z/client_certificates/x): the smallest wrongly answered identifier found by shrinking, "z~": answered 200, expected a 4xx refusal']);
  });

  it("no answer is could-not-tell, never a failure", () => {
    const c = run(result(undefined, refusalProbe, { kind: "timeout", message: "no answer in 100 ms" }));
    expect(c.checks).toBe(0);
    expect(c.errors).toEqual(["malformed id (GET /zones/z/client_certificates/x): timeout: no answer in 100 ms: could not be judged"]);
  });
});

describe("certificates.ts: the 200 reads and the certificates they carry", () => {
  const withCertificate = (certificate: unknown) => JSON.stringify({ success: true, result: { id: "x", certificate } });

  it("parseOnce parses a PEM string, and gives the same parse for the same text", () => {
    const parsed = parseOnce({ certificate: PEM });
    expect(parsed).not.toBeInstanceOf(Error);
    expect(parseOnce({ certificate: PEM })).toBe(parsed);
  });

  it("parseOnce of a certificate that is not a string is an Error saying what it is", () => {
    expect(parseOnce({ certificate: 42 })).toEqual(new Error("certificate is 42, not a PEM string"));
    expect((parseOnce({ certificate: null }) as Error).message).toBe("certificate is null, not a PEM string");
    expect((parseOnce({}) as Error).message).toBe("certificate is missing, not a PEM string");
  });

  it("parseOnce of a string that is not a certificate is the parser's Error", () => {
    expect(parseOnce({ certificate: "not a pem" })).toBeInstanceOf(Error);
  });

  it("parseAhead parses an answer's certificate and CSR into what the checks then find; forgetParsedTexts empties that", () => {
    forgetParsedTexts();
    const ahead = parseAhead(response(JSON.stringify({ success: true, result: { id: "x", certificate: PEM, csr: CSR } })));
    expect(ahead.certificate).not.toBeInstanceOf(Error);
    expect(ahead.csr?.publicKeySha256Hex).toMatch(/^[0-9a-f]{64}$/);
    expect(parseOnce({ certificate: PEM })).toBe(ahead.certificate);
    expect(parseCsrOnce(CSR)).toBe(ahead.csr);
    forgetParsedTexts();
    expect(parseOnce({ certificate: PEM })).not.toBe(ahead.certificate);
    expect(parseCsrOnce(CSR)).not.toBe(ahead.csr);
    expect(parseOnce({ certificate: PEM })).toEqual(ahead.certificate);
  });

  it("parseAhead of an answer without an object result, or without a CSR, parses what there is", () => {
    expect(parseAhead(response('{"success":true,"result":[]}'))).toEqual({});
    expect(parseAhead(response("not json"))).toEqual({});
    const noCsr = parseAhead(response(withCertificate(PEM)));
    expect(Object.keys(noCsr)).toEqual(["certificate"]);
  });

  it("csrPublicKeyOf is undefined for text that is not a CSR", () => {
    expect(csrPublicKeyOf("not a csr")).toBeUndefined();
  });

  it("readResults keeps only reads answered 200 without error, with an object result", () => {
    const good = result(response(withCertificate(PEM)));
    const notFound = result(response(withCertificate(PEM), { status: 404 }));
    const erroredAfter200 = result(response(withCertificate(PEM)), {}, { kind: "timeout", message: "body timed out" });
    const unanswered = result(undefined, {}, { kind: "refused", message: "refused" });
    const noObject = result(response('{"success":true,"result":[]}'));
    const notARead = result(response(withCertificate(PEM)), { kind: "id" });
    const out = readResults(ctx(notFound, erroredAfter200, unanswered, good, noObject, notARead));
    expect(out).toHaveLength(1);
    expect(out[0]!.r).toBe(good);
    expect(out[0]!.result).toEqual({ id: "x", certificate: PEM });
  });

  it("certificates keeps the reads whose certificate parses, with the parse", () => {
    const good = result(response(withCertificate(PEM)));
    const bad = result(response(withCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")));
    const missing = result(response(withCertificate(undefined)));
    const out = certificates(ctx(bad, good, missing, result(response(withCertificate(PEM), { status: 500 }))));
    expect(out).toHaveLength(1);
    expect(out[0]!.r).toBe(good);
    expect(out[0]!.parsed).toBe(parseOnce({ certificate: PEM }));
  });
});
