#!/usr/bin/env node
// The bin runs the TypeScript sources through tsx, so `npm ci` is the only set-up step.
import { register } from "tsx/esm/api";

// vitest is plain JavaScript; loaded before tsx's hooks are in place it starts in about a
// quarter of the time (the hooks would see each of its thousands of module loads).
if (["run", "record"].includes(process.argv[2] ?? "run")) await import("vitest/node");
register();
// `... | head` closing the pipe is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => { if (e.code === "EPIPE") process.exit(process.exitCode ?? 0); else throw e; });
}
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
