import fc from "fast-check";

/**
 * Path identifiers for fuzzing a target, labelled by class. Each sample's `value` is the
 * raw path segment to send (already percent-encoded where HTTP needs it: whitespace and
 * control characters); `expect` is what a conforming server must answer.
 *
 * - valid: what the document admits (a string of at most 32 characters) in the path-safe
 *   alphabet. Cloudflare's own format, 32 lower-case hex digits, is looked up: 2xx when the
 *   zone holds it, else a 404 (a random one names no certificate). Shorter hex strings are
 *   admitted by the document but are no Cloudflare identifier: a 4xx (404 or 400) either way.
 * - overlong: more than 32 characters (ID-MAXLENGTH-*): a 4xx.
 * - malformed: empty, blank, slashes, dot segments, Unicode, control characters, upper
 *   case, non-hex, broken percent-encoding, very long (ID-MALFORMED-REFUSED): a 4xx.
 */

export type IdentifierClass = "valid" | "overlong" | "malformed";
/** "2xx-or-404": looked up (2xx if the zone holds it, else 404). "4xx": refused whatever the zone holds. */
export type IdentifierExpectation = "2xx-or-404" | "4xx";

/** One identifier to put in a path, with its class and the answer a conforming server gives. */
export interface IdentifierSample {
  /** The raw path segment to send. */
  value: string;
  class: IdentifierClass;
  /** What the sample is, e.g. "percent-encoded slash"; one label per IdentifierKind. */
  label: string;
  expect: IdentifierExpectation;
}

/** One kind of identifier: a label, its class and expectation, and the values it draws. */
export interface IdentifierKind {
  label: string;
  class: IdentifierClass;
  expect: IdentifierExpectation;
  arbitrary: fc.Arbitrary<string>;
}

/** The length limit of both path identifiers (parameters' maxLength). */
export const IDENTIFIER_MAX_LENGTH = 32;

const LOWER_HEX = "0123456789abcdef";
const UPPER_HEX = "0123456789ABCDEF";
const lowerHex = fc.constantFrom(...LOWER_HEX);

/** `length` to `maxLength` lower-case hex digits; `size: "max"` so lengths spread over the whole range. */
function hexString(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: lowerHex, minLength, maxLength, size: "max" });
}

/** Cloudflare's identifier format: exactly 32 lower-case hex digits. */
export function cloudflareIdArbitrary(): fc.Arbitrary<string> {
  return hexString(IDENTIFIER_MAX_LENGTH, IDENTIFIER_MAX_LENGTH);
}

/** Puts `infix` somewhere inside `hex` (start, middle or end). */
function insertInto(hex: fc.Arbitrary<string>, infix: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(hex, infix, fc.nat()).map(([h, i, at]) => {
    const pos = h.length === 0 ? 0 : at % (h.length + 1);
    return h.slice(0, pos) + i + h.slice(pos);
  });
}

/** Percent-encodes every UTF-8 byte of `text` (upper-case hex, as RFC 3986 recommends). */
export function percentEncodeAll(text: string): string {
  return [...Buffer.from(text, "utf8")].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

const UNICODE_SAMPLES = ["é", "ü", "ß", "Ω", "я", "中", "東京", "🔒", "\u00a0", "\u200b", "\ufeff", "ﬁ", "Å", "\u0130"];
const CONTROL_CHARACTERS = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), "\u007f"];
const PERCENT_WHITESPACE = ["%20", "%09", "%0A", "%0D", "%0B", "%0C"];

const kind = (label: string, cls: IdentifierClass, expect: IdentifierExpectation, arbitrary: fc.Arbitrary<string>): IdentifierKind =>
  ({ label, class: cls, expect, arbitrary });

