/**
 * @peculiar/x509, ready to use on Node. The library needs a Reflect polyfill loaded
 * before it (tsyringe) and a WebCrypto provider; importing it from here guarantees both,
 * so no other file imports "@peculiar/x509" directly.
 */
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

// Node's WebCrypto type is structurally the DOM one, but TypeScript sees two declarations.
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** The WebCrypto instance @peculiar/x509 signs and hashes with. */
export const webCrypto: Crypto = webcrypto as unknown as Crypto;

export { x509 };
