import type { Faker } from "@faker-js/faker";
import fc from "fast-check";
import type { SubjectFields } from "../src/x509/index.ts";
import { localizedFakerArbitrary } from "./seeded-faker.ts";

/**
 * Certificate subjects (CN, O, OU, C, ST, L) as a client would put in its CSR: names,
 * companies, departments, country codes, states and cities from faker, in several
 * locales (so PrintableString and UTF8String both occur), with optional attributes
 * left out, and now and then a value with the characters DN encoders get wrong.
 */

/** Values RFC 4514 escapes or string DN builders mangle (comma, plus, quotes, backslash, leading #, =, <, >, ;). */
export const TRICKY_SUBJECT_VALUES: readonly string[] = [
  "Smith, Jones & Partners",
  "R+D",
  "\"Quoted\" Holdings",
  "back\\slash",
  "#hash-first",
  "a=b",
  "<angle> brackets",
  "semi;colon",
  "Zürich Straße",
  "東京都",
];

function commonName(f: Faker): string {
  switch (f.number.int({ min: 0, max: 3 })) {
    case 0: return f.internet.domainName();
    case 1: return f.person.fullName();
    case 2: return `${f.internet.username()}@${f.internet.domainName()}`;
    default: return `${f.word.noun()}-${f.number.int({ min: 1, max: 999 })}.${f.internet.domainName()}`;
  }
}

/** A subject drawn by a seeded faker: every optional attribute present four times in five. */
function fakerSubject(f: Faker): SubjectFields {
  const maybe = (make: () => string): string | undefined => (f.number.int({ min: 0, max: 4 }) === 0 ? undefined : make());
  const subject: SubjectFields = { commonName: commonName(f) };
  const organization = maybe(() => f.company.name());
  const organizationalUnit = maybe(() => f.commerce.department());
  const country = maybe(() => f.location.countryCode("alpha-2"));
  const state = maybe(() => (f.datatype.boolean() ? f.location.state({ abbreviated: true }) : f.location.state()));
  const locality = maybe(() => f.location.city());
  if (organization !== undefined) subject.organization = organization;
  if (organizationalUnit !== undefined) subject.organizationalUnit = organizationalUnit;
  if (country !== undefined) subject.country = country;
  if (state !== undefined) subject.state = state;
  if (locality !== undefined) subject.locality = locality;
  return subject;
}

/** Keys of SubjectFields that may hold a tricky value (country stays a 2-letter code). */
const TRICKY_KEYS = ["commonName", "organization", "organizationalUnit", "state", "locality"] as const;

/** A certificate subject: faker values, sometimes with one attribute replaced by a tricky one. */
export function subjectArbitrary(): fc.Arbitrary<SubjectFields> {
  const plain = localizedFakerArbitrary((f) => fakerSubject(f));
  const tricky = fc
    .tuple(plain, fc.constantFrom(...TRICKY_KEYS), fc.constantFrom(...TRICKY_SUBJECT_VALUES))
    .map(([subject, key, value]) => ({ ...subject, [key]: value }));
  return fc.oneof({ arbitrary: plain, weight: 4 }, { arbitrary: tricky, weight: 1 });
}
