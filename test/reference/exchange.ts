import { request } from "node:http";

/** What a test keeps of one request: enough to judge it like the suite does. */
export interface TestExchange {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON; `undefined` when it is not JSON. */
  json: unknown;
  jsonOk: boolean;
  /** Set when no complete response came (timeout, reset). */
  error?: string;
}

function finish(status: number, headers: Record<string, string>, text: string): TestExchange {
  try {
    return { status, headers, text, json: JSON.parse(text), jsonOk: true };
  } catch {
    return { status, headers, text, json: undefined, jsonOk: false };
  }
}

const failed = (error: unknown): TestExchange => ({ status: 0, headers: {}, text: "", json: undefined, jsonOk: false, error: String((error as Error)?.message ?? error) });

/** GET (or another method) with Node's fetch; redirects are not followed. */
export async function send(url: string, init: { method?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<TestExchange> {
  try {
    const res = await fetch(url, { method: init.method ?? "GET", headers: init.headers, redirect: "manual", signal: AbortSignal.timeout(init.timeoutMs ?? 5000) });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => { headers[k] = v; });
    return finish(res.status, headers, await res.text());
  } catch (e) {
    return failed(e);
  }
}

/** GET with the request target sent verbatim (no dot-segment folding), as `curl --path-as-is`. */
export function sendRaw(origin: string, target: string, init: { headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<TestExchange> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const req = request({ host: hostname, port, path: target, method: "GET", headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
        resolve(finish(res.statusCode ?? 0, headers, Buffer.concat(chunks).toString("utf8")));
      });
      res.on("error", (e) => resolve(failed(e)));
    });
    req.setTimeout(init.timeoutMs ?? 5000, () => req.destroy(new Error("timeout")));
    req.on("error", (e) => resolve(failed(e)));
    req.end();
  });
}
