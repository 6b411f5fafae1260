import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadBaseline, loadBaselineAsync } from "../../src/baseline/index.ts";
import { UsageError } from "../../src/io/usage-error.ts";
import { loadSpecOrExplain } from "../../src/schema/load-spec.ts";
import { SEED_DOCUMENT } from "../../src/schema/operation-spec.ts";

/** The crafted documents of issue 18: each is one line naming the file, the place and what is wrong. */

const dir = mkdtempSync(join(tmpdir(), "hostile-documents-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEED = JSON.parse(readFileSync(SEED_DOCUMENT, "utf8"));
const OPERATION = "/paths/~1zones~1{zone_identifier}~1client_certificates~1{client_certificate_identifier}/get";

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The seed with the operation's 200 response, or its first parameter, replaced. */
function seedWith(change: (op: Record<string, any>) => void): string {
  const doc = structuredClone(SEED);
  change(Object.values(doc.paths as Record<string, Record<string, any>>)[0]!.get);
  return JSON.stringify(doc);
}

async function specLine(path: string): Promise<string> {
  try {
    await loadSpecOrExplain({ path });
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).not.toContain("\n");
    return (e as Error).message;
  }
  throw new Error(`${path} loaded`);
}

describe("a crafted --spec is one line", () => {
  it.each([
    ["a YAML alias cycle", "cycle.yaml", "openapi: 3.0.3\ninfo: &i\n  title: x\n  self: *i\npaths: {}\n", "at /info/self a YAML alias refers to a node that contains it"],
    ["a schema nested 100,000 deep", "deep.json", `{"openapi":"3.0.3","paths":{},"components":{"schemas":{"deep":${'{"items":'.repeat(100_000)}{}${"}".repeat(100_000)}}}}`, "it nests deeper than 512 levels, more than the suite walks"],
    ["flow YAML nested 100,000 deep", "deep.yaml", `openapi: 3.0.3\nx: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`, "it nests too deep to parse"],
    ["an external $ref on a response", "external.json", seedWith((op) => { op.responses["200"] = { $ref: "other.yaml#/x" }; }), `$ref "other.yaml#/x" at ${OPERATION}/responses/200 is an external reference`],
    ["a $ref that is not a JSON pointer, on a parameter", "anchor.json", seedWith((op) => { op.parameters[0] = { $ref: "#foo" }; }), `$ref "#foo" at ${OPERATION}/parameters/0 is not a JSON pointer`],
    ["a malformed % escape in a $ref", "escape.json", seedWith((op) => { op.responses["200"] = { $ref: "#/components/%zz" }; }), "has a malformed %-escape"],
    ["a response that is null", "null.json", seedWith((op) => { op.responses["200"] = null; }), `${OPERATION}/responses/200 is null, not an object`],
  ])("%s", async (_what, name, text, expected) => {
    const path = file(name, text);
    const line = await specLine(path);
    expect(line.startsWith("--spec: ")).toBe(true);
    expect(line).toContain(path);
    expect(line).toContain(expected);
  });

  it("/dev/zero, and a document past CONFORMANCE_MAX_INPUT_MB: the bound, and what to do", async () => {
    // Not named .json: read as YAML, to its smaller bound.
    expect(await specLine("/dev/zero")).toBe("--spec: OpenAPI document /dev/zero is larger than 2 MiB, the most the suite reads of it; convert it to JSON (Cloudflare publishes openapi.json), or raise CONFORMANCE_MAX_INPUT_MB (a YAML document is read to a thirty-second of it: its parser takes some 40 times a document's size in memory)");
    const big = file("big.json", `{"openapi":"3.0.3","x":"${"a".repeat(2 ** 20)}"}`);
    process.env.CONFORMANCE_MAX_INPUT_MB = "1";
    try {
      expect(await specLine(big)).toBe(`--spec: OpenAPI document ${big} is larger than 1 MiB, the most the suite reads of it; raise CONFORMANCE_MAX_INPUT_MB (now 1) if it really is that large`);
    } finally {
      delete process.env.CONFORMANCE_MAX_INPUT_MB;
    }
  });
});

describe("a crafted --baseline is one line", () => {
  async function baselineLine(path: string): Promise<string> {
    const lines: string[] = [];
    for (const load of [async () => loadBaseline(path), () => loadBaselineAsync(path)]) {
      try {
        await load();
        throw new Error(`${path} loaded`);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        expect((e as Error).message).not.toContain("\n");
        lines.push((e as Error).message);
      }
    }
    expect(lines[0]).toBe(lines[1]);
    return lines[0]!;
  }

  it("/dev/zero", async () => {
    expect(await baselineLine("/dev/zero")).toBe("baseline /dev/zero: is larger than 1 MiB, the most the suite reads of it (check --baseline)");
  });

  it("a YAML alias cycle, and nesting past what a baseline needs", async () => {
    expect(await baselineLine(file("cycle.yaml", "entries: &e\n  - *e\n"))).toMatch(/^baseline .*cycle\.yaml: at \/entries\/0 a YAML alias refers to a node that contains it; write the entries out$/);
    expect(await baselineLine(file("deep.json", `{"entries":[${"[".repeat(100)}${"]".repeat(100)}]}`))).toMatch(/it nests deeper than 32 levels; a baseline is a list of flat entries$/);
  });
});
