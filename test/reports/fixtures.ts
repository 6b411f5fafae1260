// Reports the writers are tested on: the sample ones, and one full of what a hostile or
// broken target can put in a body (markup, `]]>`, control characters, lone surrogates, megabytes).
import type { Report, RequirementResult } from "../../reports/model.ts";
import { sampleBody, sampleFailure, sampleReport, sampleRequirement } from "../../reports/sample.ts";

export const SECRET_TOKEN = "cf-live-token-7f3a9c2e1b8d4f60";
export const HOSTILE_CURL = `curl -sS -H 'Accept: application/json' 'https://api.example.test/client/v4/zones/z/client_certificates/a&b=<c>'`;
export const HOSTILE_TITLE = `Title with <img src=x onerror=alert(1)> & "quotes" | pipes`;
export const HUGE_BODY = `{"result":"${"A".repeat(1_000_000)}"}`;
export const CONTROL = "bell\u0007 nul\u0000 esc\u001b[31m vt\u000b ff\u000c del\u007f";
export const UNICODE = "証明書 ✓ Zürich 🔐";

const HOSTILE_BODY = [
  `<html><script>alert("xss")</script></html>`,
  "]]> <![CDATA[ x ]]>",
  CONTROL,
  `lone \ud800 surrogate and ${UNICODE}`,
  "```md\ninner fence\n```",
  "</details></pre></code>&amp; &lt;",
].join("\n");

function hostileRequirements(): RequirementResult[] {
  return [
    sampleRequirement("HTTP-STATUS-200", "must", HOSTILE_TITLE, "failed", 3, {
      failures: [
        {
          message: `<script>alert(document.cookie)</script> ]]> ${CONTROL} ${UNICODE}`,
          request: { method: "GET", url: "https://api.example.test/client/v4/zones/z/client_certificates/a&b=<c>", headers: { authorization: `Bearer ${SECRET_TOKEN}`, "x-auth-key": SECRET_TOKEN } },
          response: { status: 200, headers: { "content-type": "text/html; charset=<utf-8>" }, body: HOSTILE_BODY },
          reproduce: HOSTILE_CURL,
        },
        { ...sampleFailure("huge body", HUGE_BODY), reproduce: `curl -H "Authorization: Bearer ${SECRET_TOKEN}" https://api.example.test/x` },
        sampleFailure(`multi\nline\n\nmessage with \`backticks\` and | pipes`),
      ],
    }),
    sampleRequirement("ENV-SUCCESS-TRUE", "must", "success is true", "passed", 4),
    sampleRequirement("RESULT-DATES", "should", "dates are RFC 3339", "failed", 2, {
      failures: [sampleFailure("expires_on is not RFC 3339", sampleBody({ expires_on: "soon" }))],
      knownDeviation: { reason: "baseline <b>entry</b>", link: "javascript:alert(1)", expires: "2099-12-31" },
    }),
    sampleRequirement("AUTH-KEY-EMAIL", "must", "key and email accepted", "skipped", 0, { reason: `no key configured </details> <script>x</script> ${CONTROL}` }),
    sampleRequirement("ID-MAX-LENGTH", "must", "long ids refused", "errored", 1, { reason: `timeout & "retry" ]]> ${UNICODE}` }),
    sampleRequirement("ERR-ENVELOPE", "must", "4xx envelope", "errored", 0, {
      reason: "network: ECONNRESET",
      failures: [{ message: "connection reset", reproduce: "curl https://api.example.test/y" }],
    }),
    sampleRequirement("X509-SERIAL", "may", "serial lower-case hex", "skipped", 0, { reason: "no certificate to compare" }),
  ];
}

function summarize(requirements: RequirementResult[], requests: number): Report["summary"] {
  const s = { passed: 0, failed: 0, skipped: 0, errored: 0, requests };
  for (const r of requirements) s[r.status]++;
  return s;
}

/** Non-conformant, and everything in it that can be hostile is. */
export function hostileReport(): Report {
  const requirements = hostileRequirements();
  return {
    ...sampleReport("non-conformant"),
    target: { kind: "url", baseUrl: "http://127.0.0.1:8787/client/v4?<x>&y", cassette: "dir with <angle> & \"quote\"" },
    seed: -987654321,
    summary: summarize(requirements, 12),
    requirements,
  };
}

/** Every report the tests render, by name. */
export function allReports(): Record<string, Report> {
  return {
    conformant: sampleReport("conformant"),
    "non-conformant": sampleReport("non-conformant"),
    error: sampleReport("error"),
    hostile: hostileReport(),
    "error before any requirement": { ...sampleReport("error"), requirements: [], summary: summarize([], 0), error: "missing credentials: set CLOUDFLARE_API_TOKEN <or> CLOUDFLARE_EMAIL & CLOUDFLARE_API_KEY" },
  };
}

/** Every curl line of a report. */
export function curlLines(report: Report): string[] {
  return report.requirements.flatMap((r) => r.failures.flatMap((f) => (f.reproduce ? [f.reproduce] : [])));
}
