#!/usr/bin/env node
// The command. Installed from the package, it runs the compiled JavaScript in dist/ (built by
// `npm pack`'s prepack step; the package ships no TypeScript sources). In a clone of the
// repository, where src/ is, it runs the sources through tsx: `npm ci` is the only set-up step,
// and an edit is live without a build.
import { existsSync } from "node:fs";

const sources = new URL("../src/cli/main.ts", import.meta.url);
const command = process.argv[2] ?? "run";
// `run` and `record` drive vitest: loading it first (before tsx's hooks, which would see each of
// its thousands of modules) and beside the command's own modules saves most of a second.
const withVitest = command === "run" || command === "record";

// `... | head` closing the pipe is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => { if (e.code === "EPIPE") process.exit(process.exitCode ?? 0); else throw e; });
}

let main;
if (existsSync(sources)) {
  if (withVitest) await import("vitest/node");
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
} else {
  [{ main }] = await Promise.all([import("../dist/src/cli/main.js"), withVitest ? import("vitest/node") : undefined]);
}
process.exitCode = await main(process.argv.slice(2));
