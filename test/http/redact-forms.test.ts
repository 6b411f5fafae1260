import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConformanceClient } from "../../src/http/client.ts";
import { redactText } from "../../src/http/redact.ts";
import { findSecretForms } from "../../src/http/secret-forms.ts";
import { credentialsArb, ECHO_FORMS, echo, revealed } from "../support/secret-echo.ts";
import { startServer } from "./local-server.ts";

const SEED = 20261127;
type Creds = { token: string; apiKey: string; email: string };
const secretsOf = (c: Creds) => [c.token, c.apiKey, c.email, `${c.email}:${c.apiKey}`];
const WHICH = ["token", "apiKey", "email", "emailAndKey"] as const;
const pick = (c: Creds, which: (typeof WHICH)[number]) => (which === "emailAndKey" ? `${c.email}:${c.apiKey}` : c[which]);

describe(`redaction of echoed secrets (seed ${SEED})`, () => {
  it("for any secret echoed in any form inside any text, the redacted text reveals none and the finder agrees", () => {
    fc.assert(fc.property(
      // Text around the echo in any script: a body with non-ASCII characters takes the same quick path as one without.
      credentialsArb, fc.constantFrom(...WHICH), fc.constantFrom(...ECHO_FORMS), fc.uint8Array({ maxLength: 5 }), fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }),
      (creds, which, form, salt, before, after) => {
        const text = `${before}${echo(pick(creds, which), form, salt)}${after}`;
        expect(revealed(text, [pick(creds, which)])).not.toEqual([]); // the oracle sees the echo
        expect(findSecretForms(text, creds)).not.toEqual([]);
        const redacted = redactText(text, creds);
        expect(revealed(redacted, secretsOf(creds))).toEqual([]);
        expect(findSecretForms(redacted, creds)).toEqual([]);
      },
    ), { seed: SEED, numRuns: 600 });
  });

  it("leaves text without a secret exactly as it was (certificates, ids, envelopes)", () => {
    fc.assert(fc.property(credentialsArb, fc.string({ size: "large" }), fc.base64String({ minLength: 40, maxLength: 400 }), (creds, text, pem) => {
      fc.pre(revealed(text + pem, secretsOf(creds)).length === 0);
      expect(redactText(`${text}${pem}`, creds)).toBe(`${text}${pem}`);
    }), { seed: SEED, numRuns: 300 });
  });

  it("for any echo over HTTP (header value, header name, JSON member, raw body), no kept byte of the exchange reveals a secret", async () => {
    // One server; each request says (in its path) what to echo where.
    const plans: { where: string; value: string }[] = [];
    const server = await startServer((req, res) => {
      const { where, value } = plans[Number(req.url!.split("/").pop())]!;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (where === "header") headers["x-echo"] = value;
      if (where === "header-name") headers[`x-${value.replace(/[^A-Za-z0-9-]/g, "-")}`] = "1";
      const body = where === "member" ? `{"success":false,"errors":[{"code":"${value}","message":"${value}"}],"result":{"status":"${value}"}}`
        : where === "body" ? `echo: ${value}` : "{}";
      res.writeHead(400, headers);
      res.end(body);
    });
    try {
      await fc.assert(fc.asyncProperty(
        credentialsArb, fc.constantFrom(...WHICH), fc.constantFrom(...ECHO_FORMS), fc.uint8Array({ maxLength: 4 }), fc.constantFrom("header", "header-name", "member", "body"),
        async (creds, which, form, salt, where) => {
          const value = echo(pick(creds, which), form, salt);
          fc.pre(!(where === "header-name" && /[^A-Za-z0-9-]/.test(value))); // a header name cannot carry every form
          plans.push({ where, value });
          const client = new ConformanceClient({ baseUrl: server.baseUrl, credentials: creds, timeoutMs: 2000 });
          const exchange = await client.get(`/echo/${plans.length - 1}`, { auth: "token" });
          const kept = JSON.stringify(exchange);
          expect(exchange.response?.status).toBe(400);
          expect(revealed(kept, secretsOf(creds))).toEqual([]);
          expect(findSecretForms(kept, creds)).toEqual([]);
        },
      ), { seed: SEED, numRuns: 120 });
    } finally {
      await server.close();
    }
  });
});