/** Every kind, in the order identifierSamples cycles through them (malformed first: they are what a live budget is for). */
export const IDENTIFIER_KINDS: readonly IdentifierKind[] = [
  kind("empty", "malformed", "4xx", fc.constant("")),
  kind("percent-encoded whitespace", "malformed", "4xx", fc.array(fc.constantFrom(...PERCENT_WHITESPACE), { minLength: 1, maxLength: 4 }).map((a) => a.join(""))),
  kind("raw slash", "malformed", "4xx", insertInto(hexString(0, 30), fc.constant("/"))),
  kind("percent-encoded slash", "malformed", "4xx", insertInto(hexString(0, 30), fc.constantFrom("%2F", "%2f"))),
  kind("dot segment", "malformed", "4xx", fc.constantFrom("..", ".")),
  kind("percent-encoded dot segment", "malformed", "4xx", fc.constantFrom("%2E%2E", "%2e%2e", ".%2E", "%2E")),
  kind("upper-case hex", "malformed", "4xx", fc.string({ unit: fc.constantFrom(...UPPER_HEX), minLength: 32, maxLength: 32 }).filter((s) => /[A-F]/.test(s))),
  kind("non-hex letters", "malformed", "4xx", insertInto(hexString(31, 31), fc.constantFrom(..."ghijklmnopqrstuvwxyz"))),
  kind("percent-encoded Unicode", "malformed", "4xx", insertInto(hexString(0, 24), fc.constantFrom(...UNICODE_SAMPLES).map(percentEncodeAll))),
  kind("raw Unicode", "malformed", "4xx", insertInto(hexString(0, 24), fc.constantFrom(...UNICODE_SAMPLES))),
  kind("percent-encoded control character", "malformed", "4xx", insertInto(hexString(0, 31), fc.constantFrom(...CONTROL_CHARACTERS).map(percentEncodeAll))),
  // At the end, so that no following hex digit completes a valid escape ("%" + "2f").
  kind("broken percent-encoding", "malformed", "4xx", fc.tuple(hexString(0, 23), fc.constantFrom("%", "%G0", "%zz", "%2", "%C3%28", "%ED%A0%80")).map(([h, b]) => h + b)),
  kind("very long", "malformed", "4xx", fc.tuple(hexString(0, 64), fc.integer({ min: 1024, max: 4096 })).map(([h, n]) => (h + "%2F..%20Ab").repeat(Math.ceil(n / (h.length + 10))).slice(0, n))),
  kind("overlong hex, 33 characters", "overlong", "4xx", hexString(33, 33)),
  kind("overlong hex", "overlong", "4xx", hexString(34, 300)),
  kind("overlong UUID with dashes", "overlong", "4xx", fc.uuid()),
  kind("Cloudflare format (32 lower-case hex)", "valid", "2xx-or-404", cloudflareIdArbitrary()),
  kind("short hex (1 to 31 digits)", "valid", "4xx", hexString(1, 31)),
];

/** The kinds of one class. */
export function identifierKinds(cls: IdentifierClass): IdentifierKind[] {
  return IDENTIFIER_KINDS.filter((k) => k.class === cls);
}

function samplesOf(kinds: readonly IdentifierKind[]): fc.Arbitrary<IdentifierSample> {
  return fc.oneof(...kinds.map((k) => k.arbitrary.map((value): IdentifierSample => ({ value, class: k.class, label: k.label, expect: k.expect }))));
}

/** Identifier samples of every class. */
export function identifierArbitrary(): fc.Arbitrary<IdentifierSample> {
  return samplesOf(IDENTIFIER_KINDS);
}

/** Valid identifiers: Cloudflare's format and the shorter strings the document admits. */
export function validIdentifierArbitrary(): fc.Arbitrary<IdentifierSample> {
  return samplesOf(identifierKinds("valid"));
}

/** Over-long identifiers (33 characters up to a few hundred). */
export function overlongIdentifierArbitrary(): fc.Arbitrary<IdentifierSample> {
  return samplesOf(identifierKinds("overlong"));
}

/** Malformed identifiers of every kind. */
export function malformedIdentifierArbitrary(): fc.Arbitrary<IdentifierSample> {
  return samplesOf(identifierKinds("malformed"));
}

