import { readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { alive } from "../io/run-lock.ts";

/**
 * The temporary folders earlier versions handed a run's evidence to its suites through
 * (`client-cert-conformance-evidence-<pid>-XXXXXX`; CONTRACT.md promises one a killed run left
 * is removed at the next run's start). Runs now hand it to a thread in memory and make none.
 */
export const EVIDENCE_PREFIX = "client-cert-conformance-evidence-";
/** A folder of the oldest name (no pid) is a killed run's once it is this old. */
const STALE_UNNAMED_MS = 24 * 3600 * 1000;

/** Removes the evidence folders of runs that were killed before they could (their pid is gone). */
export function removeStaleEvidenceFolders(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(EVIDENCE_PREFIX)) continue;
    const pid = /^(\d+)-/.exec(name.slice(EVIDENCE_PREFIX.length))?.[1];
    const path = join(tmpdir(), name);
    try {
      const stale = pid !== undefined ? Number(pid) !== process.pid && !alive(Number(pid)) : Date.now() - statSync(path).mtimeMs > STALE_UNNAMED_MS;
      if (stale) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone already, or another user's: not ours to clean
    }
  }
}
