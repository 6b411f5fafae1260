// The compiled sources of a clone, never older than the sources: what bin/ runs in a repository.
//
// A build is named by a fingerprint of every file it is compiled from (path, size, modification
// time) and of the two tsconfig files: .tmp/bin-build/<fingerprint>/, laid out as the package's
// dist/. An edit makes a new fingerprint, so the next command compiles first (tsc, a few
// seconds); otherwise the check is a stat of each source (a few milliseconds). A build is made in
// a folder of its own and renamed into place whole, so commands started together never see half
// of one, and a command already running keeps the build it started with (old builds are removed
// an hour after they were last used).
//
// Why not run the TypeScript through a loader (tsx), as before: a loader transforms each of
// hundreds of modules at every start, which made a recorded run from the repository take 1.6
// times as long as the same run from the package.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** What tsconfig.build.json compiles (its `include`). */
const SOURCE_DIRS = ["src", "suites", "generators", "reports"];
const CONFIGS = ["tsconfig.json", "tsconfig.build.json"];
const KEEP_UNUSED_MS = 3600_000;

/** Every .ts file under `dir` (relative paths), depth first, in a stable order. */
function tsFiles(root, dir, out) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) tsFiles(root, rel, out);
    else if (e.name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

/** The sources' fingerprint: what would change the build. */
function fingerprint(root) {
  const hash = createHash("sha256");
  for (const name of CONFIGS) hash.update(`${name}\0${existsSync(join(root, name)) ? readFileSync(join(root, name)) : ""}\0`);
  for (const dir of SOURCE_DIRS) {
    for (const rel of tsFiles(root, dir, [])) {
      const s = statSync(join(root, rel));
      hash.update(`${rel}\0${s.size}\0${s.mtimeMs}\0`);
    }
  }
  return hash.digest("hex").slice(0, 16);
}

/** Removes builds not used for an hour (a command still running on one started within it). */
function removeOld(builds, keep) {
  for (const name of readdirSync(builds)) {
    if (name === keep) continue;
    const path = join(builds, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_UNUSED_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // another command removed it first
    }
  }
}

/** The folder of a build of the sources as they are now (compiled first if there is none), as a file URL ending in `/`. */
export function freshBuild(rootUrl) {
  const root = fileURLToPath(rootUrl);
  const builds = join(root, ".tmp", "bin-build");
  const key = fingerprint(root);
  const dir = join(builds, key);
  if (!existsSync(join(dir, "src", "cli", "main.js"))) {
    mkdirSync(builds, { recursive: true });
    const partial = join(builds, `${key}.part-${process.pid}`);
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    // Type errors do not stop the build (tsc still writes the JavaScript): `npm run typecheck` is where they are told.
    const built = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", partial, "--declaration", "false"], { stdio: ["ignore", "ignore", "inherit"] });
    if (!existsSync(join(partial, "src", "cli", "main.js"))) {
      rmSync(partial, { recursive: true, force: true });
      throw new Error(`client-cert-conformance: compiling the sources failed (tsc exited ${built.status ?? built.signal}); run \`npm ci\`, then \`npm run build\` to see why`);
    }
    try {
      renameSync(partial, dir);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another command built the same sources first
    }
    removeOld(builds, key);
  } else {
    const now = new Date();
    try {
      utimesSync(dir, now, now); // in use: not removed as old
    } catch {
      // removed meanwhile: a command that finds it gone builds again
    }
  }
  return new URL(`file://${dir}/`);
}
