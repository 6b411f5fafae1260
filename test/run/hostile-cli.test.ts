import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateReport } from "../../reports/validate-report.ts";
import { startHostileServer, type HostileServer } from "../support/hostile-server.ts";
import { revealed } from "../support/secret-echo.ts";

/** The CLI against hostile targets: one line, a report, the exit code of the contract, nothing leaked or obeyed. */

const CREDENTIALS = { CLOUDFLARE_API_TOKEN: "CANARYtoken0123456789abcdefABCDEF0123456789", CLOUDFLARE_EMAIL: "canary.person@canary-example.com", CLOUDFLARE_API_KEY: "cafe0123456789abcdef0123456789abcde" };
const SECRETS = [...Object.values(CREDENTIALS), `${CREDENTIALS.CLOUDFLARE_EMAIL}:${CREDENTIALS.CLOUDFLARE_API_KEY}`, "hunter2secret"];
const work = mkdtempSync(join(tmpdir(), "hostile-cli-"));

interface Ran { code: number | null; stdout: string; stderr: string }

/** Runs the CLI; `whenRunning` may signal it once it is under way. */
function cli(args: string[], whenRunning?: (child: ReturnType<typeof spawn>) => void): Promise<Ran> {
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CLOUDFLARE_"))), ...CREDENTIALS, CLOUDFLARE_ZONE_ID: "023e105f4ecef8ad9ca31a8372d0c353" };
  const child = spawn(process.execPath, ["bin/client-cert-conformance.js", ...args], { env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  whenRunning?.(child);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

let server: HostileServer;
beforeAll(async () => { server = await startHostileServer(); });
afterAll(() => server?.close());

describe("client-cert-conformance run against hostile targets", () => {
  it("a --target URL with a password: exit 2, one line that does not repeat it, a report without it", async () => {
    const out = join(work, "userinfo");
    const r = await cli(["run", "--target", "http://alice:hunter2secret@127.0.0.1:1/client/v4", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      "client-cert-conformance run: --target URL must not carry a user name or password (got http://127.0.0.1:1/client/v4 with a password in it): remove it; credentials go in CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY",
    ]);
    const report = readFileSync(join(out, "report.json"), "utf8");
    expect(JSON.parse(report)).toMatchObject({ verdict: "error", target: { baseUrl: "http://127.0.0.1:1/client/v4" }, summary: { requests: 0 } });
    expect(revealed(report + r.stdout + r.stderr, SECRETS)).toEqual([]);
  }, 30_000);

  it("SIGTERM while the target hangs: the partial report is written, exit 2, and the console shows the target's escape bytes escaped", async () => {
    server.reset();
    const out = join(work, "sigterm");
    const r = await cli(["run", "--target", server.baseUrl("hang-after-3"), "--certificate", "0123456789abcdef0123456789abcdef", "--timeout", "20000", "--out", out,
      // One probe at a time: exactly three are answered and sent before the hang (in parallel, those in flight would count too).
      "--concurrency", "1"], (child) => {
      const poll = setInterval(() => {
        if ((server.seen.get("hang-after-3") ?? 0) >= 4) { // three answered, the fourth hangs
          clearInterval(poll);
          child.kill("SIGTERM");
        }
      }, 20);
    });
    expect(r.code).toBe(2);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report).toMatchObject({ verdict: "error", interrupted: { by: "SIGTERM", probesSent: 3 } });
    expect(validateReport(report).errors).toEqual([]);
    for (const f of ["report.md", "report.html", "junit.xml"]) expect(existsSync(join(out, f)), f).toBe(true);
    expect(r.stderr).toMatch(/^stopping: interrupted by SIGTERM; writing the report of what was judged so far$/m);
    expect(r.stderr).toMatch(/^error: interrupted by SIGTERM after 3 of \d+ probes; the report holds what was judged so far$/m);
    expect(r.stdout).toMatch(/^ERROR at level must: .*; unanswered: .*stopped/m);
    expect(r.stdout).toContain("\\u001b"); // the hostile body's ESC, shown, not sent to the terminal
    expect(r.stdout + r.stderr).not.toMatch(/[\u001b\u009b]/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(revealed(r.stdout + r.stderr + readFileSync(join(out, "report.json"), "utf8"), SECRETS)).toEqual([]);
  }, 30_000);
});
