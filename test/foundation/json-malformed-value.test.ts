import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstMalformedValue } from "../../src/schema/json-malformed-value.ts";

describe("firstMalformedValue", () => {
  it.each([
    ['{"result":{"validity_days":0730}}', "/result/validity_days", "0730", /RFC 8259 §6/],
    ['{"a":[1, NaN]}', "/a/1", "NaN", /RFC 8259 §3/],
    ['{"a":True}', "/a", "True", /RFC 8259 §3/],
    ["{\"a\":'x'}", "/a", "'x'", /RFC 8259 §3/],
    ['{"a":+1,"b":2}', "/a", "+1", /RFC 8259 §6/],
    ['{"a":1.}', "/a", "1.", /RFC 8259 §6/],
    ['{"a":"x\u0001y"}', "/a", '"x\u0001y"', /U\+0001/],
    ['{"a":"\\x41"}', "/a", '"\\x41"', /escape \\x/],
    ['{"a":"\\u12"}', "/a", '"\\u12"', /four hexadecimal/],
    ['{"a/b":{"~":07}}', "/a~1b/~0", "07", /RFC 8259 §6/],
  ])("locates the value of %s", (text, pointer, lexeme, why) => {
    const found = firstMalformedValue(text);
    expect(found?.pointer).toBe(pointer);
    expect(found?.lexeme).toBe(lexeme);
    expect(found?.why).toMatch(why);
  });

  it.each([
    ['{"a":[1,2,]}', "a trailing comma"],
    ['{"a":1 "b":2}', "a missing comma"],
    ['{"a":1', "a text that stops"],
    ['{"a":"xy', "a string that stops"],
    ['{"a":12', "a number the text stops in (it may be cut)"],
    ['{a:1}', "a member name without quotes"],
    ['{"a\u0001":1}', "a bad member name (structure, not a value)"],
    ['{"a":1}}', "text after the value"],
    ['{"a":1,"b":0730', "a malformed number the text stops in (it may be cut)"],
  ])("leaves %s unlocated (%s)", (text) => {
    expect(firstMalformedValue(text)).toBeUndefined();
  });

  it("finds nothing in any JSON text", () => {
    fc.assert(fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
      expect(firstMalformedValue(JSON.stringify(value, null, pretty ? 2 : undefined))).toBeUndefined();
    }), { numRuns: 300 });
  });

  it("names the first malformed value, not a later one", () => {
    expect(firstMalformedValue('{"a":[01,02]}')?.pointer).toBe("/a/0");
  });
});

describe("firstMalformedValue on deep texts", () => {
  it("stays linear 100,000 deep, and names the deep value", () => {
    const depth = 100_000;
    const text = `${"[".repeat(depth)}01${"]".repeat(depth)}`;
    expect(firstMalformedValue(text)?.pointer).toBe("/0".repeat(depth));
  });
});
