/** Thrown when text that should be a PEM certificate or CSR cannot be decoded or parsed. */
export class X509ParseError extends Error {
  override readonly name = "X509ParseError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
