import { describe, expect, it } from "vitest";
import { CREDENTIAL_REQUEST_HEADERS, REDACTED, redactRequestHeaders, redactResponseHeaders } from "../../src/http/redact.ts";

const credentials = { token: "Tok_en-123", email: "Canary+x@example.com", apiKey: "k3y" };

describe("redactRequestHeaders: which headers carry credentials", () => {
  it("lists exactly the six credential-bearing request headers", () => {
    expect([...CREDENTIAL_REQUEST_HEADERS].sort()).toEqual([
      "authorization", "cookie", "proxy-authorization", "x-auth-email", "x-auth-key", "x-auth-user-service-key",
    ]);
  });

  it("redacts a made-up value in every credential header, whatever the case of its name", () => {
    const made = {
      Authorization: "Bearer made-up",
      "X-Auth-Key": "made-up-key",
      "X-Auth-Email": "someone@example.invalid",
      "X-Auth-User-Service-Key": "v1.0-made-up",
      Cookie: "session=1",
      "Proxy-Authorization": "Basic dXNlcjpwYXNz",
      Accept: "application/json",
    };
    expect(redactRequestHeaders(made, credentials)).toStrictEqual({
      authorization: REDACTED,
      "x-auth-key": REDACTED,
      "x-auth-email": REDACTED,
      "x-auth-user-service-key": REDACTED,
      cookie: REDACTED,
      "proxy-authorization": REDACTED,
      accept: "application/json",
    });
  });

  it("keeps x-auth-email, x-auth-user-service-key and proxy-authorization values declared public", () => {
    const made = { "x-auth-email": "someone@example.invalid", "x-auth-user-service-key": "v1.0-made-up", "proxy-authorization": "Basic abc" };
    expect(redactRequestHeaders(made, credentials, { publicValues: true })).toStrictEqual(made);
  });
});

describe("redactRequestHeaders: a value made only of placeholders", () => {
  it("redacts a credential header with no placeholder even when it is empty or only `Bearer `", () => {
    expect(redactRequestHeaders({ authorization: "Bearer ", cookie: "", "x-auth-key": "" }, credentials)).toStrictEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      "x-auth-key": REDACTED,
    });
  });

  it("keeps a value that is several placeholders in a row (every placeholder is removed when testing, not just the first)", () => {
    expect(redactRequestHeaders({ cookie: "Tok_en-123Tok_en-123", "x-auth-key": "k3yk3y" }, credentials)).toStrictEqual({
      cookie: "$CLOUDFLARE_API_TOKEN$CLOUDFLARE_API_TOKEN",
      "x-auth-key": "$CLOUDFLARE_API_KEY$CLOUDFLARE_API_KEY",
    });
  });

  it("redacts a value with anything besides placeholders and a leading `Bearer `", () => {
    expect(redactRequestHeaders({ authorization: "Bearer Tok_en-123 extra", "x-auth-key": "Bearer k3y" }, credentials)).toStrictEqual({
      authorization: REDACTED,
      "x-auth-key": "Bearer $CLOUDFLARE_API_KEY",
    });
  });
});

describe("redactResponseHeaders: repeated names", () => {
  it("joins the values of names that differ only in case with \", \"", () => {
    expect(redactResponseHeaders({ Via: "1.1 a", via: "1.1 b", VIA: "k3y" }, credentials)).toStrictEqual({ via: "1.1 a, 1.1 b, $CLOUDFLARE_API_KEY" });
  });

  it("joins repeated set-cookie headers as redacted values", () => {
    expect(redactResponseHeaders({ "Set-Cookie": "a=1", "set-cookie": "b=2" }, credentials)).toStrictEqual({ "set-cookie": `${REDACTED}, ${REDACTED}` });
  });

  it("joins the values of names that become the same once an echoed secret in them is replaced", () => {
    expect(redactResponseHeaders({ "x-k3y": "1", "x-K3Y": "2" }, credentials)).toStrictEqual({ "x-$CLOUDFLARE_API_KEY": "1, 2" });
  });
});
