/**
 * A deliberately broken or hostile target on 127.0.0.1 (port 0), one behaviour per base path:
 * `http://127.0.0.1:PORT/<behaviour>/client/v4`. Used by the hostile-target tests and by
 * bench/hostile-memory.ts (the peak-memory figures of issue 12).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { echo, type EchoForm } from "./secret-echo.ts";

export const HOSTILE_BEHAVIOURS = [
  "echo", "hang", "trickle", "reset", "not-http", "truncated", "slow", "retry-after", "big", "gzip-bomb", "deep", "bad-utf8", "hang-after-3",
] as const;
export type HostileBehaviour = (typeof HOSTILE_BEHAVIOURS)[number];

export interface HostileServer {
  origin: string;
  /** The base URL that makes the server behave so. */
  baseUrl(behaviour: HostileBehaviour): string;
  /** Requests seen, per behaviour. */
  seen: Map<HostileBehaviour, number>;
  /** Forgets the requests seen (`hang-after-3` answers three again). */
  reset(): void;
  close(): Promise<void>;
}

const ESC = "\u001b";
const json = { "content-type": "application/json" };

/** What the request carried (the echo sends each secret back in several forms, where checks quote them). */
function secretsOf(req: IncomingMessage): { token?: string; key?: string; email?: string } {
  const auth = req.headers.authorization;
  return {
    token: auth?.startsWith("Bearer ") ? auth.slice(7) : undefined,
    key: req.headers["x-auth-key"] as string | undefined,
    email: req.headers["x-auth-email"] as string | undefined,
  };
}

const FORMS_IN_MEMBERS: EchoForm[] = ["json-u", "percent", "base64", "base64url-embedded", "upper", "json-u-nested"];

/** A 200 whose quoted members (status, id) and a 4xx whose errors[0].code carry the credentials, escaped every way, and an ESC. */
function echoReply(req: IncomingMessage, res: ServerResponse): void {
  const { token, key, email } = secretsOf(req);
  const secret = token ?? (email && key ? `${email}:${key}` : key ?? email ?? "nothing");
  const n = Number(/(\d)/.exec(req.url ?? "")?.[1] ?? 0);
  const form = FORMS_IN_MEMBERS[n % FORMS_IN_MEMBERS.length]!;
  const value = echo(secret, form, new Uint8Array([n, 1]));
  const raw = `${ESC}[31m${value}${ESC}[0m`;
  const body = req.headers.authorization || req.headers["x-auth-key"]
    ? `{"success":true,"errors":[],"messages":[],"result":{"id":"${value}","status":"${value}","note":"${raw.replace(/\u001b/g, "\\u001b")}"}}`
    : `{"success":false,"errors":[{"code":"${value}","message":"${ESC}[2J${value}"}],"messages":[],"result":null}`;
  res.writeHead(req.headers.authorization || req.headers["x-auth-key"] ? 200 : 401, {
    ...json, "x-echo": Buffer.from(secret).toString("base64"), [`x-${form}`]: echo(secret, "percent"),
  });
  // An ESC in the raw body too (outside any string, so the body is not JSON): it must show escaped.
  res.end(n % 3 === 0 ? `${ESC}]0;owned${ESC}\\ ${body}` : body);
}

export async function startHostileServer(): Promise<HostileServer> {
  const seen = new Map<HostileBehaviour, number>();
  const sockets = new Set<Socket>();
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // one member, 64 MiB of zeros; sent 16 times: 1 GiB inflated
  const server = createServer((req, res) => {
    const behaviour = (req.url ?? "/").split("/")[1] as HostileBehaviour;
    const count = (seen.get(behaviour) ?? 0) + 1;
    seen.set(behaviour, count);
    switch (behaviour) {
      case "echo": return echoReply(req, res);
      case "hang": return;
      case "hang-after-3": if (count > 3) return; return echoReply(req, res);
      case "trickle": {
        res.writeHead(200, json);
        const timer = setInterval(() => res.write(" "), 50);
        res.on("close", () => clearInterval(timer));
        return;
      }
      case "reset": return void req.socket.resetAndDestroy();
      case "not-http": return void req.socket.end("SSH-2.0-OpenSSH_9.6\r\n");
      case "truncated": {
        res.writeHead(200, { ...json, "content-length": "1000" });
        res.write('{"success":true,');
        return void setTimeout(() => req.socket.destroy(), 10);
      }
      case "slow": return void setTimeout(() => { if (!res.destroyed) { res.writeHead(200, json); res.end("{}"); } }, 5_000);
      case "retry-after": res.writeHead(429, { ...json, "retry-after": "3600" }); return void res.end('{"success":false,"errors":[{"code":10000,"message":"rate limited"}],"messages":[],"result":null}');
      case "big": {
        // 200 MB, produced as it is read: the suite must stop reading at its limit.
        res.writeHead(200, { ...json, "content-length": String(200 * 1024 * 1024) });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 200 && res.write(chunk)) sent++;
          if (sent >= 200) res.end(); else res.once("drain", () => { sent++; pump(); });
        };
        return pump();
      }
      case "gzip-bomb": {
        res.writeHead(200, { ...json, "content-encoding": "gzip" });
        let members = 0;
        const pump = () => {
          while (members < 16 && res.write(bomb)) members++;
          if (members >= 16) res.end(); else res.once("drain", () => { members++; pump(); });
        };
        return pump();
      }
      case "deep": res.writeHead(200, json); return void res.end(`{"success":true,"errors":[],"messages":[],"result":${"[".repeat(100_000)}${"]".repeat(100_000)}}`);
      case "bad-utf8": res.writeHead(200, json); return void res.end(Buffer.concat([Buffer.from('{"success":true,"errors":[],"messages":[],"result":{"status":"act'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('ive"}}')]));
      default: res.writeHead(404, json); return void res.end("{}");
    }
  });
  server.on("connection", (s) => { sockets.add(s); s.on("close", () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin, seen,
    reset: () => seen.clear(),
    baseUrl: (behaviour) => `${origin}/${behaviour}/client/v4`,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
