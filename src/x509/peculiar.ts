/**
 * @peculiar/x509, ready to use on Node. The library needs a Reflect polyfill loaded
 * before it (tsyringe) and a WebCrypto provider; importing it from here guarantees both,
 * so no other file loads "@peculiar/x509" (others import its types only).
 */
import { webcrypto } from "node:crypto";
import { createRequire } from "node:module";
import type * as X509 from "@peculiar/x509";

// Required, not imported: both are CommonJS, and an import from ESM has Node scan the whole of
// x509's one large file for its export names first (measured: a twentieth of a second at each start).
const require = createRequire(import.meta.url);
require("reflect-metadata");
const x509 = require("@peculiar/x509") as typeof X509;

// Node's WebCrypto type is structurally the DOM one, but TypeScript sees two declarations.
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** The WebCrypto instance @peculiar/x509 signs and hashes with. */
export const webCrypto: Crypto = webcrypto as unknown as Crypto;

export { x509 };
