import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/run/build-report.ts";
import { DEFAULT_CASSETTE } from "../../src/targets/recorded.ts";
import { validateReport } from "../../reports/validate-report.ts";
import { revealed } from "../support/secret-echo.ts";

/**
 * The CLI handed hostile files and arguments (issue 18): one line, a report, nothing sent, nothing
 * leaked. Each case is a process of its own, so they are few: the loaders' every case, and the
 * verdict on a cassette that matches nothing, are tested in process (test/recorded, test/documents).
 */

const work = mkdtempSync(join(tmpdir(), "honest-verdicts-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const TOKEN = "CANARYtoken0123456789abcdefABCDEF0123456789";
const CHROMIUM_HAR = "fixtures/har-chromium/reference-faults.har";
const CHROMIUM_SEED = (JSON.parse(readFileSync("fixtures/har-chromium/expected.json", "utf8")) as { seed: number }).seed;

interface Ran { code: number | null; stdout: string; stderr: string }

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CLOUDFLARE_") && !k.startsWith("CONFORMANCE_")));
  const child = spawn(process.execPath, ["bin/client-cert-conformance.js", ...args], { env: { ...clean, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

const reportOf = (dir: string) => JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
const LINES = readFileSync(join(DEFAULT_CASSETTE, "exchanges.ndjson"), "utf8").trimEnd().split("\n");
let made = 0;

function cassette(manifest: (m: Record<string, unknown>) => unknown, lines: (l: string[]) => string[]): string {
  const dir = join(work, `cassette-${++made}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest(JSON.parse(readFileSync(join(DEFAULT_CASSETTE, "manifest.json"), "utf8")))));
  writeFileSync(join(dir, "exchanges.ndjson"), lines([...LINES]).join("\n") + "\n");
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

/** A target that counts what it is sent (and answers nothing useful): nothing must reach it. */
let counter: Server;
let hits = 0;
let counterUrl: string;
beforeAll(async () => {
  counter = createServer((_req, res) => { hits++; res.writeHead(404).end(); });
  await new Promise<void>((resolve) => counter.listen(0, "127.0.0.1", resolve));
  counterUrl = `http://127.0.0.1:${(counter.address() as AddressInfo).port}/client/v4`;
});
afterAll(() => new Promise<void>((resolve) => counter.close(() => resolve())));

describe.concurrent("run and record with hostile files and arguments", () => {
  it("--out naming a file, and record --cassette naming a file: one line, nothing sent", async () => {
    const file = join(work, "a-file");
    writeFileSync(file, "");
    const env = { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ZONE_ID: "023e105f4ecef8ad9ca31a8372d0c353" };
    const [run, record] = await Promise.all([
      cli(["run", "--target", counterUrl, "--out", file], env),
      cli(["record", "--target", counterUrl, "--cassette", file, "--out", join(work, "record-out")], env),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`client-cert-conformance run: --out ${file} is a file, not a folder; pass a folder (created when missing)\n`);
    expect(record.code).toBe(2);
    expect(record.stderr).toBe(`client-cert-conformance record: --cassette ${file} is a file, not a folder; pass a folder (created when missing)\n`);
    expect(hits).toBe(0);
  }, 60_000);

  it("--spec read from a pipe (`<(curl ...)`) is read once: the run judges against it, conformant", async () => {
    const out = join(work, "spec-pipe");
    const child = spawn("bash", ["-c", `exec "${process.execPath}" bin/client-cert-conformance.js run --quiet --out "${out}" --spec <(cat schemas/source/openapi.json)`]);
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const report = reportOf(out);
    expect(report.verdict).toBe("conformant");
    expect(report.suite.spec.source).toMatch(/^\/dev\/fd\/\d+$/);
  }, 60_000);

  it("--max-time covers loading: a recording that never arrives ends with a partial report, exit 2", async () => {
    const fifo = join(work, "never.har");
    execFileSync("mkfifo", [fifo]);
    const out = join(work, "max-time-loading");
    const r = await cli(["run", "--cassette", fifo, "--max-time", "1", "--out", out]);
    expect(r.code).toBe(2);
    expect(reportOf(out)).toMatchObject({ verdict: "error", interrupted: { by: "max-time", probesSent: 0 }, error: "stopped at the run's --max-time of 1 s while reading the recording (--cassette), before any request; nothing was judged" });
    expect(validateReport(reportOf(out)).errors).toEqual([]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("a cassette body holding the environment's token: no trace of it in stdout, stderr or any written file", async () => {
    const forms = [TOKEN, Buffer.from(TOKEN).toString("base64"), encodeURIComponent(TOKEN).replace(/C/g, "%43")];
    const dir = cassette((m) => ({ ...m, source: `recorded with ${TOKEN}` }), (l) => l.map((line) => line.replace('"success\\":true', `"echo\\":\\"${forms.join(" ")}\\",\\"success\\":true`)));
    expect(readFileSync(join(dir, "exchanges.ndjson"), "utf8")).toContain(TOKEN);
    const out = join(work, "echoed-token");
    const r = await cli(["run", "--cassette", dir, "--out", out], { CLOUDFLARE_API_TOKEN: TOKEN });
    expect(r.code).toBe(1); // the recording holds an answer that echoes the token: AUTH-SECRET-NOT-ECHOED fails, saying so without it
    expect(r.stdout).toContain("failed AUTH-SECRET-NOT-ECHOED");
    const written = filesUnder(out).map((f) => readFileSync(f, "utf8")).join("\n");
    expect(revealed(r.stdout + r.stderr + written, [TOKEN])).toEqual([]);
  }, 60_000);

  it.each([
    ["a YAML alias cycle in --spec", (dir: string) => { writeFileSync(join(dir, "spec.yaml"), "openapi: 3.0.3\ninfo: &i\n  self: *i\n"); return ["--spec", join(dir, "spec.yaml")]; }, /^--spec: .*spec\.yaml: at \/info\/self a YAML alias refers to a node that contains it/],
    ["a cassette line that is null", () => ["--cassette", cassette((m) => m, (l) => [l[0]!, "null", ...l.slice(2)])], /^cassette .*: exchanges\.ndjson line 2: the entry must be object$/],
  ])("%s: one line, exit 2, no stack trace, and a report with verdict error saying the same", async (_what, args, line) => {
    const out = join(work, `crafted-${++made}`);
    mkdirSync(out);
    const r = await cli(["run", ...args(out), "--out", out]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const message = lines[0]!.replace(/^client-cert-conformance run: /, "");
    expect(message).toMatch(line);
    expect(reportOf(out)).toMatchObject({ verdict: "error", error: message });
  }, 60_000);

  it("two runs given the same --out at once: the report agrees with the exit code of the run that wrote it; the other is refused", async () => {
    const out = join(work, "shared-out");
    const [conformant, faulty] = await Promise.all([
      cli(["run", "--quiet", "--out", out]),
      cli(["run", "--cassette", CHROMIUM_HAR, "--seed", String(CHROMIUM_SEED), "--quiet", "--out", out]),
    ]);
    const report = reportOf(out);
    const writer = report.seed === CHROMIUM_SEED ? faulty : conformant;
    const other = writer === faulty ? conformant : faulty;
    expect(writer.code).toBe(EXIT_CODES[report.verdict as keyof typeof EXIT_CODES]);
    // The other ran before or after it (its report then overwritten by a later one), or was refused while it ran.
    if (other.code === 2) expect(other.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^client-cert-conformance run: --out .* is being written by another run \(pid \d+,/)]);
    expect(readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]); // no lock, no temporary left
  }, 90_000);
});
