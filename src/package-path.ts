import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package's root: where the files it ships beside its code live (schemas/, the shipped
 * cassette, report.schema.json, the bin). Found by walking up from this module to its
 * package.json, so it is the same from the sources (src/) and from the compiled package (dist/src/).
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "client-cert-conformance") return dir;
    if (dirname(dir) === dir) throw new Error(`client-cert-conformance: no package.json above ${from}`);
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A file or folder the package ships, by its path from the package root. */
export function packagePath(...segments: string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}
