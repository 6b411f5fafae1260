import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { closest } from "../../src/io/did-you-mean.ts";
import { intFlag, parseCommandFlags } from "../../src/cli/flags.ts";
import { main } from "../../src/cli/main.ts";
import { recordingFormat } from "../../src/cli/record.ts";
import { SUITE_VERSION } from "../../src/run/build-report.ts";
import { usageMessage } from "../support/usage.ts";

/** What `main` prints and returns, without a child process. */
async function mainOutput(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((line) => { out.push(String(line)); });
  const error = vi.spyOn(console, "error").mockImplementation((line) => { err.push(String(line)); });
  try {
    const code = await main(argv);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("flag habits", () => {
  it("an unknown flag is one line with the closest known flag and the command's help", () => {
    expect(usageMessage(() => parseCommandFlags("run", ["--cassete", "x"]))).toBe("unknown flag --cassete; did you mean --cassette? (see: client-cert-conformance run --help)");
    expect(usageMessage(() => parseCommandFlags("serve", ["--prot=1"]))).toBe("unknown flag --prot; did you mean --port? (see: client-cert-conformance serve --help)");
    expect(usageMessage(() => parseCommandFlags("run", ["--frobnicate"]))).toBe("unknown flag --frobnicate (see: client-cert-conformance run --help)");
  });

  it("a negative number is the flag's value, judged by the flag's own check", () => {
    expect(parseCommandFlags("run", ["--seed", "-1"]).values.seed).toBe("-1");
    expect(usageMessage(() => intFlag("seed", "-1", 0, 0, 2_147_483_647))).toBe('--seed must be a whole number from 0 to 2147483647 (got "-1")');
  });

  it.each([
    [["--seed"], "--seed needs a value: --seed N (see: client-cert-conformance run --help)"],
    [["--out", "--quiet"], '--out needs a value, got the flag "--quiet"; write --out=--quiet if that is the value (see: client-cert-conformance run --help)'],
    [["--quiet=yes"], '--quiet is a switch and takes no value (got "--quiet=yes") (see: client-cert-conformance run --help)'],
  ])("a missing or misplaced value is one line naming the fix: %j", (argv, line) => {
    expect(usageMessage(() => parseCommandFlags("run", argv))).toBe(line);
  });

  it.each(["", "1e3", "0x10", " 7", "1.5", "99999999999"])("a whole-number flag refuses %j", (value) => {
    expect(usageMessage(() => intFlag("seed", value, 0, 0, 2_147_483_647))).toMatch(/^--seed must be a whole number from 0 to 2147483647 \(got /);
  });

  it("keeps what it should: repeated flags, `-`, values after `--`, `=` values", () => {
    expect(parseCommandFlags("run", ["--certificate", "a", "--certificate=b"]).values.certificate).toEqual(["a", "b"]);
    expect(parseCommandFlags("validate", ["-", "--profile=strict"])).toMatchObject({ positionals: ["-"], values: { profile: "strict" } });
    expect(parseCommandFlags("validate", ["--", "--not-a-flag.json"]).positionals).toEqual(["--not-a-flag.json"]);
  });

  it("record writes HAR when asked, or when --cassette names a .har file", () => {
    expect(recordingFormat("out/run.HAR", undefined)).toBe("har");
    expect(recordingFormat("out/run", undefined)).toBe("cassette");
    expect(recordingFormat("out/run.har", "cassette")).toBe("cassette");
    expect(recordingFormat("out/run", "har")).toBe("har");
    expect(usageMessage(() => recordingFormat("out", "xml"))).toBe('--format must be cassette or har (got "xml")');
  });

  it("suggests only near names", () => {
    expect(closest("rn", ["run", "record", "serve"])).toBe("run");
    expect(closest("req", ["run", "requirements"])).toBe("requirements");
    expect(closest("xyz", ["run", "record", "serve"])).toBeUndefined();
  });
});

describe("the bin's habits", () => {
  it("--version on the bin and on every command prints the suite version, which package.json states too", async () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(pkg.version).toBe(SUITE_VERSION);
    for (const argv of [["--version"], ["-v"], ["run", "--version"], ["serve", "-v"], ["compare", "--version"]]) {
      expect(await mainOutput(argv), argv.join(" ")).toEqual({ code: 0, out: `client-cert-conformance ${SUITE_VERSION}`, err: "" });
    }
  });

  it("an unknown command is one line with a did-you-mean and the list, exit 2", async () => {
    const { code, err } = await mainOutput(["serv"]);
    expect(code).toBe(2);
    expect(err).toBe("client-cert-conformance: unknown command \"serv\"; did you mean serve? (one of: run, record, validate, serve, extract, requirements, compare, spec-diff, baseline)");
    expect((await mainOutput(["--zone", "x"])).err).toMatch(/^client-cert-conformance: a command comes first, before flags \(got "--zone"\)/);
  });

  it("a bad flag through the CLI is exit 2 and one line", async () => {
    const { code, err, out } = await mainOutput(["requirements", "--frmat", "md"]);
    expect({ code, out }).toEqual({ code: 2, out: "" });
    expect(err).toBe("client-cert-conformance requirements: unknown flag --frmat; did you mean --format? (see: client-cert-conformance requirements --help)");
  });
});
