// A made-up but realistic report, for looking at the writers' output (and for
// scripts/screenshot-report.sh). Run: `npx tsx reports/sample.ts DIR [conformant|non-conformant|error]`.
import { pathToFileURL } from "node:url";
import type { Family, Level } from "../src/registry/types.ts";
import type { FailureExcerpt, Report, RequirementResult, Verdict } from "./model.ts";
import { writeReports } from "./write-reports.ts";

const BASE = "https://api.cloudflare.com/client/v4";
const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const CERT = "b2134436-2555-4acf-be5b-26c48136575e";
const URL_ = `${BASE}/zones/${ZONE}/client_certificates/${CERT}`;
const POINTER = "/paths/~1zones~1{zone_id}~1client_certificates~1{client_certificate_id}/get";
const CURL = `curl -sS -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" '${URL_}'`;

/** A Cloudflare-shaped 200 body, with `patch` applied to `result`. */
export function sampleBody(patch: Record<string, unknown> = {}): string {
  return JSON.stringify({
    success: true, errors: [], messages: [],
    result: {
      id: CERT,
      certificate: "-----BEGIN CERTIFICATE-----\nMIIDmDCCAoCgAwIBAgIUKTOAZNjcXVZRj4oQt0SHsl1c1vMwDQYJKoZIhvcNAQELBQAwUTELMAkGA1UEBhMCVVMxFjAUBgNVBAgTDUNhbGlmb3JuaWExFTATBgNVBAcTDFNhbiBGcmFuY2lzY28xEzARBgNVBAoTCkNsb3VkZmxhcmUwHhcNMjIxMTIyMTYzNTAwWhcNMjcxMTIxMTYzNTAwWjA=\n-----END CERTIFICATE-----\n",
      certificate_authority: { id: "568b6b74-7b0c-4755-8840-4e3b8c24adeb", name: "Cloudflare Managed CA for account" },
      common_name: "Cloudflare", country: "US", location: "San Francisco", state: "CA",
      organization: "Organization", organizational_unit: "Organizational Unit",
      csr: "-----BEGIN CERTIFICATE REQUEST-----\nMIICY....\n-----END CERTIFICATE REQUEST-----\n",
      expires_on: "2033-02-20T23:18:00Z", issued_on: "2023-02-23T23:18:00Z",
      fingerprint_sha256: "256c24690243359fb8cf139a125bd05ebf1d968b71e4caf330718e9f5c8a89ea",
      serial_number: "3bb94ff144ac567b9f75ad664b6c55f8d5e48182",
      signature: "SHA256WithRSA", ski: "8e375af1389a069a0f921f8cc8e1eb12d784b949",
      status: "active", validity_days: 3650,
      ...patch,
    },
  }, null, 2);
}

/** A failure excerpt for a GET of the sample certificate answered with `status` and `body`. */
export function sampleFailure(message: string, body = sampleBody(), status = 200): FailureExcerpt {
  return {
    message,
    request: { method: "GET", url: URL_, headers: { accept: "application/json", authorization: "Bearer $CLOUDFLARE_API_TOKEN" } },
    response: { status, headers: { "content-type": "application/json", "cf-ray": "8f1e2d3c4b5a6978-FRA" }, body },
    reproduce: CURL,
  };
}

/** One requirement result; `failures` default to none. */
export function sampleRequirement(
  id: string, level: Level, title: string, status: RequirementResult["status"], checks: number,
  extra: Partial<RequirementResult> = {},
): RequirementResult {
  const family = id.split("-")[0] as Family;
  return { id, family, level, title, spec: `${POINTER}/responses/200`, status, checks, failures: [], durationMs: 0.4 + checks * 1.25, ...extra };
}

function passedRequirements(): RequirementResult[] {
  return [
    sampleRequirement("HTTP-STATUS-200", "must", "A certificate of the zone is answered with 200", "passed", 4),
    sampleRequirement("HTTP-CONTENT-TYPE", "must", "The response is application/json", "passed", 12),
    sampleRequirement("ENV-SUCCESS-TRUE", "must", "success is true on a 200", "passed", 4),
    sampleRequirement("ENV-ERRORS-MESSAGES", "must", "errors and messages are arrays of {code, message}", "passed", 4),
    sampleRequirement("RESULT-SCHEMA", "must", "result is a client certificate object as the schema defines it", "passed", 4),
    sampleRequirement("RESULT-DATES", "should", "issued_on and expires_on are RFC 3339 date-times", "passed", 8),
    sampleRequirement("STATUS-ENUM", "must", "result.status is active, pending_reactivation, pending_revocation or revoked", "passed", 4),
    sampleRequirement("ID-ECHO", "must", "result.id is the identifier that was asked for", "passed", 4),
    sampleRequirement("ID-MAX-LENGTH", "must", "An identifier longer than 36 characters is refused with a 4xx", "passed", 3),
    sampleRequirement("AUTH-BEARER", "must", "An API token is accepted as Authorization: Bearer", "passed", 4),
    sampleRequirement("AUTH-KEY-EMAIL", "must", "X-Auth-Email with X-Auth-Key is accepted", "passed", 4),
    sampleRequirement("AUTH-MISSING", "must", "A request without credentials is refused with 400, 401 or 403", "passed", 2),
    sampleRequirement("ERR-ENVELOPE", "must", "A 4xx carries success false and a non-empty errors array", "passed", 6),
    sampleRequirement("ERR-UNKNOWN-ID", "should", "An unknown certificate id is answered with 404", "passed", 2),
    sampleRequirement("X509-FINGERPRINT", "must", "fingerprint_sha256 is the SHA-256 of the certificate's DER", "passed", 4),
    sampleRequirement("X509-VALIDITY", "must", "issued_on and expires_on are the certificate's notBefore and notAfter", "passed", 4),
    sampleRequirement("X509-SERIAL", "should", "serial_number is the certificate's serial, lower-case hex", "passed", 4),
  ];
}

