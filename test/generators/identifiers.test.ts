import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  IDENTIFIER_KINDS, identifierArbitrary, identifierSamples, malformedIdentifierArbitrary, overlongIdentifierArbitrary, validIdentifierArbitrary,
  type IdentifierSample,
} from "../../generators/identifiers.ts";
import { ensure, same } from "./support/check.ts";
import { holds, SEED } from "./support/seed.ts";

const decoded = (v: string) => {
  try {
    return decodeURIComponent(v);
  } catch {
    return undefined;
  }
};
const codePoints = (s: string) => [...s].length;
const NON_ASCII = /[^\x00-\x7f]/;
const VISIBLE_ASCII = /^[\x21-\x7e]*$/;

/** What each label promises, stated independently of the generator. */
const LABEL_HOLDS: Record<string, (v: string) => boolean> = {
  "empty": (v) => v === "",
  "percent-encoded whitespace": (v) => /^(%(20|09|0A|0D|0B|0C))+$/i.test(v) && decoded(v)!.trim() === "",
  "raw slash": (v) => v.includes("/"),
  "percent-encoded slash": (v) => /%2F/i.test(v) && !v.includes("/") && decoded(v)!.includes("/"),
  "dot segment": (v) => v === "." || v === "..",
  "percent-encoded dot segment": (v) => /%2E/i.test(v) && [".", ".."].includes(decoded(v)!),
  "upper-case hex": (v) => /^[0-9A-F]{32}$/.test(v) && /[A-F]/.test(v),
  "non-hex letters": (v) => /^[0-9a-z]{32}$/.test(v) && /[g-z]/.test(v),
  "percent-encoded Unicode": (v) => VISIBLE_ASCII.test(v) && NON_ASCII.test(decoded(v)!),
  "raw Unicode": (v) => NON_ASCII.test(v),
  "percent-encoded control character": (v) => VISIBLE_ASCII.test(v) && /[\x00-\x1f\x7f]/.test(decoded(v)!),
  "broken percent-encoding": (v) => v.includes("%") && decoded(v) === undefined,
  "very long": (v) => v.length > 256,
  "overlong hex, 33 characters": (v) => /^[0-9a-f]{33}$/.test(v),
  "overlong hex": (v) => /^[0-9a-f]{34,300}$/.test(v),
  "overlong UUID with dashes": (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v),
  "Cloudflare format (32 lower-case hex)": (v) => /^[0-9a-f]{32}$/.test(v),
  "short hex (1 to 31 digits)": (v) => /^[0-9a-f]{1,31}$/.test(v),
};

/** The class laws: valid ones admitted (at most 32, path-safe hex), over-long ones past 32, malformed ones what their label says. */
function classHolds(s: IdentifierSample): void {
  const label = LABEL_HOLDS[s.label];
  ensure(label !== undefined, () => `no law for the label ${s.label}`);
  ensure(label(s.value), () => `${JSON.stringify(s.value)} is not ${s.label}`);
  ensure(!/[\x00-\x20\x7f]/.test(s.value), () => `${JSON.stringify(s.value)} has raw whitespace or a control character (not sendable in a request line)`);
  const length = codePoints(decoded(s.value) ?? s.value);
  switch (s.class) {
    case "valid":
      ensure(length <= 32 && /^[0-9a-f]+$/.test(s.value), () => `valid ${JSON.stringify(s.value)} is not 1 to 32 lower-case hex digits`);
      ensure(s.expect === (length === 32 ? "2xx-or-404" : "4xx"), () => `valid ${s.value} expects ${s.expect}`);
      break;
    case "overlong":
      ensure(length > 32 && s.expect === "4xx", () => `overlong ${s.value} has ${length} characters, expects ${s.expect}`);
      break;
    case "malformed":
      ensure(s.expect === "4xx", () => `malformed ${s.value} expects ${s.expect}`);
      if (s.label !== "very long") ensure(length <= 32, () => `malformed ${JSON.stringify(s.value)} is also over-long (${length})`);
      break;
  }
}

describe(`identifier classes hold (seed ${SEED})`, () => {
  it("every label has its law", () => {
    expect(IDENTIFIER_KINDS.map((k) => k.label).filter((l) => !LABEL_HOLDS[l])).toEqual([]);
  });
  it("valid identifiers: at most 32 lower-case hex digits; 32 is Cloudflare's format", () => holds(fc.property(validIdentifierArbitrary(), classHolds)));
  it("over-long identifiers: more than 32 characters", () => holds(fc.property(overlongIdentifierArbitrary(), classHolds)));
  it("malformed identifiers: hold what their label says, within 32 characters unless very long", () => holds(fc.property(malformedIdentifierArbitrary(), classHolds)));
  it("the over-long boundary, 33 characters, is drawn", () => {
    expect(fc.sample(overlongIdentifierArbitrary(), { seed: SEED, numRuns: 200 }).some((s) => s.value.length === 33)).toBe(true);
  });
  it("every kind is drawn by identifierArbitrary", () => {
    const labels = new Set(fc.sample(identifierArbitrary(), { seed: SEED, numRuns: 1000 }).map((s) => s.label));
    expect(IDENTIFIER_KINDS.map((k) => k.label).filter((l) => !labels.has(l))).toEqual([]);
  });
});

describe(`identifierSamples, the list a suite sends (seed ${SEED})`, () => {
  it("is the same list for the same seed (a longer count extends it), has `count` distinct samples, covers the kinds round-robin", () => {
    holds(fc.property(fc.integer(), fc.integer({ min: 0, max: 18 }), fc.integer({ min: 0, max: 18 }), (seed, count, more) => {
      const list = identifierSamples(seed, count);
      same(list.length, count, "length");
      same(new Set(list.map((s) => s.value)).size, count, "distinct values");
      const firstRound = list.slice(0, Math.min(count, IDENTIFIER_KINDS.length)).map((s) => s.label);
      same(firstRound, IDENTIFIER_KINDS.slice(0, firstRound.length).map((k) => k.label), "first round");
      list.forEach(classHolds);
      // Also the determinism law: a second call (for a count at least as long) starts with the same list.
      same(identifierSamples(seed, count + more).slice(0, count), list, "the same seed's list for a count of " + (count + more));
    }));
  });

  it("gives a suite's budget of 200 with malformed kinds first", () => {
    const list = identifierSamples(SEED, 200);
    expect(list).toHaveLength(200);
    expect(list.slice(0, 13).every((s) => s.class === "malformed")).toBe(true);
    expect(new Set(list.filter((s) => s.class !== "valid").slice(0, 40).map((s) => s.label)).size).toBe(16);
  });
});
