import { describe, expect, it } from "vitest";
import type { Report } from "../../reports/model.ts";
import { validateReport } from "../../reports/validate-report.ts";
import { renderJson } from "../../reports/write-json.ts";
import { allReports } from "./fixtures.ts";

describe("report.json validates against reports/report.schema.json", () => {
  for (const [name, report] of Object.entries(allReports())) {
    it(name, () => {
      const result = validateReport(JSON.parse(renderJson(report)));
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    });
  }
});

// Cases as data (after JSON-Schema-Test-Suite): one subject, many tiny broken instances.
type Edit = (r: Report & Record<string, unknown>) => void;
const first = (r: Report) => r.requirements[0]!;
const broken: { description: string; edit: Edit }[] = [
  { description: "an unknown requirement status", edit: (r) => { (first(r) as { status: string }).status = "xfail"; } },
  { description: "a lower-case requirement id", edit: (r) => { first(r).id = "http-status-200"; } },
  { description: "a requirement id without a name", edit: (r) => { first(r).id = "HTTP"; } },
  { description: "a requirement id with a space", edit: (r) => { first(r).id = "HTTP-STATUS 200"; } },
  { description: "an id outside its family", edit: (r) => { first(r).id = "ENV-STATUS-200"; } },
  { description: "an unknown family", edit: (r) => { (first(r) as { family: string }).family = "TLS"; } },
  { description: "an unknown level", edit: (r) => { (first(r) as { level: string }).level = "required"; } },
  { description: "an unknown verdict", edit: (r) => { (r as { verdict: string }).verdict = "pass"; } },
  { description: "an error verdict without its error line", edit: (r) => { r.verdict = "error"; delete r.error; } },
  { description: "a startedAt that is not a date-time", edit: (r) => { r.startedAt = "2026-01-01 00:00"; } },
  { description: "a fractional seed", edit: (r) => { r.seed = 1.5; } },
  { description: "a negative count", edit: (r) => { r.summary.requests = -1; } },
  { description: "a spec hash that is not sha256 hex", edit: (r) => { r.suite.spec.sha256 = "abc"; } },
  { description: "an unknown target kind", edit: (r) => { (r.target as { kind: string }).kind = "mock"; } },
  { description: "a spec that is not a JSON pointer", edit: (r) => { first(r).spec = "paths/x"; } },
  { description: "a failed requirement without failures", edit: (r) => { first(r).status = "failed"; first(r).failures = []; } },
  { description: "a skipped requirement without a reason", edit: (r) => { first(r).status = "skipped"; delete first(r).reason; } },
  { description: "a response status outside 100-599", edit: (r) => { first(r).status = "failed"; first(r).failures = [{ message: "m", response: { status: 42 } }]; } },
  { description: "a field the model does not have", edit: (r) => { r.extra = true; } },
  { description: "no requirements array", edit: (r) => { delete (r as Partial<Report>).requirements; } },
];

describe("a broken report.json is rejected", () => {
  for (const { description, edit } of broken) {
    it(description, () => {
      const report = structuredClone(allReports().conformant) as Report & Record<string, unknown>;
      edit(report);
      expect(validateReport(report).valid).toBe(false);
    });
  }
});
