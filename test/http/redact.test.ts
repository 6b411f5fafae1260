import { describe, expect, it } from "vitest";
import { redactRequestHeaders, redactResponseHeaders, redactText } from "../../src/http/redact.ts";

const credentials = { token: "Tok_en-123", email: "Canary+x@example.com", apiKey: "k3y" };

describe("redactText", () => {
  it("replaces every configured secret, encoded forms and any case included", () => {
    const text = `Tok_en-123 tok_EN-123 ${encodeURIComponent("Canary+x@example.com")} canary+X@example.com k3y`;
    expect(redactText(text, credentials)).toBe(
      "$CLOUDFLARE_API_TOKEN $CLOUDFLARE_API_TOKEN $CLOUDFLARE_EMAIL $CLOUDFLARE_EMAIL $CLOUDFLARE_API_KEY",
    );
  });

  it("leaves text alone when nothing is configured", () => {
    expect(redactText("Tok_en-123", {})).toBe("Tok_en-123");
  });
});

describe("redactRequestHeaders", () => {
  it("shows configured credentials as placeholders", () => {
    expect(
      redactRequestHeaders(
        { Authorization: "Bearer Tok_en-123", "x-auth-email": "Canary+x@example.com", "x-auth-key": "k3y" },
        credentials,
      ),
    ).toEqual({
      authorization: "Bearer $CLOUDFLARE_API_TOKEN",
      "x-auth-email": "$CLOUDFLARE_EMAIL",
      "x-auth-key": "$CLOUDFLARE_API_KEY",
    });
  });

  it("redacts other credential values unless declared public", () => {
    const made = { authorization: "Bearer not-a-token", cookie: "a=b", "x-auth-key": "bearer Tok_en-123", accept: "x" };
    expect(redactRequestHeaders(made, credentials)).toEqual({
      authorization: "<redacted>",
      cookie: "<redacted>",
      "x-auth-key": "<redacted>",
      accept: "x",
    });
    expect(redactRequestHeaders(made, credentials, { publicValues: true })).toEqual({
      authorization: "Bearer not-a-token",
      cookie: "a=b",
      "x-auth-key": "bearer $CLOUDFLARE_API_TOKEN",
      accept: "x",
    });
  });
});

describe("redactResponseHeaders", () => {
  it("drops set-cookie and replaces echoed secrets", () => {
    expect(redactResponseHeaders({ "Set-Cookie": "s=1", "x-echo": "k3y" }, credentials)).toEqual({
      "set-cookie": "<redacted>",
      "x-echo": "$CLOUDFLARE_API_KEY",
    });
  });
});
