import { describe, expect, it } from "vitest";
import type { Report } from "../../reports/model.ts";
import { testOutcome } from "../../src/vitest/index.ts";
import { runAgainstReference } from "../support/reference-run.ts";

describe("describeConformance's tests follow run's verdict rules", () => {
  it("a gating failure fails its test; a non-gating one is a note; a pass passes", async () => {
    // status-uppercase fails STATUS-ENUM (must); fingerprint-uppercase fails RESULT-FINGERPRINT-FORMAT (should).
    const { report } = await runAgainstReference(["status-uppercase", "fingerprint-uppercase"], { level: "must" });
    expect(testOutcome(report, "STATUS-ENUM")).toMatchObject({ kind: "fail", message: expect.stringMatching(/^STATUS-ENUM \(must\) failed: /) });
    expect(testOutcome(report, "RESULT-FINGERPRINT-FORMAT")).toMatchObject({ kind: "note", message: expect.stringMatching(/^not gating at level must: RESULT-FINGERPRINT-FORMAT \(should\) failed/) });
    expect(testOutcome(report, "HTTP-EXISTING-200")).toEqual({ kind: "pass" });
  });

  it("errored at the gating level fails (the suite could not tell); skipped is skipped; an unknown id fails", () => {
    const report = {
      gatingLevel: "must", error: "target unreachable",
      requirements: [
        { id: "A-ERRORED", level: "must", status: "errored", failures: [], reason: "no answer" },
        { id: "B-SKIPPED", level: "must", status: "skipped", failures: [], reason: "not configured" },
        { id: "C-ERRORED", level: "may", status: "errored", failures: [], reason: "no answer" },
      ],
    } as unknown as Report;
    expect(testOutcome(report, "A-ERRORED")).toMatchObject({ kind: "fail", message: expect.stringMatching(/^the suite could not tell \(target unreachable\)/) });
    expect(testOutcome(report, "B-SKIPPED")).toEqual({ kind: "skip", reason: "not configured" });
    expect(testOutcome(report, "C-ERRORED").kind).toBe("note");
    expect(testOutcome(report, "D-NONE").kind).toBe("fail");
  });
});
