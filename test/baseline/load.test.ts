import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadBaseline } from "../../src/baseline/index.ts";
import { UsageError } from "../../src/io/usage-error.ts";

const dir = mkdtempSync(join(tmpdir(), "baseline-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function loadError(path: string): UsageError {
  try {
    loadBaseline(path);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).exitCode).toBe(2);
    expect((e as Error).message).not.toContain("\n");
    return e as UsageError;
  }
  throw new Error(`${path} loaded`);
}

const GOOD = { requirement: "ERR-REQUIRED-MEMBERS", match: "messages", reason: "gateway errors lack messages", link: "https://example.test/1", expires: "2027-06-30" };

describe("loadBaseline", () => {
  it("reads a JSON object with entries", () => {
    const path = file("good.json", JSON.stringify({ description: "known", entries: [GOOD, { requirement: "STATUS-ENUM", reason: "r", expires: "2027-01-01" }] }));
    expect(loadBaseline(path)).toEqual({ file: path, entries: [GOOD, { requirement: "STATUS-ENUM", reason: "r", expires: "2027-01-01" }] });
  });

  it("reads a YAML list, unquoted dates included", () => {
    const path = file("good.yaml", [
      "- requirement: ERR-REQUIRED-MEMBERS",
      "  match: /required property|is required/i",
      "  reason: gateway errors lack messages",
      "  expires: 2027-06-30",
    ].join("\n"));
    expect(loadBaseline(path).entries).toEqual([{ requirement: "ERR-REQUIRED-MEMBERS", match: "/required property|is required/i", reason: "gateway errors lack messages", expires: "2027-06-30" }]);
  });

  it("reads the shipped live baseline, whose entries expire in 2027", () => {
    const b = loadBaseline("baselines/cloudflare-live.json");
    expect(b.entries.length).toBeGreaterThan(0);
    for (const e of b.entries) {
      expect(e.expires).toMatch(/^2027-/);
      expect(e.link).toBeTruthy();
    }
  });

  const bad: [string, string, string, RegExp][] = [
    ["a missing file", "", "", /no such file/],
    ["invalid JSON", "bad.json", "{ entries: [", /not valid JSON/],
    ["invalid YAML", "bad.yaml", "entries: [a, b\n  c: :", /not valid YAML/],
    ["neither a list nor entries", "scalar.json", "42", /list of entries/],
    ["an unknown top-level key", "top.json", JSON.stringify({ entry: [] }), /unknown top-level key "entry"/],
    ["an unknown requirement id", "id.json", JSON.stringify([GOOD, { ...GOOD, requirement: "ERR-NO-SUCH-THING" }]), /entries\[1\]: \(ERR-NO-SUCH-THING\) unknown requirement id/],
    ["a date that is not YYYY-MM-DD", "date.json", JSON.stringify([{ ...GOOD, expires: "30/06/2027" }]), /entries\[0\]: .*YYYY-MM-DD.*30\/06\/2027/],
    ["a date that is not on the calendar", "feb.json", JSON.stringify([{ ...GOOD, expires: "2027-02-30" }]), /entries\[0\]: .*not a calendar date/],
    ["no expiry", "noexp.json", JSON.stringify([{ ...GOOD, expires: undefined }]), /entries\[0\]: .*expires must be a date/],
    ["no reason", "reason.json", JSON.stringify([{ ...GOOD, reason: " " }]), /entries\[0\]: .*reason/],
    ["a misspelt key", "key.json", JSON.stringify([{ ...GOOD, expiry: "2027-01-01" }]), /entries\[0\]: unknown key "expiry"/],
    ["an invalid regex", "regex.json", JSON.stringify([{ ...GOOD, match: "/(unclosed/" }]), /entries\[0\]: .*not a valid regular expression/],
    ["an entry that is not an object", "str.json", JSON.stringify(["ERR-REQUIRED-MEMBERS"]), /entries\[0\]: must be an object/],
  ];
  for (const [what, name, text, message] of bad) {
    it(`refuses ${what} with one line naming the problem`, () => {
      const path = name ? file(name, text) : join(dir, "absent.json");
      const e = loadError(path);
      expect(e.message).toMatch(message);
      expect(e.message).toContain(path);
    });
  }
});
