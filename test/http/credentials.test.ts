import { describe, expect, it } from "vitest";
import {
  authHeadersFor,
  configuredSchemes,
  credentialsFromEnv,
  MissingCredentialsError,
} from "../../src/http/credentials.ts";

describe("credentialsFromEnv", () => {
  it("reads the token and the email + key pair, ignoring empty values", () => {
    expect(
      credentialsFromEnv({
        CLOUDFLARE_API_TOKEN: "tok",
        CLOUDFLARE_EMAIL: "a@example.com",
        CLOUDFLARE_API_KEY: "",
        UNRELATED: "x",
      }),
    ).toEqual({ token: "tok", email: "a@example.com" });
  });
});

describe("authHeadersFor", () => {
  const all = { token: "tok", email: "a@example.com", apiKey: "key" };

  it("builds each scheme's headers", () => {
    expect(authHeadersFor("token", all)).toEqual({ authorization: "Bearer tok" });
    expect(authHeadersFor("key", all)).toEqual({ "x-auth-email": "a@example.com", "x-auth-key": "key" });
    expect(authHeadersFor("none", all)).toEqual({});
    expect(authHeadersFor({ headers: { Authorization: "Bearer nope" } }, all)).toEqual({ authorization: "Bearer nope" });
  });

  it("names the variables to set when a scheme is not configured", () => {
    expect(() => authHeadersFor("token", {})).toThrow(MissingCredentialsError);
    expect(() => authHeadersFor("token", {})).toThrow(/CLOUDFLARE_API_TOKEN/);
    expect(() => authHeadersFor("key", { email: "a@example.com" })).toThrow(/set CLOUDFLARE_API_KEY$/);
    expect(() => authHeadersFor("key", {})).toThrow(/CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY/);
  });

  it("lists the configured schemes, token first", () => {
    expect(configuredSchemes(all)).toEqual(["token", "key"]);
    expect(configuredSchemes({ email: "a@example.com" })).toEqual([]);
  });
});
