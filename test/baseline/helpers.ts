// Reports and baselines for the baseline and compare tests: registry ids, small and readable.
import type { FailureExcerpt, Report, RequirementResult } from "../../reports/model.ts";
import { sampleFailure, sampleReport, sampleRequirement } from "../../reports/sample.ts";
import type { Baseline, BaselineEntry } from "../../src/baseline/index.ts";
import { verdictOf } from "../../src/run/build-report.ts";

export const MISSING_MESSAGES = "GET wrong token: /messages is required but absent [ERR-REQUIRED-MEMBERS; source #/x]";
export const MISSING_SUCCESS = "GET no credentials: /success is required but absent [ERR-REQUIRED-MEMBERS; source #/x]";

export function failure(message: string): FailureExcerpt {
  return sampleFailure(message, `{"success":false,"errors":[{"code":10000,"message":"Authentication error"}]}`, 403);
}

/** A report: HTTP-EXISTING-200 passed, ERR-REQUIRED-MEMBERS (must) failed with `errFailures`, plus `extra`. */
export function reportWith(errFailures: string[] = [MISSING_MESSAGES], extra: RequirementResult[] = []): Report {
  const base = sampleReport("conformant");
  const requirements = [
    sampleRequirement("HTTP-EXISTING-200", "must", "GET of an existing certificate is answered 200", "passed", 4),
    sampleRequirement("STATUS-ENUM", "must", "result.status is one of the four", "passed", 4),
    sampleRequirement("ERR-REQUIRED-MEMBERS", "must", "A 4xx body has success, errors, messages and result", errFailures.length ? "failed" : "passed", 6, {
      failures: errFailures.map(failure),
    }),
    ...extra,
  ];
  const count = (s: RequirementResult["status"]) => requirements.filter((r) => r.status === s).length;
  return {
    ...base,
    verdict: verdictOf(requirements, base.gatingLevel),
    summary: { passed: count("passed"), failed: count("failed"), skipped: count("skipped"), errored: count("errored"), requests: 20 },
    requirements,
  };
}

export function entry(patch: Partial<BaselineEntry> = {}): BaselineEntry {
  return { requirement: "ERR-REQUIRED-MEMBERS", match: "messages", reason: "gateway errors lack messages and result", link: "https://example.test/issues/1", expires: "2027-06-30", ...patch };
}

export function baseline(...entries: BaselineEntry[]): Baseline {
  return { file: "baselines/test.json", entries };
}

export const NOW = new Date("2026-03-01T12:00:00Z");
