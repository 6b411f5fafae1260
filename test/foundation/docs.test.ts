import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMAND_FLAGS, COMMON_FLAGS } from "../../src/cli/flags.ts";

const CONTRACT = readFileSync("docs/CONTRACT.md", "utf8");

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, ext) : ext.test(name) ? [path] : [];
  });
}

describe("the contract in the repository", () => {
  it("docs/CONTRACT.md names every command and every flag of the flags table", () => {
    const missing: string[] = [];
    for (const [command, spec] of Object.entries(COMMAND_FLAGS)) {
      if (!CONTRACT.includes(`client-cert-conformance ${command}`)) missing.push(command);
      for (const flag of Object.keys(spec.options)) {
        // A flag is documented in a row of its command (the original tables list run's flags once, for run and record).
        const rows = CONTRACT.split("\n").filter((l) => l.includes(`--${flag}`));
        if (rows.length === 0) missing.push(`${command} --${flag}`);
      }
    }
    for (const flag of Object.keys(COMMON_FLAGS)) if (!CONTRACT.includes(`--${flag}`)) missing.push(`--${flag}`);
    expect(missing, "add them to docs/CONTRACT.md (Additions)").toEqual([]);
  });

  it("no document, script or source points outside the repository, and every relative link leads to a file", () => {
    const files = ["README.md", ...filesUnder("docs", /\.md$/), ...filesUnder("scripts", /\.(ts|sh)$/), ...filesUnder("src", /\.ts$/), "fixtures/README.md"];
    const outside: string[] = [];
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      if (/\.\.\/shared\/|\/work\/|design's CONTRACT/.test(text)) outside.push(file);
      if (!file.endsWith(".md")) continue;
      // Quoted lines (`> ...`) are examples of what a reader publishes elsewhere: their links are theirs.
      const prose = text.split("\n").filter((l) => !l.startsWith(">")).join("\n");
      for (const [, target] of prose.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        if (!existsSync(join(dirname(file), target!))) broken.push(`${file}: ${target}`);
      }
    }
    expect(outside).toEqual([]);
    expect(broken).toEqual([]);
  });
});
