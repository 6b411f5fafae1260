import { describe, expect, it } from "vitest";
import { redactCredentialHeaderText, shorten, visible } from "../../reports/text.ts";

describe("visible", () => {
  it("writes control characters and lone surrogates as \\u escapes", () => {
    expect(visible("a\u0000b\u001bc\u007fd\ud800e")).toBe("a\\u0000b\\u001bc\\u007fd\\ud800e");
  });
  it("keeps tab, newline, pairs and other unicode", () => {
    expect(visible("a\tb\nc 🔐 証明書")).toBe("a\tb\nc 🔐 証明書");
  });
  it("turns CRLF into LF", () => {
    expect(visible("a\r\nb\rc")).toBe("a\nb\nc");
  });
});

describe("shorten", () => {
  it("keeps short text as it is", () => {
    expect(shorten("abc", 3)).toBe("abc");
  });
  it("never cuts a surrogate pair in half", () => {
    const cut = shorten("ab🔐cd", 3);
    expect(cut.startsWith("ab\n")).toBe(true);
    expect(cut).toContain("4 more characters");
  });
});

describe("redactCredentialHeaderText", () => {
  it("hides a bearer token and an API key", () => {
    expect(redactCredentialHeaderText(`curl -H "Authorization: Bearer abc123" -H 'X-Auth-Key: k1' -H 'X-Auth-Email: a@b.c'`))
      .toBe(`curl -H "Authorization: Bearer [redacted]" -H 'X-Auth-Key: [redacted]' -H 'X-Auth-Email: [redacted]'`);
  });
  it("keeps environment placeholders", () => {
    const curl = `curl -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" -H "X-Auth-Key: \${CLOUDFLARE_API_KEY}"`;
    expect(redactCredentialHeaderText(curl)).toBe(curl);
  });
  it("leaves prose about bearer tokens alone", () => {
    expect(redactCredentialHeaderText("the Bearer token was refused")).toBe("the Bearer token was refused");
  });
});
