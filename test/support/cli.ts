import { vi } from "vitest";
import { main } from "../../src/cli/main.ts";

/**
 * Runs the CLI's `main` in this process (no child, no tsx start-up) and collects what it
 * printed with console.log / console.error. For commands that do not start servers or
 * read standard input; the spawned-bin tests cover the bin itself.
 */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    const code = await main(argv);
    return { code, stdout: out.map((l) => `${l}\n`).join(""), stderr: err.map((l) => `${l}\n`).join("") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
