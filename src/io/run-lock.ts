/**
 * The lock that keeps two runs from writing one output at once: a file naming its run's pid, placed
 * in one step, removed when the run ends. A lock whose run is gone (SIGKILL, a crash) is taken over
 * by the next run; runs racing for one output, free or left by a dead run, end with exactly one
 * holding it (test/io/output-claim.test.ts races separate processes for it).
 *
 * Written here rather than taken from a library: proper-lockfile and its kin judge a lock stale by
 * its age and must refresh it while the run lasts; a run's pid says at once whether it is gone.
 */
import { createHash } from "node:crypto";
import { closeSync, linkSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { UsageError } from "./usage-error.ts";
import { temporaryNameFor, writeFileAtomicSync } from "./write-atomic.ts";

export interface LockContent {
  pid: number;
  startedAt: string;
}

/** A claimed output: release it when the run has written its last file. */
export interface OutputClaim {
  /** Removes the lock (when it is still this run's). Safe to call twice. */
  release(): void;
}

/** Whether a process with this pid exists (EPERM: it does, as another user's). */
export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): LockContent | undefined {
  const text = readText(path);
  return text === undefined ? undefined : parseLock(text);
}

/** The run holding `lockPath`, when it is another live one. */
export function otherHolder(lockPath: string): LockContent | undefined {
  const held = readLock(lockPath);
  return held && held.pid !== process.pid && alive(held.pid) ? held : undefined;
}

/** What a file-system error code means for an output, in words. */
export function cannot(code: string | undefined): string {
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

/**
 * Puts `content` at `path` when nothing is there, in one step: staged under a temporary name, then
 * hard-linked into place (link, unlike open with O_EXCL and a write after it, never shows another
 * run an empty lock it would take for a dead run's). Returns false when a file is there.
 */
function placeExclusive(path: string, content: string, what: string, target: string): boolean {
  const staged = temporaryNameFor(path);
  try {
    writeFileSync(staged, content, { flag: "wx" });
  } catch (e) {
    throw cannotWrite(what, target, e);
  }
  try {
    linkSync(staged, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A file system without hard links (FAT, some network mounts): exclusive create, then write.
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "ENOSYS") return placeWithoutLink(path, content, what, target);
    throw cannotWrite(what, target, e);
  } finally {
    rmSync(staged, { force: true });
  }
}

function placeWithoutLink(path: string, content: string, what: string, target: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw cannotWrite(what, target, e);
  }
  try {
    writeSync(fd, content);
  } catch (e) {
    closeSync(fd);
    unlinkSync(path);
    throw cannotWrite(what, target, e);
  }
  closeSync(fd);
  return true;
}

function cannotWrite(what: string, target: string, e: unknown): UsageError {
  return new UsageError(`${what} ${target} cannot be written (${cannot((e as NodeJS.ErrnoException).code)}); pass a folder this user can write`);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function parseLock(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockContent>;
    return typeof value.pid === "number" ? { pid: value.pid, startedAt: String(value.startedAt ?? "") } : undefined;
  } catch {
    return undefined;
  }
}

/** Blocks this thread for `ms` (the claim is synchronous: it happens before anything else of the run). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Replaces the lock of a run that is gone (`dead`, the text read from it) with this run's, one run at
 * a time: the runs that find the same dead lock race for a ticket named after its text, and only the
 * ticket's holder replaces the lock, and only while it still reads `dead`. Removing the dead lock
 * instead would let a run that read it a moment ago remove the lock a quicker run just placed.
 */
function takeOver(lockPath: string, dead: string, content: string, what: string, target: string): "taken" | "changed" | "busy" {
  const ticket = `${lockPath}.takeover-${createHash("sha256").update(dead).digest("hex").slice(0, 16)}`;
  if (!placeExclusive(ticket, content, what, target)) {
    // Another run is taking it over; a ticket whose run was killed mid-takeover is cleared.
    const taker = parseLock(readText(ticket) ?? "");
    if (!taker || !alive(taker.pid)) rmSync(ticket, { force: true });
    return "busy";
  }
  try {
    if (readText(lockPath) !== dead) return "changed";
    writeFileAtomicSync(lockPath, content);
    return "taken";
  } finally {
    rmSync(ticket, { force: true });
  }
}

function refuse(what: string, target: string, holder: LockContent): UsageError {
  return new UsageError(`${what} ${target} is being written by another run (pid ${holder.pid}, started ${holder.startedAt || "at an unknown time"}); give this run another ${what}, or wait for that one to end`);
}

/** Takes the lock at `lockPath` for this process, or throws a UsageError naming the run that holds it. */
export function takeLock(lockPath: string, what: string, target: string): OutputClaim {
  const content = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() } satisfies LockContent);
  // Bounded: a takeover in progress ends within milliseconds; 200 rounds of 1 ms is ample.
  for (let attempt = 0; attempt < 200; attempt++) {
    if (!placeExclusive(lockPath, content, what, target)) {
      const text = readText(lockPath);
      if (text === undefined) continue; // released meanwhile
      const holder = parseLock(text);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw refuse(what, target, holder);
      // Left by a run that was killed (its pid is gone), or by this process: take it over.
      const took = takeOver(lockPath, text, content, what, target);
      if (took === "busy") pause(1);
      if (took !== "taken") continue;
    }
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
