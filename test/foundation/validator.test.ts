import { describe, expect, it } from "vitest";
import { ERR_RESULT_NULL, hasRequirement } from "../../src/registry/index.ts";
import { resolvePointer } from "../../src/schema/json-pointer.ts";
import { seedSpec } from "../../src/schema/operation-spec.ts";
import { formatViolation, PROFILES, responseValidator } from "../../src/schema/validator.ts";
import { seedExampleFailureBody, seedExampleSuccessBody } from "./seed-example.ts";

const v = responseValidator();
const ids = (vs: { requirementId: string }[]) => [...new Set(vs.map((x) => x.requirementId))].sort();

describe("the validator on the seed's examples", () => {
  it.each(PROFILES)("the seed's example values assembled into a 200 body pass %s", (profile) => {
    expect(v.validate("success-200", seedExampleSuccessBody(), profile)).toEqual([]);
  });

  it.each(PROFILES)("the seed's 4xx example passes %s", (profile) => {
    expect(v.validate("failure-4xx", seedExampleFailureBody(), profile)).toEqual([]);
  });

  it.each(PROFILES)("status ACTIVE fails %s, naming /result/status, the allowed values and STATUS-ENUM", (profile) => {
    const body = seedExampleSuccessBody();
    body.result.status = "ACTIVE";
    const violations = v.validate("success-200", body, profile);
    expect(ids(violations)).toEqual(["STATUS-ENUM"]);
    const line = formatViolation(violations[0]!);
    expect(line).toContain("/result/status");
    expect(line).toContain('"active", "pending_reactivation", "pending_revocation", "revoked"');
    expect(line).toContain('"ACTIVE"');
  });

  it("a 4xx body with errors: [] passes spec and fails strict, naming the erratum", () => {
    const body = { ...seedExampleFailureBody(), errors: [] };
    expect(v.validate("failure-4xx", body, "spec")).toEqual([]);
    const strict = v.validate("failure-4xx", body, "strict");
    expect(ids(strict)).toEqual(["ERR-ERRORS-NONEMPTY"]);
    expect(strict[0]!.erratum).toBe("errors-minlength-on-array");
    expect(formatViolation(strict[0]!)).toContain("erratum errors-minlength-on-array");
  });

  it.each(PROFILES)("a 4xx body with extra members (error_chain, documentation_url) passes %s", (profile) => {
    const body = { ...seedExampleFailureBody(), errors: [{ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6103, message: "Invalid format for X-Auth-Key header" }], documentation_url: "https://developers.cloudflare.com/" }], documentation_url: "x" };
    expect(v.validate("failure-4xx", body, profile)).toEqual([]);
  });

  it("a 4xx body without messages and result (as Cloudflare sometimes sends) fails spec", () => {
    const violations = v.validate("failure-4xx", { success: false, errors: [{ code: 9106, message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers" }] }, "spec");
    expect(ids(violations)).toEqual(["ERR-REQUIRED-MEMBERS"]);
    expect(violations.map((x) => x.instancePath).sort()).toEqual(["/messages", "/result"]);
  });

  it.each([
    ["success false on a 200", "ENV-SUCCESS-TRUE", (b: any) => { b.success = false; }],
    ["a message code below 1000", "ENV-MESSAGES-ITEMS", (b: any) => { b.messages = [{ code: 999, message: "x" }]; }],
    ["an error item without message", "ENV-ERRORS-ITEMS", (b: any) => { b.errors = [{ code: 1000 }]; }],
    ["a number result", "ENV-RESULT-TYPE", (b: any) => { b.result = 7; }],
    ["validity_days as a string", "RESULT-MEMBER-TYPES", (b: any) => { b.result.validity_days = "3650"; }],
    ["certificate_authority.id as a number", "RESULT-MEMBER-TYPES", (b: any) => { b.result.certificate_authority.id = 5; }],
  ] as const)("%s fails both profiles on %s", (_name, requirementId, mutate) => {
    for (const profile of PROFILES) {
      const body = seedExampleSuccessBody();
      mutate(body);
      expect(ids(v.validate("success-200", body, profile)), profile).toEqual([requirementId]);
    }
  });

  it.each([
    ["a string result", "ENV-RESULT-OBJECT", (b: any) => { b.result = "x"; }],
    ["duplicate messages", "ENV-ITEMS-UNIQUE", (b: any) => { b.messages = [{ code: 1000, message: "a" }, { code: 1000, message: "a" }]; }],
    ["a missing ski", "RESULT-REQUIRED-MEMBERS", (b: any) => { delete b.result.ski; }],
    ["a date without offset", "RESULT-DATE-FORMAT", (b: any) => { b.result.expires_on = "2033-02-20 23:18"; }],
    ["an upper-case fingerprint", "RESULT-FINGERPRINT-FORMAT", (b: any) => { b.result.fingerprint_sha256 = b.result.fingerprint_sha256.toUpperCase(); }],
    ["a non-hex id", "ID-RESULT-FORMAT", (b: any) => { b.result.id = "z23e105f4ecef8ad9ca31a8372d0c353"; }],
    ["a non-hex serial", "RESULT-SERIAL-FORMAT", (b: any) => { b.result.serial_number = "serial-1"; }],
    ["a non-hex ski", "RESULT-SKI-FORMAT", (b: any) => { b.result.ski = "not hex"; }],
    ["a certificate that is not PEM", "RESULT-PEM-FORMAT", (b: any) => { b.result.certificate = "MIIB..."; }],
  ] as const)("%s passes spec and fails strict on %s", (_name, requirementId, mutate) => {
    const body = seedExampleSuccessBody();
    mutate(body);
    expect(v.validate("success-200", body, "spec")).toEqual([]);
    expect(ids(v.validate("success-200", body, "strict"))).toEqual([requirementId]);
  });

  it("a 33-character id fails ID-RESULT-MAXLENGTH (and, under strict, the 32-hex format too)", () => {
    const body = seedExampleSuccessBody();
    body.result.id = "a".repeat(33);
    expect(ids(v.validate("success-200", body, "spec"))).toEqual(["ID-RESULT-MAXLENGTH"]);
    expect(ids(v.validate("success-200", body, "strict"))).toEqual(["ID-RESULT-FORMAT", "ID-RESULT-MAXLENGTH"]);
  });

  it("fractional-second dates pass strict", () => {
    const body = seedExampleSuccessBody();
    body.result.issued_on = "2023-02-23T23:18:00.123456Z";
    body.result.expires_on = "2033-02-20T23:18:00+02:00";
    expect(v.validate("success-200", body, "strict")).toEqual([]);
  });

  it("every violation names a requirement in the registry and a source pointer", () => {
    const bodies: unknown[] = [null, 1, "x", [], {}, { success: "yes", errors: {}, messages: 1, result: [] }, { result: { status: 1, id: 5, certificate_authority: [] } }];
    for (const body of bodies) for (const cls of ["success-200", "failure-4xx"] as const) for (const profile of PROFILES) {
      for (const violation of v.validate(cls, body, profile)) {
        expect(hasRequirement(violation.requirementId), violation.requirementId).toBe(true);
        expect(resolvePointer(seedSpec().doc, violation.sourcePointer), violation.sourcePointer).not.toBeUndefined();
      }
    }
  });

  it("a 4xx body's non-null result says it must be null", () => {
    const [violation] = v.validate("failure-4xx", { ...seedExampleFailureBody(), result: { id: "x" } }, "spec");
    expect(violation!.requirementId).toBe("ERR-RESULT-NULL");
    expect(violation!.message).toBe("must be null");
    expect(violation!.sourcePointer).toBe(seedSpec().resolve(ERR_RESULT_NULL.place).pointer);
  });
});

describe("RFC 3339 dates under strict", () => {
  it.each(["2023-02-23 23:18:00Z", "2023-02-23T23:18:00+0530", "2023-02-30T23:18:00Z", "2023-02-23T23:18Z"])("%s fails RESULT-DATE-FORMAT", (date) => {
    const body = seedExampleSuccessBody();
    body.result.issued_on = date;
    expect([...new Set(v.validate("success-200", body, "strict").map((x) => x.requirementId))]).toEqual(["RESULT-DATE-FORMAT"]);
  });
});
