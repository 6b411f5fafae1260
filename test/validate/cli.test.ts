import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fixture } from "./helpers.ts";

/** The real CLI, as a user runs it (a few end-to-end cases; the rest run in-process). */
function cli(args: string[], input?: string | Buffer): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/client-cert-conformance.js", "validate", ...args], { cwd: fileURLToPath(new URL("../../", import.meta.url)), timeout: 20_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

// Each case starts node and the compiled command (bin/): they run side by side.
describe.concurrent("client-cert-conformance validate (end to end)", () => {
  it("a 200 body with status ACTIVE: one violation line, the summary, exit 1", async () => {
    const r = await cli([fixture("body-200-status-uppercase.json")]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("/result/status");
    expect(lines[0]).toContain("[STATUS-ENUM;");
    expect(lines[1]).toBe("validated 1 responses (profile spec): 0 valid, 1 invalid, 1 violations");
    expect(r.stderr).toBe("");
  });

  it("NDJSON on standard input, strict", async () => {
    const r = await cli(["--profile", "strict", "-"], readFileSync(fixture("exchanges.ndjson")));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("<stdin>:4: /errors ");
    expect(r.stdout).toContain("ERR-ERRORS-NONEMPTY");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("validated 6 responses (profile strict): 2 valid, 4 invalid, 5 violations, 1 not validated (status 503)");
  });

  it.each([
    ["a missing file", [fixture("missing.json")]],
    ["an HTML page", [fixture("page.html")]],
  ])("%s: exit 2, one line on stderr, no stack trace", async (_what, args) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^client-cert-conformance validate: /);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
