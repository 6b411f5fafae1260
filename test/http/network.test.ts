import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConformanceClient, configuredSchemes } from "../../src/http/index.ts";
import { startReferenceServer, type ReferenceServer } from "../../src/reference/index.ts";
import type { RunConfig } from "../../src/run/config.ts";
import { clientTls, networkConfigFrom } from "../../src/run/network-config.ts";
import { runConformance } from "../../src/run/run-conformance.ts";
import { makeTlsMaterial, startForwardProxy, startTlsFront, type TlsMaterial } from "../support/network.ts";

/** Real TLS, mutual TLS and a forward proxy on loopback, in front of the reference. */

const GATE_HEADER = "x-gateway-secret";
const GATE_VALUE = "gateway-secret-value-0123456789";
let reference: ReferenceServer;
let material: TlsMaterial;
let tlsFront: Awaited<ReturnType<typeof startTlsFront>>;
let mtlsFront: Awaited<ReturnType<typeof startTlsFront>>;
let proxy: Awaited<ReturnType<typeof startForwardProxy>>;
const work = mkdtempSync(join(tmpdir(), "network-"));
const files: Record<string, string> = {};

beforeAll(async () => {
  // A gateway in front of the reference: without its header, nothing gets through.
  reference = await startReferenceServer({
    rate: 0,
    customFaults: [{ name: "gateway", apply: { request: (r) => (r.headers[GATE_HEADER] === GATE_VALUE ? undefined : { status: 401, headers: { "content-type": "text/plain", "www-authenticate": "Gateway" }, body: "gateway: no header\n" }) } }],
  });
  material = await makeTlsMaterial();
  [tlsFront, mtlsFront, proxy] = await Promise.all([
    startTlsFront(material, reference.port), startTlsFront(material, reference.port, { requireClientCertificate: true }), startForwardProxy(["target.invalid"], { user: "proxy-user", password: "proxy-password-9876" }),
  ]);
  for (const [name, text] of Object.entries({ ca: material.caPem, cert: material.clientCertPem, key: material.clientKeyPem })) {
    files[name] = join(work, `${name}.pem`);
    (await import("node:fs")).writeFileSync(files[name]!, text);
  }
});
afterAll(async () => Promise.all([reference?.close(), tlsFront?.close(), mtlsFront?.close(), proxy?.close()]));

const every = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? every(join(dir, n)) : [readFileSync(join(dir, n), "utf8")]));

function config(baseUrl: string, network: RunConfig extends infer C ? Partial<C> : never, outDir: string): RunConfig {
  return {
    target: { kind: "url", baseUrl }, spec: {}, zoneId: reference.zoneId, certificateIds: [], credentials: reference.credentials,
    schemes: configuredSchemes(reference.credentials), outDir, gatingLevel: "must", seed: 1, budget: 1_000, rate: 0, timeoutMs: 3_000, quiet: true, ...network,
  };
}

