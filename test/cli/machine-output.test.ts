import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { validateReport } from "../../reports/validate-report.ts";
import { main } from "../../src/cli/main.ts";
import { REQUIREMENTS } from "../../src/registry/index.ts";
import type { DryRunPlan } from "../../src/run/dry-run.ts";
import type { ValidateDocument } from "../../src/validate/output.ts";
import { runCli } from "../support/cli.ts";
import { startCountingServer } from "../support/counting-server.ts";
import { fixture, validate } from "../validate/helpers.ts";

const exec = promisify(execFile);
const BIN = resolve("bin/client-cert-conformance.js");
const work = mkdtempSync(join(tmpdir(), "machine-output-"));
const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CLOUDFLARE_") && !k.startsWith("CONFORMANCE_")));

/** `main(argv)` in this process with everything it writes to standard output and error collected (console and stream writes alike). */
async function inProcess(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(`${a.join(" ")}\n`)),
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(`${a.join(" ")}\n`)),
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0),
  ];
  for (const name of Object.keys(process.env)) if (name.startsWith("CLOUDFLARE_") || name.startsWith("CONFORMANCE_")) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  try {
    const code = await main(argv);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    for (const spy of spies) spy.mockRestore();
    vi.unstubAllEnvs();
  }
}

async function cli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  try {
    const r = await exec(process.execPath, [BIN, ...args], { env: { ...clean, ...options.env }, cwd: options.cwd ?? process.cwd(), maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, ...r };
  } catch (e) {
    return e as { code: number; stdout: string; stderr: string };
  }
}

describe("--format json", () => {
  it("run: standard output is the report, one JSON document, the same as report.json; the lines for a person are on standard error", async () => {
    const out = join(work, "run-json");
    const r = await cli(["run", "--format", "json", "--out", out, "--include", "STATUS"]);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toEqual(JSON.parse(readFileSync(join(out, "report.json"), "utf8")));
    expect(validateReport(printed).errors).toEqual([]);
    expect(printed.selection).toMatchObject({ include: ["STATUS"] });
    const notSelected = REQUIREMENTS.length - 2;
    expect(r.stderr).toMatch(new RegExp(`^CONFORMANT at level must: 2 passed, 0 failed, ${notSelected} skipped \\(${notSelected} of them not selected: judged 2 of ${REQUIREMENTS.length} requirements\\)`, "m"));
    expect(r.stderr).toContain(`reports: ${out}/report.{json,md,html} and junit.xml`);
  }, 120_000);

  it("run: a run that cannot start prints its error report as the document, exit 2", async () => {
    const r = await inProcess(["run", "--format", "json", "--target", "http://127.0.0.1:1/client/v4", "--zone", "z", "--out", join(work, "no-credentials")]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: "error", error: expect.stringContaining("missing credentials") });
    expect(r.stderr.trim()).toMatch(/^client-cert-conformance run: missing credentials/);
  }, 60_000);

  it("validate: one JSON document, every violation where it was found, the counts and the exit code", async () => {
    const r = await validate(["--format", "json", fixture("body-200-status-uppercase.json"), fixture("body-200.json")]);
    expect(r.code).toBe(1);
    expect(r.out).toHaveLength(1);
    const doc = JSON.parse(r.out[0]!) as ValidateDocument;
    expect(doc).toMatchObject({ profile: "spec", summary: { responses: 2, valid: 1, invalid: 1 }, exitCode: 1, inputErrors: [], spec: { source: "schemas/source/openapi.json" } });
    expect(doc.violations).toEqual([expect.objectContaining({ file: fixture("body-200-status-uppercase.json"), requirementId: "STATUS-ENUM", instancePath: "/result/status" })]);
  });

  it("validate: an unreadable input is in the document and on standard error, exit 2", async () => {
    const r = await validate(["--format", "json", fixture("page.html"), fixture("no-entries.har")]);
    const doc = JSON.parse(r.out.at(-1)!) as ValidateDocument;
    expect(r.code).toBe(doc.exitCode);
    expect(doc.inputErrors.length + doc.violations.length).toBeGreaterThan(0);
    for (const line of doc.inputErrors) expect(r.err.join("\n")).toContain(line);
  });

  it("a --format other than text or json is one line, exit 2", async () => {
    expect((await runCli(["run", "--format", "yaml"])).stderr.trim()).toBe('client-cert-conformance run: --format must be text or json (got "yaml")');
    expect((await validate(["--format", "xml", fixture("body-200.json")])).err).toEqual(['client-cert-conformance validate: --format must be text or json (got "xml")']);
  });
});

describe("run --dry-run", () => {
  it("sends nothing, lists every probe with the requirements it feeds and the request count, exit 0", async () => {
    const target = await startCountingServer();
    const env = { CLOUDFLARE_ZONE_ID: "023e105f4ecef8ad9ca31a8372d0c353", CLOUDFLARE_API_TOKEN: "Yp9mQ2vL8xR4tN6bW1cZ3fH5jK7dS0aE9gU2iO4e" };
    try {
      const text = await inProcess(["run", "--dry-run", "--target", target.baseUrl, "--out", join(work, "dry")], env);
      const json = await cli(["run", "--dry-run", "--format", "json", "--target", target.baseUrl], { env });
      expect(target.count).toBe(0);
      expect([text.code, json.code]).toEqual([0, 0]);
      const plan = JSON.parse(json.stdout) as DryRunPlan;
      expect(text.stdout).toMatch(/^dry run: nothing is sent\. Plan of url target /);
      expect(text.stdout).toContain(`requests: at most ${plan.counts.atMost} (`);
      for (const r of plan.requests) expect(text.stdout).toContain(`${r.method} ${r.path}\n      ${r.label}`);
      expect(text.stdout).toMatch(/\n {6}feeds .*STATUS-ENUM/);
      expect(text.stdout).not.toContain(env.CLOUDFLARE_API_TOKEN);
      expect(json.stdout).not.toContain(env.CLOUDFLARE_API_TOKEN);
      expect(() => readFileSync(join(work, "dry", "report.json"))).toThrow(); // nothing judged, no report
    } finally {
      await target.close();
    }
  }, 60_000);
});

describe("help COMMAND", () => {
  it("prints the command's help, as COMMAND --help does; an unknown command is exit 2 with the closest", async () => {
    const help = await runCli(["help", "run"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe((await runCli(["run", "--help"])).stdout);
    expect(help.stdout).toMatch(/^client-cert-conformance run: /);
    expect(help.stdout).toContain("--dry-run");
    const wrong = await runCli(["help", "valdate"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim()).toMatch(/^client-cert-conformance help: unknown command "valdate"; did you mean validate\?/);
  });
});

describe("from another folder", () => {
  it("extract --check checks the package's own schemas wherever it is run", async () => {
    const r = await cli(["extract", "--check"], { cwd: work });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("schemas are up to date with the OpenAPI source");
  }, 60_000);
});
