import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packagePath } from "../package-path.ts";

const BIN = packagePath("bin", "client-cert-conformance.js");

/** Set in the background server's environment: it reports readiness over IPC (see `announceReady`). */
const BACKGROUND_ENV = "CONFORMANCE_SERVE_BACKGROUND";

/** How long the foreground waits for the background server to say it is ready. */
const READY_WITHIN_MS = 60_000;

export type ServeBackgroundResult =
  | { ready: true; info: Record<string, unknown>; pid: number; log: string }
  | { ready: false; code: number; output: string };

/**
 * Starts `serve ARGS` as a detached process (own process group, so the terminal's Ctrl-C and
 * the shell's exit leave it running), with its output in a log file, and resolves once it has
 * said it is ready (its ready line, over IPC) or it has exited (with what it wrote).
 */
export function serveInBackground(args: string[]): Promise<ServeBackgroundResult> {
  const log = join(mkdtempSync(join(tmpdir(), "client-cert-conformance-serve-")), "serve.log");
  const fd = openSync(log, "a");
  const child = spawn(process.execPath, [BIN, "serve", ...args], {
    detached: true,
    stdio: ["ignore", fd, fd, "ipc"],
    env: { ...process.env, [BACKGROUND_ENV]: "1" },
  });
  closeSync(fd);
  return new Promise((resolve) => {
    const output = () => readFileSync(log, "utf8").trim();
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      resolve({ ready: false, code: 2, output: `the background server was not ready within ${READY_WITHIN_MS / 1000} s; its log: ${log}` });
    }, READY_WITHIN_MS);
    child.once("message", (info) => {
      clearTimeout(timer);
      child.removeAllListeners("exit");
      if (child.connected) child.disconnect();
      child.unref();
      resolve({ ready: true, info: info as Record<string, unknown>, pid: child.pid!, log });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ ready: false, code: code ?? 2, output: output() });
    });
  });
}

/** In a server started by `serveInBackground`: hands the ready line to the foreground and lets go of it. */
export function announceReady(info: Record<string, unknown>): void {
  if (process.env[BACKGROUND_ENV] !== "1" || !process.send) return;
  process.send(info, () => process.disconnect());
}
