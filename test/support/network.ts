/**
 * Real networks on loopback for the network tests: a private CA with a server certificate for
 * 127.0.0.1 and a client certificate; a TLS front end to a plain HTTP server (optionally asking
 * for a client certificate); and a forward proxy (CONNECT and absolute-form requests) that knows
 * host names the machine's resolver does not, so a run that reaches the target through it could
 * not have reached it directly.
 */
import { createServer as createHttpServer, request as httpRequest, type Server } from "node:http";
import net from "node:net";
import tls from "node:tls";
import { encodePem } from "../../src/x509/pem.ts";
import type * as X509 from "@peculiar/x509";
import { webCrypto, x509 } from "../../src/x509/peculiar.ts";

export interface TlsMaterial {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

const ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webCrypto.subtle.exportKey("pkcs8", key)).toString("base64");
  return `-----BEGIN PRIVATE KEY-----\n${der.match(/.{1,64}/g)!.join("\n")}\n-----END PRIVATE KEY-----\n`;
}

/** A CA, a server certificate for 127.0.0.1 and localhost, and a client certificate, all P-256 (fast to make). */
export async function makeTlsMaterial(): Promise<TlsMaterial> {
  const keys = () => webCrypto.subtle.generateKey(ALG, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
  const [caKeys, serverKeys, clientKeys] = await Promise.all([keys(), keys(), keys()]);
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 86_400_000 * 30);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01", name: "CN=network test CA", notBefore, notAfter, keys: caKeys, signingAlgorithm: ALG,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  const leaf = (serial: string, name: string, publicKey: CryptoKey, extensions: X509.Extension[]) => x509.X509CertificateGenerator.create({
    serialNumber: serial, subject: name, issuer: ca.subject, notBefore, notAfter, publicKey, signingKey: caKeys.privateKey, signingAlgorithm: ALG, extensions,
  });
  const server = await leaf("02", "CN=127.0.0.1", serverKeys.publicKey, [
    new x509.SubjectAlternativeNameExtension([{ type: "ip", value: "127.0.0.1" }, { type: "dns", value: "localhost" }, { type: "dns", value: "target.invalid" }]),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
  ]);
  const client = await leaf("03", "CN=conformance client", clientKeys.publicKey, [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])]);
  return {
    caPem: ca.toString("pem"), serverCertPem: server.toString("pem"), serverKeyPem: await pkcs8Pem(serverKeys.privateKey),
    clientCertPem: client.toString("pem"), clientKeyPem: await pkcs8Pem(clientKeys.privateKey),
  };
}

/** A TLS front end on 127.0.0.1 that forwards every connection to `backendPort`; with `requireClientCertificate`, mutual TLS. */
export async function startTlsFront(material: TlsMaterial, backendPort: number, opts: { requireClientCertificate?: boolean } = {}): Promise<{ port: number; close(): Promise<void> }> {
  const open = new Set<net.Socket>();
  const server = tls.createServer({
    cert: material.serverCertPem, key: material.serverKeyPem,
    ...(opts.requireClientCertificate ? { requestCert: true, rejectUnauthorized: true, ca: material.caPem } : {}),
  }, (socket) => {
    const backend = net.connect(backendPort, "127.0.0.1");
    open.add(socket).add(backend);
    socket.on("close", () => open.delete(socket));
    backend.on("close", () => open.delete(backend));
    // Small writes both ways: without noDelay, Nagle and delayed acknowledgements add 40 ms to each request.
    socket.setNoDelay(true);
    backend.setNoDelay(true);
    socket.pipe(backend).pipe(socket);
    const end = () => { socket.destroy(); backend.destroy(); };
    socket.on("error", end);
    backend.on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      for (const s of open) s.destroy();
    }),
  };
}

/**
 * A forward proxy on 127.0.0.1: CONNECT tunnels (https targets) and absolute-form requests (http
 * targets), resolving the host names of `hosts` to 127.0.0.1 (and nothing else). Counts what it
 * carried, and asks for `Proxy-Authorization: Basic` when given credentials.
 */
export async function startForwardProxy(hosts: readonly string[], opts: { user?: string; password?: string } = {}): Promise<{ url: string; port: number; carried: { connect: number; forward: number }; close(): Promise<void> }> {
  const carried = { connect: 0, forward: 0 };
  const tunnels = new Set<net.Socket>();
  const resolve = (host: string) => (hosts.includes(host) || host === "127.0.0.1" ? "127.0.0.1" : undefined);
  const expected = opts.user ? `Basic ${Buffer.from(`${opts.user}:${opts.password ?? ""}`).toString("base64")}` : undefined;
  const server: Server = createHttpServer((req, res) => {
    if (expected && req.headers["proxy-authorization"] !== expected) return void res.writeHead(407, { "proxy-authenticate": "Basic" }).end();
    const target = new URL(req.url ?? "/");
    const address = resolve(target.hostname);
    if (!address) return void res.writeHead(502).end();
    carried.forward++;
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    const upstream = httpRequest({ host: address, port: target.port || 80, path: target.pathname + target.search, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on("connect", (req, socket) => {
    if (expected && req.headers["proxy-authorization"] !== expected) return void socket.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n");
    const [host, port] = (req.url ?? "").split(":");
    const address = resolve(host ?? "");
    if (!address) return void socket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
    carried.connect++;
    tunnels.add(socket as net.Socket);
    socket.on("close", () => tunnels.delete(socket as net.Socket));
    const upstream = net.connect(Number(port), address, () => {
      upstream.setNoDelay(true);
      (socket as net.Socket).setNoDelay(true);
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(socket).pipe(upstream);
    });
    const end = () => { socket.destroy(); upstream.destroy(); };
    upstream.on("error", end);
    socket.on("error", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://${opts.user ? `${opts.user}:${opts.password ?? ""}@` : ""}127.0.0.1:${port}`, port, carried,
    close: () => new Promise((r) => {
      server.close(() => r());
      server.closeAllConnections();
      for (const s of tunnels) s.destroy();
    }),
  };
}

/** A self-signed P-256 certificate for 127.0.0.1 (an IP SAN), and its key, as PEM: a target nobody trusts. */
export async function selfSignedLoopback(): Promise<{ key: string; cert: string }> {
  const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = (await webCrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01", name: "CN=127.0.0.1", keys, signingAlgorithm: algorithm,
    notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 3_600_000),
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: "ip", value: "127.0.0.1" }])],
  });
  return { cert: certificate.toString("pem"), key: encodePem(await webCrypto.subtle.exportKey("pkcs8", keys.privateKey), "PRIVATE KEY") };
}
