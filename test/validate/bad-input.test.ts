import { afterAll, describe, expect, it } from "vitest";
import { fixture, tempDir, validate } from "./helpers.ts";

const tmp = tempDir();
afterAll(tmp.remove);
const file = tmp.file;

/** [what, argv, what the one line must say] */
const CASES: [string, () => string[], RegExp][] = [
  ["a missing file", () => [fixture("missing.json")], /missing\.json: no such file or directory; check the path/],
  ["a directory that is not a cassette", () => [fixture("not-a-cassette")], /not-a-cassette: is a directory but not a cassette/],
  ["a binary file", () => [file("cert.der", Buffer.from([0x30, 0x82, 0x03, 0x98, 0x00, 0x01, 0x02]))], /cert\.der: is a binary file \(a NUL byte at offset 4\)/],
  ["UTF-16 text", () => [file("utf16.json", Buffer.from('{"success": true}', "utf16le"))], /utf16\.json: is a binary file .*save it as UTF-8/],
  ["an empty file", () => [file("empty.json", "")], /empty\.json: is empty; pass a JSON response body/],
  ["a file of white space", () => [file("blank.json", "\n  \n\t\n")], /blank\.json: is empty/],
  ["an HTML page", () => [fixture("page.html")], /page\.html: looks like HTML or XML, not JSON \(it starts with "<html>/],
  ["truncated JSON", () => [fixture("truncated.json")], /truncated\.json: is truncated JSON: it ends after 300 bytes/],
  ["text that is not JSON", () => [file("notes.txt", "hello, world\n")], /notes\.txt: is not JSON \(.*\); pass a JSON response body/],
  ["two JSON documents that are not NDJSON exchanges", () => [fixture("two-documents.json")], /two-documents\.json: holds more than one JSON value/],
  ["a HAR without entries", () => [fixture("no-entries.har")], /no-entries\.har: is a HAR file with no entries/],
  ["a HAR without log.entries", () => [file("no-log-entries.har", '{"log": {"version": "1.2"}}')], /is a HAR file without log\.entries/],
  ["a bad --profile", () => ["--profile", "lax", fixture("body-200.json")], /--profile must be spec or strict \(got "lax"\)/],
  ["a bad --status", () => ["--status", "500", fixture("body-200.json")], /--status must be 200, 4xx, or a code from 400 to 499 \(got "500"\)/],
  ["an unknown flag", () => ["--verbose", fixture("body-200.json")], /unknown flag --verbose \(see: client-cert-conformance validate --help\)$/],
  ["no FILE", () => [], /no FILE given; pass a JSON response body/],
  ["- twice", () => ["-", "-"], /given more than once/],
];

describe("validate: input it cannot read is exit 2 and one clear line, never a stack trace", () => {
  it.each(CASES)("%s", async (_what, argv, line) => {
    const run = await validate(argv());
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^client-cert-conformance validate: /);
    expect(run.err[0]).toMatch(line);
    expect(run.err[0]).not.toMatch(/\n|\bat \S+ \(|\bat file:/);
    expect(run.out).toEqual([]);
  });

  it("a bad file among good ones: the others are validated and summarised, one error line, exit 2", async () => {
    const run = await validate([fixture("body-200-status-uppercase.json"), fixture("page.html"), fixture("body-200.json")]);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expect(run.out.at(-1)).toBe("validated 2 responses (profile spec): 1 valid, 1 invalid, 1 violations");
  });
});
