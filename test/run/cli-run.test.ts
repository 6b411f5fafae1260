import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer } from "../../src/reference/index.ts";
import { REQUIREMENTS } from "../../src/registry/index.ts";
import { validateReport } from "../../reports/validate-report.ts";

const exec = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "cli-run-"));

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CLOUDFLARE_")));
  try {
    const r = await exec(process.execPath, ["bin/client-cert-conformance.js", ...args], { env: { ...clean, ...env } });
    return { code: 0, ...r };
  } catch (e) {
    return e as { code: number; stdout: string; stderr: string };
  }
}

const REPORT_FILES = ["report.json", "report.md", "report.html", "junit.xml"];
const reportOf = (dir: string) => JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));

describe("client-cert-conformance run, end to end", () => {
  let server: Awaited<ReturnType<typeof startReferenceServer>>;
  let faulty: Awaited<ReturnType<typeof startReferenceServer>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startReferenceServer({ port: 0, rate: 1_000_000 });
    faulty = await startReferenceServer({ port: 0, rate: 1_000_000, faults: ["status-uppercase"], zoneId: server.zoneId, credentials: server.credentials });
    env = { CLOUDFLARE_ZONE_ID: server.zoneId, CLOUDFLARE_API_TOKEN: server.credentials.token, CLOUDFLARE_EMAIL: server.credentials.email, CLOUDFLARE_API_KEY: server.credentials.apiKey };
  });
  afterAll(async () => { await server?.close(); await faulty?.close(); });

  it("the README's local loop pasted into bash: a background server, exit 0 and the four reports (report.json valid), kill stops it", async () => {
    const readme = readFileSync("README.md", "utf8");
    const block = /Try the whole loop locally[^\n]*\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, "the README's loop block").toBeDefined();
    const out = join(work, "readme-loop");
    // The README's lines as they are, but port 0 for 8787 (this machine is shared). The last line
    // says whether the server is gone once kill returned (a zombie awaiting its reaper counts as gone).
    // The trap only matters when a line fails: set -e leaves, and the server must not outlive the test.
    const script = `set -e\ntrap 'if [ -n "\${CONFORMANCE_SERVE_PID:-}" ]; then kill "$CONFORMANCE_SERVE_PID" 2>/dev/null || true; fi' EXIT\n${block!.replace("--port 8787", "--port 0")}
for _ in $(seq 100); do case "$(ps -o stat= -p "$CONFORMANCE_SERVE_PID")" in ""|Z*) break ;; esac; sleep 0.1; done
case "$(ps -o stat= -p "$CONFORMANCE_SERVE_PID")" in ""|Z*) echo "server stopped" ;; *) echo "server still running" ;; esac`;
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CLOUDFLARE_") && !k.startsWith("CONFORMANCE_")));
    const { stdout } = await exec("bash", ["-c", script], { env: { ...clean, CONFORMANCE_REPORT_DIR: out } });
    expect(stdout).toMatch(new RegExp(`^CONFORMANT at level must: ${REQUIREMENTS.length} passed, 0 failed`, "m"));
    expect(stdout.trim().split("\n").at(-1)).toBe("server stopped");
    for (const f of REPORT_FILES) expect(existsSync(join(out, f)), f).toBe(true);
    expect(validateReport(reportOf(out)).errors).toEqual([]);
  }, 90_000);

  it("with a fault: exit 1 and the report names the requirement", async () => {
    const out = join(work, "fault");
    const r = await cli(["run", "--target", faulty.baseUrl, "--out", out, "--quiet", "--rate", "0", "--burst", "0"], env); // unpaced: the verdict is what is tested
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("failed STATUS-ENUM (must)");
    const report = reportOf(out);
    expect(report.verdict).toBe("non-conformant");
    expect(report.requirements.find((x: { id: string }) => x.id === "STATUS-ENUM").failures[0].reproduce).toMatch(/^curl /);
  }, 60_000);

  it("a target that is down: exit 2, one clear line, and a report with verdict error", async () => {
    const port = await new Promise<number>((resolve) => { const s = createServer().listen(0, "127.0.0.1", () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });
    const out = join(work, "down");
    const r = await cli(["run", "--target", `http://127.0.0.1:${port}/client/v4`, "--out", out, "--quiet", "--timeout", "500"], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/target unreachable at http:\/\/127\.0\.0\.1:\d+\/client\/v4: .*check --target/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(reportOf(out).verdict).toBe("error");
    expect(validateReport(reportOf(out)).errors).toEqual([]);
  }, 60_000);

  it("missing credentials or zone: exit 2, one line naming the variables to set, and a report with verdict error", async () => {
    const out = join(work, "no-credentials");
    const noCreds = await cli(["run", "--target", server.baseUrl, "--zone", server.zoneId, "--out", out], {});
    expect(noCreds.code).toBe(2);
    expect(noCreds.stderr.trim()).toBe("client-cert-conformance run: missing credentials: set CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY");
    expect(reportOf(out)).toMatchObject({ verdict: "error", error: expect.stringContaining("missing credentials"), summary: { requests: 0 } });
    expect(validateReport(reportOf(out)).errors).toEqual([]);
    const noZone = await cli(["run", "--target", "live", "--out", join(work, "no-zone")], { CLOUDFLARE_API_TOKEN: "x" });
    expect(noZone.stderr.trim()).toBe("client-cert-conformance run: no zone to test: pass --zone ID or set CLOUDFLARE_ZONE_ID");
  }, 60_000);
});
