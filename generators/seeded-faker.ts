import type { Faker, LocaleDefinition } from "@faker-js/faker";
// Per-locale entry points: the package root loads all seventy locales (~300 ms per worker).
import { faker as fakerDe } from "@faker-js/faker/locale/de";
import { faker as fakerEn } from "@faker-js/faker/locale/en";
import { faker as fakerFr } from "@faker-js/faker/locale/fr";
import { faker as fakerJa } from "@faker-js/faker/locale/ja";
import fc from "fast-check";

/**
 * Faker seeded from fast-check: fast-check draws a seed, faker turns it into a value.
 * The value is a pure function of the seed, so a fast-check seed replays it exactly,
 * and shrinking moves the seed towards 0 (another readable faker value, never noise).
 */

/** The locales subjects and messages are drawn from: English, accented Latin, Japanese. */
export const FAKER_LOCALES = ["en", "de", "fr", "ja"] as const;
/** One of FAKER_LOCALES. */
export type FakerLocale = (typeof FAKER_LOCALES)[number];

/** The package's prebuilt instances (each locale with English and base fallbacks): templates only, never seeded here. */
const TEMPLATES: Record<FakerLocale, Faker> = { en: fakerEn, de: fakerDe, fr: fakerFr, ja: fakerJa };

// Own instances: seeding a shared one would disturb anyone else drawing from it.
const instances = new Map<FakerLocale, Faker>();

/** This module's Faker for `locale` (one per locale, made on first use from the template's locale data). */
export function fakerFor(locale: FakerLocale): Faker {
  let f = instances.get(locale);
  if (!f) {
    const template = TEMPLATES[locale];
    const FakerClass = template.constructor as new (options: { locale: LocaleDefinition }) => Faker;
    f = new FakerClass({ locale: template.rawDefinitions });
    instances.set(locale, f);
  }
  return f;
}

/** The largest seed drawn; any 31-bit integer seeds faker's Mersenne Twister. */
const MAX_SEED = 2 ** 31 - 1;

/**
 * An arbitrary of faker output: `make` runs on a faker seeded with a seed fast-check draws
 * (unbiased, so seeds spread evenly). Same fast-check seed, same values.
 */
export function fakerArbitrary<T>(make: (faker: Faker) => T, locale: FakerLocale = "en"): fc.Arbitrary<T> {
  return fc.noBias(fc.integer({ min: 0, max: MAX_SEED })).map((seed) => {
    const f = fakerFor(locale);
    f.seed(seed);
    return make(f);
  });
}

/** Like fakerArbitrary, with the locale drawn too: mostly English, sometimes German, French or Japanese. */
export function localizedFakerArbitrary<T>(make: (faker: Faker, locale: FakerLocale) => T): fc.Arbitrary<T> {
  const locale = fc.oneof({ arbitrary: fc.constant<FakerLocale>("en"), weight: 5 }, { arbitrary: fc.constantFrom<FakerLocale>("de", "fr", "ja"), weight: 3 });
  return fc.tuple(locale, fc.noBias(fc.integer({ min: 0, max: MAX_SEED }))).map(([l, seed]) => {
    const f = fakerFor(l);
    f.seed(seed);
    return make(f, l);
  });
}

/** Values per pool: enough variety for envelopes, made in well under a millisecond each. */
const POOL_SIZE = 256;
const pools = new Map<string, readonly unknown[]>();

/** A stable 31-bit seed for a pool's name. */
function nameSeed(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h >>> 1) & MAX_SEED;
}

/**
 * A cheaper faker arbitrary for hot properties: `make` fills a pool of 256 values once per
 * process (faker seeded from `name`), and fast-check picks from it by index. Same names,
 * same pool; shrinks to the pool's first value. Seeding faker per value (fakerArbitrary)
 * costs ~30 µs, too much for many thousands of runs.
 */
export function fakerPoolArbitrary<T>(name: string, make: (faker: Faker) => T, locale: FakerLocale = "en"): fc.Arbitrary<T> {
  const key = `${locale}:${name}`;
  const pool = (): readonly T[] => {
    let values = pools.get(key);
    if (!values) {
      const f = fakerFor(locale);
      f.seed(nameSeed(key));
      values = Array.from({ length: POOL_SIZE }, () => make(f));
      pools.set(key, values);
    }
    return values as readonly T[];
  };
  return fc.nat({ max: POOL_SIZE - 1 }).map((i) => pool()[i]);
}
