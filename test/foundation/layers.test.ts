import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** Every relative import (static, dynamic, re-export) of the TypeScript files under `top`: [importer, imported]. */
function importsUnder(top: string): [string, string][] {
  const edges: [string, string][] = [];
  for (const entry of readdirSync(top, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = join(entry.parentPath, entry.name);
    for (const m of readFileSync(file, "utf8").matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      edges.push([file, relative(".", resolve(dirname(file), m[1]!))]);
    }
  }
  return edges;
}

describe("imports run one way, down the flow (../shared/design/LAYOUT.md)", () => {
  it("nothing below the commands imports src/cli/: a command reads its flags and hands them down", () => {
    const upward = ["src", "suites", "generators", "reports"]
      .flatMap(importsUnder)
      .filter(([from, to]) => !from.startsWith(join("src", "cli")) && to.startsWith(join("src", "cli")));
    expect(upward).toEqual([]);
  });

  it("the scan sees the imports it judges (a pattern that matched nothing would pass anything)", () => {
    expect(importsUnder(join("src", "cli")).some(([, to]) => to === join("src", "cli", "flags.ts"))).toBe(true);
    expect(importsUnder("src").some(([, to]) => to.startsWith(join("src", "cli")))).toBe(true);
  });
});