function replace(list: RequirementResult[], changed: RequirementResult[]): RequirementResult[] {
  const byId = new Map(changed.map((r) => [r.id, r]));
  return list.map((r) => byId.get(r.id) ?? r);
}

function summarize(requirements: RequirementResult[], requests: number): Report["summary"] {
  const s = { passed: 0, failed: 0, skipped: 0, errored: 0, requests };
  for (const r of requirements) s[r.status]++;
  return s;
}

/** A sample report with the given verdict. */
export function sampleReport(verdict: Verdict = "non-conformant"): Report {
  let requirements = passedRequirements();
  if (verdict === "non-conformant") {
    requirements = replace(requirements, [
      sampleRequirement("STATUS-ENUM", "must", "result.status is active, pending_reactivation, pending_revocation or revoked", "failed", 4, {
        failures: [sampleFailure("/result/status must be equal to one of the allowed values: got \"Active\"", sampleBody({ status: "Active" }))],
      }),
      sampleRequirement("X509-SERIAL", "should", "serial_number is the certificate's serial, lower-case hex", "failed", 4, {
        failures: [
          sampleFailure("serial_number 3BB94FF1... is upper case; the certificate's serial is 3bb94ff1...", sampleBody({ serial_number: "3BB94FF144AC567B9F75AD664B6C55F8D5E48182" })),
          sampleFailure("serial_number of a revoked certificate is upper case", sampleBody({ status: "revoked", serial_number: "0A1B" })),
        ],
      }),
      sampleRequirement("ERR-UNKNOWN-ID", "should", "An unknown certificate id is answered with 404", "failed", 2, {
        failures: [sampleFailure("expected status 404, got 500 with an HTML body", "<html><body><h1>500</h1><script>alert('not escaped?')</script></body></html>", 500)],
      }),
      sampleRequirement("RESULT-DATES", "should", "issued_on and expires_on are RFC 3339 date-times", "failed", 8, {
        failures: [sampleFailure("/result/expires_on \"2033-02-20 23:18:00\" is not an RFC 3339 date-time", sampleBody({ expires_on: "2033-02-20 23:18:00" }))],
        knownDeviation: { reason: "the recorded cassette predates the date format fix", link: "https://github.com/example/client-cert-conformance/issues/12", expires: "2026-06-30" },
      }),
      sampleRequirement("AUTH-KEY-EMAIL", "must", "X-Auth-Email with X-Auth-Key is accepted", "skipped", 0, {
        reason: "CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY are not set",
      }),
      sampleRequirement("ID-MAX-LENGTH", "must", "An identifier longer than 36 characters is refused with a 4xx", "errored", 1, {
        reason: "timeout: no complete response within 10000 ms",
        failures: [{ message: "GET timed out after 10000 ms", request: { method: "GET", url: `${BASE}/zones/${ZONE}/client_certificates/${"a".repeat(37)}` }, reproduce: CURL.replace(CERT, "a".repeat(37)) }],
      }),
    ]);
  }
  if (verdict === "error") {
    requirements = requirements.slice(0, 3).concat(
      sampleRequirement("RESULT-SCHEMA", "must", "result is a client certificate object as the schema defines it", "errored", 0, {
        reason: "target unreachable: connect ECONNREFUSED 127.0.0.1:8787",
      }),
    );
  }
  return {
    suite: { name: "client-cert-conformance", version: "0.1.0", spec: { operationId: "client-certificate-for-a-zone-client-certificate-details", sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" } },
    target: verdict === "error" ? { kind: "url", baseUrl: "http://127.0.0.1:8787/client/v4" } : { kind: "recorded", baseUrl: BASE, cassette: "fixtures/cassettes/default" },
    seed: 1234,
    startedAt: "2026-01-01T00:00:00Z",
    finishedAt: verdict === "error" ? "2026-01-01T00:00:01.250Z" : "2026-01-01T00:00:03.400Z",
    gatingLevel: "must",
    verdict,
    ...(verdict === "error" && { error: "target unreachable: connect ECONNREFUSED 127.0.0.1:8787; start `client-cert-conformance serve` or pass --target" }),
    summary: summarize(requirements, verdict === "error" ? 3 : 57),
    requirements,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, verdict = "non-conformant"] = process.argv.slice(2);
  if (!dir || !["conformant", "non-conformant", "error"].includes(verdict)) {
    console.error("usage: tsx reports/sample.ts DIR [conformant|non-conformant|error]");
    process.exit(2);
  }
  const { files } = await writeReports(sampleReport(verdict as Verdict), dir);
  for (const f of files) console.log(f);
}
