/**
 * Forward proxies, as curl and undici take them: `--proxy URL`, else `HTTPS_PROXY` for https
 * targets and `HTTP_PROXY` for http ones (either case), unless `NO_PROXY` names the host. The
 * tunnel (CONNECT for https, absolute-form requests for http) is https-proxy-agent's and
 * http-proxy-agent's; the environment is resolved here because the run's environment is passed
 * in (the library API, the tests), while proxy-from-env reads only `process.env`.
 */
import type { Duplex } from "node:stream";
import type { SecureContext } from "node:tls";
import type http from "node:http";
import type { HttpProxyAgent } from "http-proxy-agent";
import type { HttpsProxyAgent } from "https-proxy-agent";
import type { TlsOptions } from "./types.ts";
import type { WireJudge } from "./wire/judge.ts";

/** The proxy variables, in the order each scheme looks for them (lower case first, as curl does). */
const PROXY_VARIABLES: Record<"http:" | "https:", readonly string[]> = {
  "https:": ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"],
  "http:": ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"],
};

/** True when `NO_PROXY` (a comma or space list of hosts, `.domain` suffixes, `host:port`, or `*`) names the target. */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  return noProxy.split(/[\s,]+/).filter(Boolean).some((entry) => {
    if (entry === "*") return true;
    const [name, entryPort] = entry.toLowerCase().replace(/^\[|\](?=:|$)/g, "").split(/:(?=\d+$)/);
    if (entryPort && entryPort !== port) return false;
    const domain = name!.replace(/^\*?\./, "");
    return host === domain || host.endsWith(`.${domain}`);
  });
}

/** The proxy a request to `target` goes through: `explicit` (`--proxy`), else the environment's; none when NO_PROXY names the target. */
export function proxyFor(target: URL, explicit: string | undefined, env: Record<string, string | undefined>): URL | undefined {
  if (bypassesProxy(target, env.no_proxy ?? env.NO_PROXY)) return undefined;
  const value = explicit ?? PROXY_VARIABLES[target.protocol as "http:" | "https:"]?.map((name) => env[name]).find((v) => v);
  if (!value) return undefined;
  try {
    return new URL(value.includes("://") ? value : `http://${value}`);
  } catch {
    return undefined;
  }
}

/**
 * An agent that reaches `target` through `proxy`, feeding what its socket receives into the
 * judge of each request (`judgeOf`): the target's own bytes through a CONNECT tunnel (https), the
 * proxy's answer for an http target (there the proxy writes the message).
 */
let agents: { HttpProxyAgent: typeof HttpProxyAgent; HttpsProxyAgent: typeof HttpsProxyAgent } | undefined;

/**
 * Loads the proxy agents, once, before a request through a proxy: a run without one does not pay
 * for loading them (a twentieth of a second of every start).
 */
export async function loadProxyAgents(): Promise<void> {
  if (agents) return;
  const [{ HttpProxyAgent: http }, { HttpsProxyAgent: https }] = await Promise.all([import("http-proxy-agent"), import("https-proxy-agent")]);
  agents = { HttpProxyAgent: http, HttpsProxyAgent: https };
}

/** Whether `loadProxyAgents` has loaded them (`proxyAgent` needs them). */
export const proxyAgentsLoaded = (): boolean => agents !== undefined;

export function proxyAgent(target: URL, proxy: URL, opts: { tls?: TlsOptions; keepAlive?: boolean; judgeOf: () => WireJudge | undefined }): http.Agent {
  const tap = <S extends Duplex>(socket: S): S => {
    const judge = opts.judgeOf();
    if (judge) {
      socket.on("data", (chunk: Buffer) => judge.push(chunk));
      socket.on("end", () => judge.end());
    }
    return socket;
  };
  if (!agents) throw new Error("proxyAgent: loadProxyAgents() first");
  const common = { keepAlive: opts.keepAlive ?? false, ...(opts.keepAlive ? { maxSockets: 1 } : {}) };
  if (target.protocol === "https:") {
    const Tapped = class extends agents.HttpsProxyAgent<string> {
      override async connect(...args: Parameters<HttpsProxyAgent<string>["connect"]>) {
        return tap(await super.connect(...args));
      }
    };
    return new Tapped(proxy.href, { ...common, ...tlsConnectOptions(opts.tls) });
  }
  const Tapped = class extends agents.HttpProxyAgent<string> {
    override async connect(...args: Parameters<HttpProxyAgent<string>["connect"]>) {
      return tap(await super.connect(...args));
    }
  };
  return new Tapped(proxy.href, common);
}

/** node:tls options for the target's TLS (not the proxy's): trusted roots, a client certificate, verification. */
export function tlsConnectOptions(tls: TlsOptions | undefined): { secureContext?: SecureContext; rejectUnauthorized?: boolean } {
  if (!tls) return {};
  return { ...(tls.secureContext ? { secureContext: tls.secureContext } : {}), ...(tls.insecure ? { rejectUnauthorized: false } : {}) };
}
