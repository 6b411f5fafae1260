import { describe, expect, it } from "vitest";
import type { RequirementResult } from "../../reports/model.ts";
import { verdictOf } from "../../src/run/build-report.ts";

const req = (level: RequirementResult["level"], status: RequirementResult["status"], failures = status === "failed" ? 1 : 0): RequirementResult => ({
  id: "HTTP-X", family: "HTTP", level, title: "t", spec: "/paths", status, checks: 1, failures: Array.from({ length: failures }, () => ({ message: "m" })),
});

describe("the verdict", () => {
  it("is conformant when nothing gating failed or errored", () => {
    expect(verdictOf([req("must", "passed"), req("should", "failed"), req("must", "skipped")], "must")).toBe("conformant");
  });
  it("is non-conformant when a gating requirement failed", () => {
    expect(verdictOf([req("must", "failed")], "must")).toBe("non-conformant");
    expect(verdictOf([req("should", "failed")], "should")).toBe("non-conformant");
  });
  it("is non-conformant when a failure was seen even if the requirement also errored", () => {
    expect(verdictOf([req("must", "errored", 1)], "must")).toBe("non-conformant");
  });
  it("is error when a gating requirement could not be told, or the run broke", () => {
    expect(verdictOf([req("must", "errored")], "must")).toBe("error");
    expect(verdictOf([req("must", "passed")], "must", "target unreachable")).toBe("error");
  });
  it("does not gate on a known deviation", () => {
    expect(verdictOf([{ ...req("must", "failed"), knownDeviation: { reason: "r", expires: "2027-01-01" } }], "must")).toBe("conformant");
  });
});
