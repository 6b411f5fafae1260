import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { withExamples } from "./api-doc.ts";

/**
 * docs/API.md's examples are the files of docs/examples/, word for word, and each (but the vitest
 * one, which `scripts/check-package.sh` runs in a project of its own) runs and prints what its
 * `// →` comments say.
 */
const EXAMPLES = readdirSync("docs/examples").filter((f) => f.endsWith(".ts")).sort();
const api = readFileSync("docs/API.md", "utf8");

describe("docs/API.md", () => {
  it.each(EXAMPLES)("shows docs/examples/%s as it is", (file) => {
    expect(api).toContain(`<!-- docs/examples/${file} -->`);
  });

  it("is up to date with docs/examples/ (npm run docs:api)", () => {
    expect(api).toBe(withExamples(api));
  });

  it.each(EXAMPLES.filter((f) => !f.endsWith(".test.ts")))("docs/examples/%s runs and prints what it says", async (file) => {
    const expected = [...readFileSync(`docs/examples/${file}`, "utf8").matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1]);
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
    try {
      await import(`../../docs/examples/${file}`);
    } finally {
      log.mockRestore();
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(printed).toEqual(expected);
  });
});