// Whole runs over TLS, each connection a handshake: generous bounds for a busy machine (they take a few seconds).
describe("reaching a target over a real network", { timeout: 120_000 }, () => {
  it("https behind mutual TLS with a private CA, through a proxy from HTTPS_PROXY, behind a gateway header: conformant, and no key, header value or proxy password in any output", async () => {
    const network = networkConfigFrom({ ca: files.ca, cert: files.cert, key: files.key, header: [`X-Gateway-Secret: ${GATE_VALUE}`] }, { HTTPS_PROXY: proxy.url });
    const outDir = join(work, "mtls");
    const logs: string[] = [];
    const { report, exchanges } = await runConformance(config(`https://target.invalid:${mtlsFront.port}/client/v4`, network, outDir), { evaluator: "in-process", log: (l) => logs.push(l) });
    expect(report.verdict, report.error).toBe("conformant");
    expect(proxy.carried.connect).toBeGreaterThan(0);
    expect(report.target.network).toEqual({ proxy: "from the environment (HTTPS_PROXY / HTTP_PROXY, NO_PROXY)", ca: true, clientCertificate: true, headers: [GATE_HEADER] });
    const written = [...every(outDir), JSON.stringify(exchanges), logs.join("\n")].join("\n");
    for (const secret of [GATE_VALUE, "proxy-password-9876", material.clientKeyPem.split("\n")[1]!]) expect(written.includes(secret), secret).toBe(false);
    expect(exchanges[0]!.request.headers[GATE_HEADER]).toBe(`$HEADER(${GATE_HEADER})`);
  });

  it("--insecure reaches a certificate nobody trusts, and the report and the console say so; --proxy takes an http target through absolute-form requests", async () => {
    const network = networkConfigFrom({ insecure: true, proxy: proxy.url, header: [`${GATE_HEADER}: ${GATE_VALUE}`] }, {});
    const logs: string[] = [];
    const before = proxy.carried.forward;
    const insecure = await runConformance(config(`https://127.0.0.1:${tlsFront.port}/client/v4`, { ...network, proxy: undefined }, join(work, "insecure")), { evaluator: "in-process", writeReports: false, log: (l) => logs.push(l) });
    expect(insecure.report.verdict, insecure.report.error).toBe("conformant");
    expect(insecure.report.target.network).toMatchObject({ insecure: true });
    expect(logs).toContain("--insecure: the target's TLS certificate is not verified");
    const proxied = await runConformance(config(`http://target.invalid:${reference.port}/client/v4`, network, join(work, "proxied")), { evaluator: "in-process", writeReports: false });
    expect(proxied.report.verdict, proxied.report.error).toBe("conformant");
    expect(proxy.carried.forward - before).toBeGreaterThan(50);
    expect(proxied.report.target.network?.proxy).toBe(`http://127.0.0.1:${proxy.port}`);
  });

  it("says in one line what failed and which flag fixes it: an untrusted certificate, a client certificate asked for", async () => {
    const client = (baseUrl: string, tls?: Parameters<typeof clientTls>[0]) => new ConformanceClient({ baseUrl, credentials: reference.credentials, timeoutMs: 3_000, maxRetries: 0, headers: { [GATE_HEADER]: GATE_VALUE }, ...(tls ? { tls: clientTls(tls)! } : {}) });
    const untrusted = await client(`https://127.0.0.1:${tlsFront.port}/client/v4`).get(`/zones/${reference.zoneId}/client_certificates`);
    expect(untrusted.error?.message).toMatch(/--ca FILE.*--insecure/);
    const noClientCertificate = await client(`https://127.0.0.1:${mtlsFront.port}/client/v4`, { ca: material.caPem }).get(`/zones/${reference.zoneId}/client_certificates`);
    expect(noClientCertificate.error?.message).toMatch(/--cert FILE --key FILE/);
    const trusted = await client(`https://127.0.0.1:${tlsFront.port}/client/v4`, { ca: material.caPem }).get(`/zones/${reference.zoneId}/client_certificates`);
    expect(trusted.response?.status).toBe(200);
  });

  it("NO_PROXY sends the target's requests directly, past the proxy", async () => {
    const env = { HTTP_PROXY: proxy.url, NO_PROXY: "localhost,.invalid" };
    const direct = new ConformanceClient({ baseUrl: `http://target.invalid:${reference.port}/client/v4`, credentials: {}, timeoutMs: 3_000, maxRetries: 0, env });
    const before = proxy.carried.forward;
    const exchange = await direct.get("/zones");
    expect(exchange.error?.kind).toBe("refused"); // target.invalid resolves nowhere but in the proxy
    expect(proxy.carried.forward).toBe(before);
  });

  it("refuses in one line a header the suite sets itself, --cert without --key, a file that is no PEM", () => {
    expect(() => networkConfigFrom({ header: ["Authorization: Bearer x"] }, {})).toThrow(/--header Authorization: the suite sets Authorization itself/);
    expect(() => networkConfigFrom({ header: ["no colon here"] }, {})).toThrow(/expected 'Name: value'/);
    expect(() => networkConfigFrom({ cert: files.cert }, {})).toThrow(/--cert and --key go together/);
    expect(() => networkConfigFrom({ ca: join(work, "missing.pem") }, {})).toThrow(/--ca .*missing\.pem: no such file/);
    expect(() => networkConfigFrom({ ca: join(__dirname, "network.test.ts") }, {})).toThrow(/not a PEM file/);
  });
});
