/**
 * Writing a file so that a reader never sees half of it and a crash never leaves half of it: the
 * text goes to a temporary name beside it (same folder, same file system), then is renamed over it.
 */
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync, renameSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** `.report.json.tmp-<pid>-<hex>`: hidden, named after its file and its writer. */
export function temporaryNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/** Writes `data` to `path` by way of a temporary file and a rename. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporaryNameFor(path);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (e) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** As `writeFileAtomic`, synchronously. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const temporary = temporaryNameFor(path);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
}
