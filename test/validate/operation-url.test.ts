import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isOperationUrl } from "../../src/validate/operation.ts";

/** What isOperationUrl answered when it parsed every URL (its fast path must agree). */
function parsedEveryTime(url: string): boolean {
  let pathname: string;
  try {
    pathname = new URL(url, "http://recorded.invalid").pathname;
  } catch {
    return false;
  }
  return /\/zones\/[^/]+\/client_certificates\/[^/]+$/.test(pathname);
}

// The pieces a recorded URL is made of, and the ones WHATWG's parser changes or refuses.
const PIECES = [
  "http://", "https://", "HTTP://", "ftp://", "//", "api.example", "127.0.0.1", "1.2.3.256", "[::1]", "xn--", "a b", "user@", ":443", ":99999", ":",
  "/", "zones", "client_certificates", "0123abcd", "/zones/z/client_certificates/c", ".", "..", "/./", "/../", "%2e", "%2F", "%", "\\", "?", "#", "?a=/zones",
  " ", "\t", "\n", "é", "'", "|", "^", "{", "`", "~", "!", "$&()*+,;=:@",
];

describe("which recorded URLs are the operation's", () => {
  it("agrees with WHATWG's parser on any URL made of the pieces that parser changes or refuses", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), (pieces) => {
      const url = pieces.join("");
      expect(isOperationUrl(url), JSON.stringify(url)).toBe(parsedEveryTime(url));
    }), { numRuns: 5_000 });
  });

  it("knows the operation under any base path, and nothing else", () => {
    expect(isOperationUrl("https://api.cloudflare.com/client/v4/zones/z1/client_certificates/c1")).toBe(true);
    expect(isOperationUrl("https://api.cloudflare.com/client/v4/zones/z1/client_certificates/c1?x=1#f")).toBe(true);
    expect(isOperationUrl("/client/v4/zones/z1/client_certificates/c1")).toBe(true);
    expect(isOperationUrl("https://api.cloudflare.com/client/v4/zones/z1/client_certificates")).toBe(false);
    expect(isOperationUrl("https://api.cloudflare.com/client/v4/zones/z1/client_certificates/c1/..")).toBe(false);
    expect(isOperationUrl("https://api.cloudflare.com/client/v4/zones/z1/client_certificates/c1/%2e%2e")).toBe(false);
    expect(isOperationUrl("https://a b/zones/z1/client_certificates/c1")).toBe(false);
  });
});
