import { describe, expect, it } from "vitest";
import { fixture, idsOf, summaryOf, validate } from "./helpers.ts";

describe("validate: a bare JSON body", () => {
  it.each(["spec", "strict"])("the seed's 200 example is valid under %s, exit 0", async (profile) => {
    const run = await validate(["--profile", profile, fixture("body-200.json")]);
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(run.out).toEqual([`validated 1 responses (profile ${profile}): 1 valid, 0 invalid, 0 violations`]);
  });

  it.each(["spec", "strict"])("a 200 body with status ACTIVE fails %s naming /result/status and STATUS-ENUM", async (profile) => {
    const run = await validate(["--profile", profile, fixture("body-200-status-uppercase.json")]);
    expect(run.code).toBe(1);
    expect(run.out).toHaveLength(2);
    expect(run.out[0]).toMatch(/^test\/validate\/fixtures\/body-200-status-uppercase\.json: \/result\/status must be one of /);
    expect(run.out[0]).toContain('(got "ACTIVE")');
    expect(idsOf(run)).toEqual(["STATUS-ENUM"]);
    expect(summaryOf(run)).toBe(`validated 1 responses (profile ${profile}): 0 valid, 1 invalid, 1 violations`);
  });

  it("a 4xx body with errors: [] passes spec and fails strict naming ERR-ERRORS-NONEMPTY", async () => {
    const spec = await validate([fixture("body-4xx-errors-empty.json")]);
    expect(spec.code).toBe(0);
    expect(summaryOf(spec)).toBe("validated 1 responses (profile spec): 1 valid, 0 invalid, 0 violations");
    const strict = await validate(["--profile", "strict", fixture("body-4xx-errors-empty.json")]);
    expect(strict.code).toBe(1);
    expect(idsOf(strict)).toEqual(["ERR-ERRORS-NONEMPTY"]);
    expect(strict.out[0]).toContain("/errors ");
    expect(strict.out[0]).toContain("erratum errors-minlength-on-array");
  });

  it("the class comes from success when --status is absent: success false is a 4xx", async () => {
    expect((await validate([fixture("body-4xx.json")])).code).toBe(0);
  });

  it("--status overrides success: the seed's 4xx example read as a 200 fails ENV-SUCCESS-TRUE", async () => {
    const run = await validate(["--status", "200", fixture("body-4xx.json")]);
    expect(run.code).toBe(1);
    expect(idsOf(run)).toContain("ENV-SUCCESS-TRUE");
  });

  it.each(["4xx", "4XX", "404", "499"])("--status %s reads the body as a 4xx", async (status) => {
    const run = await validate(["--status", status, fixture("body-4xx.json")]);
    expect(run.code).toBe(0);
  });

  it("a body whose success is neither true nor false, without --status, is one line suggesting --status, exit 2", async () => {
    const run = await validate([fixture("body-no-success.json")]);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toContain("body-no-success.json");
    expect(run.err[0]).toContain("--status 200 or --status 4xx");
  });

  it("with --status the same body is validated (and fails: the envelope members are missing)", async () => {
    const run = await validate(["--status", "200", fixture("body-no-success.json")]);
    expect(run.code).toBe(1);
    expect(new Set(idsOf(run))).toEqual(new Set(["ENV-REQUIRED-MEMBERS"]));
  });

  it("several files: one summary over all of them", async () => {
    const run = await validate([fixture("body-200.json"), fixture("body-200-status-uppercase.json"), fixture("body-4xx.json")]);
    expect(run.code).toBe(1);
    expect(summaryOf(run)).toBe("validated 3 responses (profile spec): 2 valid, 1 invalid, 1 violations");
  });
});
