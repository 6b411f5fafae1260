/**
 * Claiming the folder (or file) a run will write, before it sends anything: created if missing, and
 * proved writable by writing a lock file into it, so that an output the run cannot use is one line
 * at once rather than a stack trace after the whole run, and so that two runs given the same
 * `--out` never write into one folder together: the second is refused, saying which run holds it.
 *
 * The lock file names its run's pid. A run killed before it removed its lock (SIGKILL, a crash)
 * leaves one whose pid is gone: the next run takes the folder over. A pid reused by another process
 * in between keeps the folder locked until that process ends; the line says which pid to look at.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { alive, cannot, takeLock, type OutputClaim } from "./run-lock.ts";
import { UsageError } from "./usage-error.ts";

export { otherHolder, type OutputClaim } from "./run-lock.ts";

/** The lock file inside a claimed folder. */
export const LOCK_FILE = ".client-cert-conformance.lock";

/**
 * `mkdir -p`, one level at a time. Node's recursive mkdirSync loops forever where mkdir answers
 * ENOENT under an existing folder (procfs: `--out /proc/1/x`); this stops at the first refusal.
 */
export function makeDirectories(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at)) {
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
}

/**
 * Claims the folder `dir` for a run's output (`--out`, a cassette directory): creates it, refuses a
 * path that is a file, and writes the lock (the proof it is writable). Synchronous and immediate.
 */
export function claimOutputDir(dir: string, what: string): OutputClaim {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${what} ${dir} is a file, not a folder; pass a folder (created when missing)`);
  try {
    makeDirectories(dir);
  } catch (e) {
    throw new UsageError(`${what} ${dir} cannot be created (${cannot((e as NodeJS.ErrnoException).code)}); pass a folder this user can write`);
  }
  const claim = takeLock(join(dir, LOCK_FILE), what, dir);
  removeStaleTemporaries(dir);
  return claim;
}

/** `.report.json.tmp-<pid>-<hex>` (write-atomic.ts): a file a killed run was writing when it died. */
const TEMPORARY = /^\..+\.tmp-(\d+)-[0-9a-f]+$/;

/** Removes the half-written temporaries of runs that are gone (their pid no longer exists). */
function removeStaleTemporaries(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMPORARY.exec(name)?.[1];
    if (pid !== undefined && !alive(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}

/**
 * Claims the file `file` a run will write (a HAR): its folder created, the path not a folder, and
 * a lock beside it (`.NAME.client-cert-conformance.lock`) proving the folder writable.
 */
export function claimOutputFile(file: string, what: string): OutputClaim {
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`${what} ${file} is a folder; pass a file name (FILE.har), or --format cassette for a folder`);
  const dir = dirname(file);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${what} ${file}: ${dir} is a file, not a folder`);
  try {
    makeDirectories(dir);
  } catch (e) {
    throw new UsageError(`${what} ${file}: its folder cannot be created (${cannot((e as NodeJS.ErrnoException).code)}); pass a path this user can write`);
  }
  return takeLock(join(dir, `.${basename(file)}${LOCK_FILE}`), what, file);
}

/** The lock a claimed file has beside it (writers check no other run holds it). */
export const fileLockPath = (file: string) => join(dirname(file), `.${basename(file)}${LOCK_FILE}`);
