import { describe, expect, it } from "vitest";
import { detectFormat } from "../../src/validate/detect.ts";
import { stdinOf } from "./helpers.ts";

async function detect(text: string | Buffer, chunk = 64 * 1024) {
  const { detected, peeked } = await detectFormat(stdinOf(text, chunk));
  const all: Buffer[] = [];
  for await (const c of peeked.chunks) all.push(c);
  return { format: detected.format, replayed: Buffer.concat(all).toString("utf8") };
}

const exchange = JSON.stringify({ status: 200, headers: {}, body: "{}" });
const statusOnly = JSON.stringify({ status: 200 });

describe("detectFormat: by content, on as few bytes as it takes", () => {
  it.each([
    ["nothing", "", "empty"],
    ["white space", " \r\n\t ", "empty"],
    ["a NUL in the first KB", "{\u0000}", "binary"],
    ["a pretty-printed body", '{\n  "success": true\n}\n', "document"],
    ["a one-line body", '{"success": true, "status": "x"}', "document"],
    ["HTML", "<html></html>", "document"],
    ["an array", "[1, 2]", "document"],
    ["an exchange line, alone", exchange, "ndjson"],
    ["an exchange line, then more", `${exchange}\n${exchange}\n`, "ndjson"],
    ["a cassette line", JSON.stringify({ seq: 1, request: {}, response: { status: 404 } }), "ndjson"],
    ["{status} then more lines", `${statusOnly}\n${statusOnly}\n`, "ndjson"],
    ["{status} alone (a body that happens to have a status member)", `${statusOnly}\n\n`, "document"],
    ["a first line that is not JSON", `{"status": 200,\n"body": 1}`, "document"],
    ["blank lines first", `\n\n${exchange}\n`, "ndjson"],
    ["a BOM first", `\uFEFF${exchange}\n${exchange}`, "ndjson"],
  ])("%s → %s", async (_what, text, format) => {
    for (const chunk of [1, 5, 64 * 1024]) {
      const got = await detect(text, chunk);
      expect(got.format).toBe(format);
      expect(got.replayed).toBe(text); // every byte read to decide is replayed to the reader
    }
  });

  it("a NUL after the first KB is not binary", async () => {
    expect((await detect(`{"a": "${"x".repeat(2000)}\u0000"}`)).format).toBe("document");
  });

  it("decides an NDJSON stream without reading past its first lines", async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield Buffer.from(`${exchange}\n`.repeat(100));
      }
    }
    const { detected, peeked } = await detectFormat(endless());
    expect(detected.format).toBe("ndjson");
    expect(pulled).toBeLessThan(3);
    await peeked.close();
  });
});
