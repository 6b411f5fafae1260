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
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./usage-error.ts";

/** The lock file inside a claimed folder. */
export const LOCK_FILE = ".client-cert-conformance.lock";

interface LockContent {
  pid: number;
  startedAt: string;
}

/** A claimed output: release it when the run has written its last file. */
export interface OutputClaim {
  /** Removes the lock (when it is still this run's). Safe to call twice. */
  release(): void;
}

/** Whether a process with this pid exists (EPERM: it does, as another user's). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): LockContent | undefined {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as Partial<LockContent>;
    return typeof value.pid === "number" ? { pid: value.pid, startedAt: String(value.startedAt ?? "") } : undefined;
  } catch {
    return undefined;
  }
}

/** The run holding `lockPath`, when it is another live one. */
export function otherHolder(lockPath: string): LockContent | undefined {
  const held = readLock(lockPath);
  return held && held.pid !== process.pid && alive(held.pid) ? held : undefined;
}

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

/** What a file-system error code means for an output, in words. */
function cannot(code: string | undefined): string {
  switch (code) {
    case "EACCES": case "EPERM": return "permission denied";
    case "EROFS": return "a read-only file system";
    case "ENOTDIR": return "a part of the path is a file";
    case "ENOENT": return "the file system does not let a folder be made there";
    case "ENOSPC": return "no space left on the device";
    default: return code ?? "unknown error";
  }
}

const exitHooks = new Map<string, () => void>();
let exitHookInstalled = false;

/** Locks are removed however the process ends (process.exit included; not SIGKILL: the next run cleans up). */
function removeOnExit(path: string, remove: () => void): void {
  exitHooks.set(path, remove);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const hook of exitHooks.values()) hook();
  });
}

/** Takes the lock at `lockPath` for this process, or throws the UsageError `refuse` makes from the holder. */
function takeLock(lockPath: string, what: string, target: string): OutputClaim {
  const content = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() } satisfies LockContent);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, "wx");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") throw new UsageError(`${what} ${target} cannot be written (${cannot(code)}); pass a folder this user can write`);
      const holder = otherHolder(lockPath);
      if (holder) {
        throw new UsageError(`${what} ${target} is being written by another run (pid ${holder.pid}, started ${holder.startedAt || "at an unknown time"}); give this run another ${what}, or wait for that one to end`);
      }
      // Left by a run that was killed (its pid is gone), or by this process: take it over.
      try {
        unlinkSync(lockPath);
      } catch {
        // another run took it over first: the next attempt finds its lock
      }
      continue;
    }
    try {
      writeSync(fd, content);
    } catch (e) {
      closeSync(fd);
      unlinkSync(lockPath);
      throw new UsageError(`${what} ${target} cannot be written (${cannot((e as NodeJS.ErrnoException).code)}); pass a folder this user can write`);
    }
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      exitHooks.delete(lockPath);
      if (readLock(lockPath)?.pid === process.pid) {
        try {
          unlinkSync(lockPath);
        } catch {
          // already gone
        }
      }
    };
    removeOnExit(lockPath, release);
    return { release };
  }
  throw new UsageError(`${what} ${target} is being taken by another run at the same moment; give this run another ${what}`);
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
