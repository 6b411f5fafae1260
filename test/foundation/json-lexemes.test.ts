import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonLexicalFacts } from "../../src/schema/json-lexemes.ts";

describe("jsonLexicalFacts", () => {
  it("finds numbers written with a fraction or exponent, and past a double's integers", () => {
    const facts = jsonLexicalFacts('{"a":3650.0,"b":[1e3,7],"c":9007199254740993}');
    expect([...facts.fractionOrExponent]).toEqual([["/a", "3650.0"], ["/b/0", "1e3"]]);
    expect([...facts.beyondDoublePrecision]).toEqual([["/c", "9007199254740993"]]);
  });

  it("tells a member named twice with one value from one given two", () => {
    const facts = jsonLexicalFacts('{"r":{"id":"x","id":"x","status":"active","n":{"k":[1]},"status":"pending","n":{"k":[1]}}}');
    expect(facts.duplicateNames).toEqual(["/r/id", "/r/status", "/r/n"]);
    expect([...facts.conflictingNames]).toEqual([["/r/status", '"active"']]);
  });

  it("compares values, not spellings", () => {
    expect([...jsonLexicalFacts('{"a":"x","a":"\\u0078","b":1,"b":1.0}').conflictingNames]).toEqual([]);
    expect([...jsonLexicalFacts('{"a":{"k":1},"a":{"k":2}}').conflictingNames]).toEqual([["/a", '{"k":1}']]);
  });

  it("finds nothing in what JSON.stringify writes", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const facts = jsonLexicalFacts(JSON.stringify(value));
      expect([facts.duplicateNames, [...facts.conflictingNames], facts.unpairedSurrogates]).toEqual([[], [], []]);
    }), { numRuns: 300 });
  });
});
