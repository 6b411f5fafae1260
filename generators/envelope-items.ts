import fc from "fast-check";
import { fakerPoolArbitrary } from "./seeded-faker.ts";

/**
 * Items of `errors` and `messages`: `{code >= 1000, message}`, with the extra members
 * Cloudflare adds (`documentation_url`, `source`, a nested `error_chain`), in arrays
 * without duplicates (what the strict profile asks).
 */

/** One item of `errors` or `messages`. */
export interface EnvelopeItem {
  code: number;
  message: string;
  documentation_url?: string;
  source?: { pointer: string };
  error_chain?: EnvelopeItem[];
}

/** Codes Cloudflare publishes for this API and its neighbours (all >= 1000). */
export const KNOWN_CODES: readonly number[] = [1000, 1001, 1002, 1003, 1404, 6003, 6100, 6102, 6103, 6111, 7000, 7001, 7003, 9103, 9106, 9109, 10000, 10001, 81044];

/** Messages in Cloudflare's style. */
export const KNOWN_MESSAGES: readonly string[] = [
  "No route for the URI",
  "Could not route to /zones/023e105f4ecef8ad9ca31a8372d0c353/client_certificates/x, perhaps your object identifier is invalid?",
  "Invalid request headers",
  "Missing X-Auth-Key, X-Auth-Email or Authorization headers",
  "Unknown X-Auth-Key or X-Auth-Email",
  "Invalid access token",
  "Authentication error",
  "Client certificate not found",
  "This API is deprecated; see documentation_url",
  "Rate limited. Please wait and consider throttling your request speed",
];

/** A code: mostly published ones, else any integer from 1000 up (JSON Schema's minimum is inclusive). */
export function itemCodeArbitrary(): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...KNOWN_CODES), weight: 3 },
    { arbitrary: fc.integer({ min: 1000, max: 99_999 }), weight: 2 },
    { arbitrary: fc.integer({ min: 1000, max: 2 ** 31 - 1 }), weight: 1 },
  );
}

/** A message: Cloudflare's, a faker phrase, or any string at all (empty and Unicode included). */
export function itemMessageArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...KNOWN_MESSAGES), weight: 3 },
    { arbitrary: fakerPoolArbitrary("phrase", (f) => f.hacker.phrase()), weight: 1 },
    { arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }), weight: 1 },
  );
}

const documentationUrl = fc.oneof(fc.constant("https://developers.cloudflare.com/ssl/client-certificates/"), fakerPoolArbitrary("url", (f) => f.internet.url()));
const PLAIN = { noNullPrototype: true } as const;
const source = fc.record({ pointer: fc.constantFrom("", "/result", "/zone_identifier", "/client_certificate_identifier", "/headers/x-auth-key") }, PLAIN);

const plainItem = fc.record({ code: itemCodeArbitrary(), message: itemMessageArbitrary() }, PLAIN);

/** An item: code and message, sometimes `documentation_url`, `source` or an `error_chain` of plain items. */
export function envelopeItemArbitrary(): fc.Arbitrary<EnvelopeItem> {
  return fc.record(
    {
      code: itemCodeArbitrary(),
      message: itemMessageArbitrary(),
      documentation_url: documentationUrl,
      source,
      error_chain: fc.array(plainItem, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ["code", "message"], noNullPrototype: true },
  );
}

/** The identity uniqueness is judged by here: code and message (stricter than JSON equality of whole items). */
export const itemKey = (item: EnvelopeItem) => `${item.code}\u0000${item.message}`;

/** An array of items with no two alike. */
export function uniqueItemsArbitrary(constraints: { minLength?: number; maxLength: number }): fc.Arbitrary<EnvelopeItem[]> {
  return fc.uniqueArray(envelopeItemArbitrary(), { ...constraints, selector: itemKey });
}
