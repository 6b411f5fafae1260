/**
 * How a run reaches its target over a real network: a forward proxy, TLS (trusted roots, a client
 * certificate, or no verification), and headers of the user's own on every request. Resolved once
 * from flags and the environment, and checked before anything is sent.
 */
import { readFileSync, statSync } from "node:fs";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";
import { UsageError } from "../io/usage-error.ts";
import type { TlsOptions } from "../http/index.ts";

/** What `run` and `record` read of the network. */
export interface NetworkConfig {
  /** `--proxy URL`; without it, the environment's proxy variables (`proxyEnv`) decide per target. */
  proxy?: string;
  /** HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY (either case), as the environment had them. */
  proxyEnv?: Record<string, string>;
  /** TLS to the target: `--ca` (the file's PEM), `--cert` and `--key` (their PEM), `--insecure`. */
  tls?: {
    /** Certificates added to the trusted roots (PEM text or its bytes). */
    ca?: string | Buffer;
    /** A client certificate (and its chain) for mutual TLS, with `key`. */
    cert?: string | Buffer;
    /** The client certificate's private key; never copied into any output. */
    key?: string | Buffer;
    /** Skip verifying the target's certificate (named in the report and on the console). */
    insecure?: boolean;
  };
  /** `--header 'Name: value'` (and `CONFORMANCE_HEADERS`, one per line): sent on every request, redacted everywhere. */
  headers?: Record<string, string>;
}

const PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"];
/** Headers the suite sets itself (or that frame the message): a `--header` may not replace them. */
const RESERVED = new Set(["host", "connection", "content-length", "transfer-encoding", "accept", "accept-encoding", "authorization", "x-auth-email", "x-auth-key", "keep-alive", "te", "upgrade", "expect"]);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Certificates and keys are a few KB; a bound keeps a wrong path (a device, a huge file) from being read whole. */
const MAX_PEM_BYTES = 1024 * 1024;

function readPem(flag: string, file: string): string {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_PEM_BYTES) throw new UsageError(`${flag} ${file}: ${size} bytes, more than the ${MAX_PEM_BYTES} a PEM file of certificates or a key can hold`);
    text = readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${flag} ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a PEM file" : (e as Error).message}`);
  }
  // Never quote the file: a key must not reach any output.
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(text)) throw new UsageError(`${flag} ${file}: not a PEM file (no -----BEGIN ...----- line)`);
  return text;
}

/** `Name: value` lines (flags, or the environment's one per line) as headers. @throws UsageError on a malformed or reserved one */
function parseHeaders(lines: string[]): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    const value = colon > 0 ? line.slice(colon + 1).trim() : "";
    // The value is never quoted back: it is usually a credential.
    if (!TOKEN.test(name)) throw new UsageError(`--header ${JSON.stringify(name || line.split(":")[0]!.slice(0, 40))}: expected 'Name: value', with a header name of letters, digits and !#$%&'*+-.^_\`|~`);
    if (/[\0\r\n]/.test(value)) throw new UsageError(`--header ${name}: the value holds a line break or NUL, which HTTP cannot carry`);
    if (RESERVED.has(name.toLowerCase())) throw new UsageError(`--header ${name}: the suite sets ${name} itself (credentials go in CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY)`);
    headers[name.toLowerCase()] = value;
  }
  return Object.keys(headers).length ? headers : undefined;
}

/** The network part of a run's configuration. @throws UsageError naming the flag and the fix */
export function networkConfigFrom(values: { proxy?: string; ca?: string; cert?: string; key?: string; insecure?: boolean; header?: string[] }, env: NodeJS.ProcessEnv): NetworkConfig {
  if (values.proxy !== undefined) {
    let url: URL;
    try {
      url = new URL(values.proxy.includes("://") ? values.proxy : `http://${values.proxy}`);
    } catch {
      throw new UsageError("--proxy must be a URL such as http://proxy.example:3128 (or with user:password@)");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--proxy must be an http or https proxy URL (got ${url.protocol})`);
  }
  if ((values.cert === undefined) !== (values.key === undefined)) throw new UsageError("--cert and --key go together: the client certificate and its private key, both PEM files");
  const proxyEnv = Object.fromEntries(PROXY_VARIABLES.filter((n) => env[n]).map((n) => [n, env[n]!]));
  const tls = {
    ...(values.ca ? { ca: readPem("--ca", values.ca) } : {}),
    ...(values.cert ? { cert: readPem("--cert", values.cert) } : {}),
    ...(values.key ? { key: readPem("--key", values.key) } : {}),
    ...(values.insecure ? { insecure: true } : {}),
  };
  const headers = parseHeaders([...(env.CONFORMANCE_HEADERS ?? "").split(/\r?\n/).filter((l) => l.trim()), ...(values.header ?? [])]);
  return {
    ...(values.proxy ? { proxy: values.proxy } : {}),
    ...(Object.keys(proxyEnv).length ? { proxyEnv } : {}),
    ...(Object.keys(tls).length ? { tls } : {}),
    ...(headers ? { headers } : {}),
  };
}

/** The client's TLS options: `--ca` added to the system's roots (node:tls replaces them with any `ca` given). */
export function clientTls(tls: NetworkConfig["tls"]): TlsOptions | undefined {
  if (!tls) return undefined;
  let secureContext: SecureContext | undefined;
  if (tls.ca || tls.cert) {
    try {
      secureContext = createSecureContext({ ...(tls.ca ? { ca: [...rootCertificates, tls.ca] } : {}), ...(tls.cert ? { cert: tls.cert, key: tls.key } : {}) });
    } catch (e) {
      // Never the file's text: the key's message could quote it.
      throw new UsageError(`${tls.cert ? "--cert / --key" : "--ca"}: node:tls cannot use ${tls.cert ? "them" : "it"} (${(e as { code?: string }).code ?? "invalid PEM"}): ${tls.cert ? "a PEM certificate and the PEM private key that goes with it" : "a PEM file of CA certificates"}`);
    }
  }
  return { ...(secureContext ? { secureContext } : {}), ...(tls.insecure ? { insecure: true } : {}) };
}

/** The secrets the network configuration holds besides the credentials: header values, a proxy's password. */
export function networkSecrets(net: NetworkConfig): { placeholder: string; value: string }[] {
  const secrets = Object.entries(net.headers ?? {}).map(([name, value]) => ({ placeholder: `$HEADER(${name})`, value }));
  for (const text of [net.proxy, ...Object.values(net.proxyEnv ?? {})]) {
    try {
      const url = text ? new URL(text.includes("://") ? text : `http://${text}`) : undefined;
      if (url?.password) secrets.push({ placeholder: "$PROXY_PASSWORD", value: decodeURIComponent(url.password) });
      if (url?.username) secrets.push({ placeholder: "$PROXY_USER", value: decodeURIComponent(url.username) });
    } catch {
      // not a URL: nothing to redact in it
    }
  }
  return secrets;
}