/** A 32-bit mix of the run seed and a kind's position, so kinds draw independent streams. */
const kindSeed = (seed: number, index: number) => (Math.imul(seed ^ 0x9e3779b9, 31) + index * 0x85ebca6b) | 0;

/** Round-robin over the kinds' streams, skipping values already taken, until `count` (or the streams run out). */
function roundRobin(streams: string[][], count: number): IdentifierSample[] {
  const out: IdentifierSample[] = [];
  const seen = new Set<string>();
  const rounds = Math.max(0, ...streams.map((s) => s.length));
  for (let round = 0; round < rounds && out.length < count; round++) {
    IDENTIFIER_KINDS.forEach((k, i) => {
      const value = streams[i][round];
      if (value === undefined || out.length >= count || seen.has(value)) return;
      seen.add(value);
      out.push({ value, class: k.class, label: k.label, expect: k.expect });
    });
  }
  return out;
}

/**
 * A deterministic list of `count` samples for a request budget: round-robin over
 * IDENTIFIER_KINDS (so any prefix covers the kinds evenly, malformed first), no value twice.
 * Same seed and count, same list; a longer count extends a shorter one's list.
 */
export function identifierSamples(seed: number, count: number): IdentifierSample[] {
  // Kinds with a few fixed values ("empty", "dot segment") run dry: draw more until the list is full.
  for (let perKind = Math.ceil(count / IDENTIFIER_KINDS.length) + 1; ; perKind *= 2) {
    const streams = IDENTIFIER_KINDS.map((k, i) => fc.sample(k.arbitrary, { seed: kindSeed(seed, i), numRuns: perKind }));
    const out = roundRobin(streams, count);
    if (out.length >= count || perKind >= count) return out;
  }
}

/** A 32-hex identifier written as a UUID (8-4-4-4-12): 36 characters, what a server normalising UUIDs would strip back. */
export function asUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * One or two fixed values of every identifier kind a server must refuse, made from a real
 * identifier where a near miss of it is the telling case (a server that trims, folds case,
 * strips dashes or decodes twice finds the real certificate): the boundaries, sent on every run
 * whatever the seed, beside the seeded samples of `identifierSamples`.
 */
export function boundaryIdentifiers(real: string): IdentifierSample[] {
  const half = Math.floor(real.length / 2);
  const s = (label: string, cls: IdentifierClass, value: string): IdentifierSample => ({ value, class: cls, label, expect: "4xx" });
  return [
    s("empty", "malformed", ""),
    s("percent-encoded whitespace", "malformed", `%20${real}`),
    s("percent-encoded whitespace", "malformed", `${real}%0A`),
    s("raw slash", "malformed", `${real.slice(0, half)}/${real.slice(half)}`),
    s("percent-encoded slash", "malformed", `${real.slice(0, half)}%2F${real.slice(half)}`),
    s("dot segment", "malformed", ".."),
    s("dot segment", "malformed", "."),
    s("percent-encoded dot segment", "malformed", "%2E%2E"),
    s("upper-case hex", "malformed", real.replace(/[a-f]/, (c) => c.toUpperCase()) === real ? `${real.slice(0, -1)}A` : real.replace(/[a-f]/, (c) => c.toUpperCase())),
    s("non-hex letters", "malformed", `${real.slice(0, -1)}g`),
    s("percent-encoded Unicode", "malformed", `${real.slice(0, -1)}${percentEncodeAll("é")}`),
    s("percent-encoded control character", "malformed", `${real.slice(0, -1)}%1F`),
    s("broken percent-encoding", "malformed", `${real}%`),
    s("broken percent-encoding", "malformed", `${real.slice(0, -3)}%ED%A0%80`),
    s("overlong UUID with dashes", "overlong", asUuid(real)),
    s("very long", "overlong", real.repeat(Math.ceil(1024 / Math.max(1, real.length))).slice(0, 1024)),
    s("short hex (1 to 31 digits)", "valid", real.slice(0, 1)),
  ];
}
