import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { envLines } from "../../src/cli/serve.ts";
import { FAULTS } from "../../src/reference/index.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = "bin/client-cert-conformance.js";

/** Runs the CLI to completion. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.concurrent("client-cert-conformance serve", () => {
  it("--list-faults prints every fault with the requirements it trips, exit 0", async () => {
    const { code, stdout } = await run(["serve", "--list-faults"]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(FAULTS.length);
    for (const f of FAULTS) expect(stdout).toMatch(new RegExp(`^${f.name} +${f.trips.join(",")}`, "m"));
  });

  it("an unknown fault is exit 2 with the list of names", async () => {
    const { code, stderr } = await run(["serve", "--port", "0", "--fault", "no-such-fault"]);
    expect(code).toBe(2);
    expect(stderr).toContain("no-such-fault");
    expect(stderr).toContain("status-uppercase");
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("prints one JSON line when ready, never a supplied secret, and serves with it", async () => {
    const canaryToken = `canary-token-${Date.now()}-do-not-print`;
    const canaryKey = "c0ffee".repeat(6) + "d"; // 37 lower-case hex digits
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], {
      cwd: ROOT,
      env: { ...process.env, CLOUDFLARE_API_TOKEN: canaryToken, CLOUDFLARE_API_KEY: canaryKey, CLOUDFLARE_EMAIL: "", CLOUDFLARE_ZONE_ID: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (d) => { stderr += d; });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        const lines = createInterface({ input: child.stdout });
        lines.once("line", (line) => { stdout += line; resolve(line); });
        child.once("exit", (code) => reject(new Error(`serve exited ${code} before printing: ${stderr}`)));
      });
      const info = JSON.parse(first) as {
        baseUrl: string; zone: string; otherZone: string; certificates: string[];
        credentials: { env: Record<string, string>; fromEnvironment: string[] };
      };
      expect(first).not.toContain(canaryToken);
      expect(first).not.toContain(canaryKey);
      expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
      expect(info.zone).toMatch(/^[0-9a-f]{32}$/);
      expect(info.otherZone).toMatch(/^[0-9a-f]{32}$/);
      expect(info.certificates.length).toBeGreaterThanOrEqual(4);
      expect(info.credentials.fromEnvironment.sort()).toEqual(["CLOUDFLARE_API_KEY", "CLOUDFLARE_API_TOKEN"]);
      expect(Object.keys(info.credentials.env)).toEqual(["CLOUDFLARE_EMAIL"]);

      const read = await fetch(`${info.baseUrl}/zones/${info.zone}/client_certificates/${info.certificates[0]}`, { headers: { authorization: `Bearer ${canaryToken}` } });
      expect(read.status).toBe(200);
      const byKey = await fetch(`${info.baseUrl}/zones/${info.zone}/client_certificates/${info.certificates[0]}`, { headers: { "x-auth-email": info.credentials.env.CLOUDFLARE_EMAIL, "x-auth-key": canaryKey } });
      expect(byKey.status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
    expect(stderr).not.toContain(canaryToken);
  });
});

describe("serve for a shell", () => {
  it("--print-env quotes every value for a POSIX shell and never prints a supplied credential", () => {
    const lines = envLines({
      baseUrl: "http://127.0.0.1:1/client/v4", zone: "z", pid: 42,
      credentials: { env: { CLOUDFLARE_EMAIL: "o'brien@example.com" }, fromEnvironment: ["CLOUDFLARE_API_TOKEN"] },
    });
    expect(lines.split("\n")).toEqual([
      "export CONFORMANCE_SERVE_URL='http://127.0.0.1:1/client/v4'",
      "export CONFORMANCE_SERVE_PID='42'",
      "export CLOUDFLARE_ZONE_ID='z'",
      "export CLOUDFLARE_EMAIL='o'\\''brien@example.com'",
    ]);
  });
});
