#!/usr/bin/env node
// The command. Installed from the package, it runs the compiled JavaScript in dist/ (built by
// `npm pack`'s prepack step; the package ships no TypeScript sources). In a clone of the
// repository, where src/ is, it runs the sources compiled the same way, into a build of their
// own under .tmp/bin-build/ (see fresh-build.js): rebuilt when any source changed since, so an
// edit is live without a build step and a developer never runs old code, and started as fast
// as the package.
import { existsSync } from "node:fs";

// `... | head` closing the pipe is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => { if (e.code === "EPIPE") process.exit(process.exitCode ?? 0); else throw e; });
}

let entry;
if (existsSync(new URL("../src/cli/main.ts", import.meta.url))) {
  const { freshBuild } = await import("./fresh-build.js");
  entry = new URL("src/cli/main.js", freshBuild(new URL("..", import.meta.url)));
} else {
  entry = new URL("../dist/src/cli/main.js", import.meta.url);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
