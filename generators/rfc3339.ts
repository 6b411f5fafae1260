import fc from "fast-check";

/**
 * RFC 3339 date-times in the shapes servers send: `Z` or a numeric offset, with or
 * without fractional seconds (up to nanoseconds). `equivalentDateTimeArbitrary` keeps
 * the instant (to the second) and changes only the shape, for X.509 agreement laws.
 */

/** How a date-time is written: fraction digits after the seconds, and the offset. */
export interface DateTimeStyle {
  /** 0 (no fraction) to 9 digits; the digits are `fraction` padded or cut to this length. */
  fractionDigits: number;
  /** Digits of the fraction (`"123"`); zeros when absent. */
  fraction?: string;
  /** "Z", or minutes east of UTC (-1439..1439), written ±HH:MM. */
  offset: "Z" | number;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/**
 * Writes the whole second containing `instantMs` in `style`. The wall-clock fields are
 * shifted by the offset, so every style of one second denotes that same second.
 */
export function formatDateTime(instantMs: number, style: DateTimeStyle): string {
  const second = Math.floor(instantMs / 1000) * 1000;
  const offsetMinutes = style.offset === "Z" ? 0 : style.offset;
  const wall = new Date(second + offsetMinutes * 60_000);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  const fraction = style.fractionDigits > 0 ? `.${(style.fraction ?? "").padEnd(style.fractionDigits, "0").slice(0, style.fractionDigits)}` : "";
  const zone = style.offset === "Z" ? "Z" : `${style.offset < 0 ? "-" : "+"}${pad(Math.trunc(style.offset / 60))}:${pad(style.offset % 60)}`;
  return `${date}T${time}${fraction}${zone}`;
}

/** Offsets in use somewhere (whole, half and quarter hours) and the extremes RFC 3339 allows. */
const OFFSETS = [0, 60, 120, 330, 345, 540, 600, 780, 840, -180, -210, -300, -480, -600, -1439, 1439];

/** A writing style: mostly `Z` without fraction (Cloudflare's), often milliseconds, sometimes offsets or nanoseconds. */
export function dateTimeStyleArbitrary(): fc.Arbitrary<DateTimeStyle> {
  const digits = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 9, maxLength: 9 });
  return fc.record({
    fractionDigits: fc.oneof(fc.constant(0), fc.constant(3), fc.integer({ min: 1, max: 9 })),
    fraction: digits,
    offset: fc.oneof({ arbitrary: fc.constant<"Z">("Z"), weight: 3 }, { arbitrary: fc.constantFrom(...OFFSETS), weight: 2 }),
  }, { noNullPrototype: true });
}

/** The instant of `iso`, any RFC 3339 shape, in milliseconds. @throws RangeError if it does not parse. */
export function instantOf(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${iso}`);
  return ms;
}

/** The instant of `iso` to the whole second (X.509 times have whole seconds), in milliseconds. */
export function wholeSecondOf(iso: string): number {
  return Math.floor(instantOf(iso) / 1000) * 1000;
}

/** The same second as `iso`, written in another style (fractions only add to it, never round it away). */
export function equivalentDateTimeArbitrary(iso: string): fc.Arbitrary<string> {
  const instant = instantOf(iso);
  return dateTimeStyleArbitrary().map((style) => formatDateTime(instant, style));
}

/**
 * The same millisecond as `iso`, written in another style: another offset, more fraction digits
 * (zeros past the milliseconds). Two such texts are one instant however they are compared.
 */
export function sameInstantDateTimeArbitrary(iso: string): fc.Arbitrary<string> {
  const instant = instantOf(iso);
  const millis = String(((instant % 1000) + 1000) % 1000).padStart(3, "0");
  const fewest = millis === "000" ? 0 : millis.replace(/0+$/, "").length;
  return fc
    .record({
      fractionDigits: fc.integer({ min: fewest, max: 9 }),
      offset: fc.oneof({ arbitrary: fc.constant<"Z">("Z"), weight: 2 }, { arbitrary: fc.constantFrom(...OFFSETS), weight: 1 }),
    }, { noNullPrototype: true })
    .map(({ fractionDigits, offset }) => formatDateTime(instant, { fractionDigits, fraction: `${millis}000000`, offset }));
}

const EARLIEST = Date.UTC(1950, 0, 2);
const LATEST = Date.UTC(9998, 11, 30);

/** Any RFC 3339 date-time from 1950 to 9998 (offsets keep the wall-clock year within 0000-9999). */
export function dateTimeArbitrary(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: EARLIEST, max: LATEST }), dateTimeStyleArbitrary())
    .map(([instant, style]) => formatDateTime(instant, style));
}
