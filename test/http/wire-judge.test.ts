import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WireJudge, type WireJudgeOptions } from "../../src/http/wire/judge.ts";
import { WIRE_RULES } from "../../src/http/wire/rules.ts";
import { tappedConnection } from "../../src/http/wire/tap.ts";
import { selfSignedLoopback } from "../support/network.ts";
import { GOOD_CASES, RULE_CASES } from "./wire-cases.ts";

const bytes = (text: string) => Buffer.from(text, "latin1");

/** Judges `chunks` as one connection's bytes, closed at the end. */
function judge(chunks: string | Uint8Array[], opts: WireJudgeOptions = {}): WireJudge {
  const j = new WireJudge(opts);
  for (const chunk of typeof chunks === "string" ? [bytes(chunks)] : chunks) j.push(chunk);
  j.end();
  return j;
}

/** Every violation slug, the messages' and the connection's. */
const rules = (j: WireJudge) => [...j.messages.flatMap((m) => m.violations), ...j.violations].map((v) => v.rule);

/** What the judge concluded, comparable across runs. */
const verdict = (j: WireJudge) => JSON.stringify({ messages: j.messages.map((m) => ({ ...m, body: Buffer.from(m.body).toString("latin1") })), violations: j.violations });

describe("WireJudge: one case per rule", () => {
  it.each(RULE_CASES)("$name → $rule", ({ raw, rule, opts }) => {
    const j = judge(raw, opts);
    expect(rules(j)).toEqual([rule]);
    for (const v of [...j.messages.flatMap((m) => m.violations), ...j.violations]) {
      expect(v.cite).toMatch(/^RFC 911[02] §\d+(\.\d+)*$/);
      expect(v.message.length).toBeGreaterThan(0);
    }
  });

  it("covers every rule it knows", () => {
    expect(new Set(RULE_CASES.map((c) => c.rule))).toEqual(new Set(Object.keys(WIRE_RULES)));
  });

  it("still reads what a strict parser refuses", () => {
    const [folded] = judge(RULE_CASES.find((c) => c.rule === "obs-fold")!.raw).messages;
    expect(folded!.fields).toContainEqual(["X-A", "a b"]);
    const [spaced] = judge(RULE_CASES.find((c) => c.rule === "space-before-colon")!.raw).messages;
    expect(spaced).toMatchObject({ framing: "content-length", bodyBytes: 2, complete: true, fields: [["Content-Length", "2"]] });
    const [both] = judge(RULE_CASES.find((c) => c.rule === "content-length-with-transfer-encoding")!.raw).messages;
    expect(both).toMatchObject({ framing: "chunked", complete: true });
    expect(Buffer.from(both!.body).toString()).toBe("hi");
    const [nul] = judge(RULE_CASES.find((c) => c.name === "a NUL in a value")!.raw).messages;
    expect(nul!.fields[0]).toEqual(["X-A", "a b"]);
    const [short] = judge(RULE_CASES.find((c) => c.rule === "body-shorter-than-content-length")!.raw).messages;
    expect(short).toMatchObject({ complete: false, bodyBytes: 2 });
    const [gzip] = judge(RULE_CASES.find((c) => c.rule === "transfer-coding-not-final-chunked")!.raw).messages;
    expect(gzip).toMatchObject({ framing: "close", complete: true, bodyBytes: 2 });
  });
});

describe("WireJudge: correct answers", () => {
  it.each(GOOD_CASES)("$name: no violation", ({ raw, framing, body, opts }) => {
    const j = judge(raw, opts);
    expect(rules(j)).toEqual([]);
    expect(j.messages).toHaveLength(1);
    expect(j.messages[0]).toMatchObject({ framing, complete: true, bodyBytes: body.length });
    expect(Buffer.from(j.messages[0]!.body).toString("latin1")).toBe(body);
  });

  it("reads the 1xx, trailers and the status line of a correct answer", () => {
    const [message] = judge(GOOD_CASES.find((c) => c.name === "1xx then 200")!.raw).messages;
    expect(message!.informational).toEqual([{ status: 100, fields: [] }, { status: 103, fields: [["Link", "</a>; rel=preload"]] }]);
    const [chunked] = judge(GOOD_CASES.find((c) => c.framing === "chunked")!.raw).messages;
    expect(chunked!.trailers).toEqual([["Digest", "sha-256=x"], ["X-More", "y"]]);
    const [bare] = judge(GOOD_CASES.find((c) => c.name.startsWith("no reason"))!.raw).messages;
    expect(bare).toMatchObject({ httpVersion: "1.1", status: 404, reason: "", fields: [["X-Name", "caf\xe9"], ["X-Empty", ""], ["Content-Length", "2"]] });
  });
});

describe("WireJudge: any split of the bytes", () => {
  const all = [...RULE_CASES, ...GOOD_CASES];

  it("two chunks, split anywhere, give the same verdict as one", () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.double({ min: 0, max: 1, noNaN: true }), ({ raw, opts }, at) => {
        const whole = bytes(raw);
        const cut = Math.floor(at * whole.length);
        expect(verdict(judge([whole.subarray(0, cut), whole.subarray(cut)], opts))).toBe(verdict(judge(raw, opts)));
      }),
      { numRuns: 500 },
    );
  });

  it("one byte at a time gives the same verdict", () => {
    for (const { raw, opts } of all) {
      const whole = bytes(raw);
      expect(verdict(judge([...whole].map((b) => Uint8Array.of(b)), opts)), raw).toBe(verdict(judge(raw, opts)));
    }
  });

  it("arbitrary bytes after a head, cut anywhere, give the same verdict as whole (and never throw)", () => {
    const heads = ["", "HTTP/1.1 200 OK\r\n", `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n`, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "HTTP/1.1 100 Continue\r\n\r\n"];
    const octet = fc.constantFrom(...[..."\r\n \t:;=\"\\0123456789abcdefHTP/.xZ\x00\x7f\xe9"].map((c) => c.charCodeAt(0)));
    fc.assert(
      fc.property(fc.constantFrom(...heads), fc.array(octet, { maxLength: 200 }), fc.array(fc.nat(), { maxLength: 3 }), fc.constantFrom(64, 65536), (head, tail, cuts, maxHeadBytes) => {
        const whole = Buffer.concat([bytes(head), Uint8Array.from(tail)]);
        const points = [0, ...new Set(cuts.map((cut) => cut % (whole.length + 1)))].sort((a, b) => a - b);
        const chunks = points.map((point, k) => whole.subarray(point, points[k + 1] ?? whole.length));
        const opts = { maxHeadBytes, maxBodyBytes: 7 };
        expect(verdict(judge(chunks, opts))).toBe(verdict(judge([whole], opts)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("WireJudge: bounded", () => {
  it("counts a body past maxBodyBytes without keeping it", () => {
    const [message] = judge(`HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n${"x".repeat(100)}`, { maxBodyBytes: 10 }).messages;
    expect(message).toMatchObject({ complete: true, bodyBytes: 100 });
    expect(message!.body).toHaveLength(10);
  });

  const tenMegabytes = (first: string, fill: number) => {
    const chunks: Uint8Array[] = [bytes(first)];
    for (let i = 0; i < 160; i++) chunks.push(new Uint8Array(64 * 1024).fill(fill));
    return chunks;
  };

  it("a 10 MB garbage stream is one violation, counted", () => {
    const j = judge(tenMegabytes("", 0x7a));
    expect(j.messages).toEqual([]);
    expect(j.violations.map((v) => v.rule)).toEqual(["not-http"]);
    expect(j.violations[0]!.message).toMatch(/^10485760 bytes/);
    expect(j.violations[0]!.message.length).toBeLessThan(200);
  });

  it("a 10 MB head stops at maxHeadBytes", () => {
    const j = judge(tenMegabytes("HTTP/1.1 200 OK\r\nX-Long: ", 0x61));
    expect(rules(j)).toEqual(["head-too-long"]);
  });

  it("a 10 MB body keeps 1 MiB", () => {
    const [message] = judge(tenMegabytes("HTTP/1.1 200 OK\r\n\r\n", 0x61)).messages;
    expect(message).toMatchObject({ framing: "close", complete: true, bodyBytes: 10 * 1024 * 1024 });
    expect(message!.body).toHaveLength(1024 * 1024);
  });

  it("a megabyte of bad chunks keeps a few violations", () => {
    const j = new WireJudge();
    j.push(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
    const bad = bytes("1 ;x\r\na\r\n".repeat(8192));
    for (let sent = 0; sent < 1024 * 1024; sent += bad.length) j.push(bad);
    j.push(bytes("0\r\n\r\n"));
    j.end();
    expect(j.messages[0]!.violations).toHaveLength(8);
    expect(j.messages[0]!.violations[7]!.message).toMatch(/and \d+ more like it/);
    expect(j.messages[0]!.complete).toBe(true);
  });
});

describe("WireJudge: one connection, several requests", () => {
  it("judges two answers with nextRequest between them", () => {
    const j = new WireJudge();
    j.push(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"));
    j.nextRequest({ requestMethod: "HEAD" });
    j.push(bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"));
    j.nextRequest();
    j.push(bytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
    j.end();
    expect(j.messages.map((m) => [m.status, m.framing, m.complete])).toEqual([[200, "content-length", true], [200, "none", true], [404, "content-length", true]]);
    expect(rules(j)).toEqual([]);
  });

  it("an answer nobody asked for is bytes after the message, not a second answer", () => {
    const j = new WireJudge();
    j.push(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    j.nextRequest();
    j.push(bytes("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"));
    j.end();
    expect(j.messages.map((m) => m.status)).toEqual([200, 201]);
    expect(rules(j)).toEqual(["bytes-after-message"]);
    expect(j.violations[0]!.message).toMatch(/^38 bytes after the end of the 200 answer/);
  });

  it("an answer still coming when the next request is sent is incomplete", () => {
    const j = new WireJudge();
    j.push(bytes("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhi"));
    j.nextRequest();
    expect(j.messages[0]).toMatchObject({ complete: false });
    expect(rules(j)).toEqual(["body-shorter-than-content-length"]);
  });
});

/** A judge that says when it has nothing more to read: the connection ended, or its answer is complete. */
class WatchedJudge extends WireJudge {
  private resolve!: () => void;
  readonly settled = new Promise<void>((resolve) => (this.resolve = resolve));
  override push(chunk: Uint8Array): void {
    super.push(chunk);
    if (!this.midAnswer && this.messages.at(-1)?.complete) this.resolve();
  }
  override end(): void {
    super.end();
    this.resolve();
  }
}

describe.each([["http", false], ["https", true]] as const)("tappedConnection over %s", (_, secure) => {
  let material: { key: string; cert: string };
  let server: net.Server;
  let port: number;
  /** What the server writes for the next request: raw bytes, then (once the test says) more. */
  let answer: { now: string; later?: string };
  let release: () => void = () => {};
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    material = await selfSignedLoopback();
    const onConnection = (socket: net.Socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
      let seen = "";
      socket.on("data", (data) => {
        seen += data.toString("latin1");
        if (!seen.includes("\r\n\r\n")) return;
        const { now, later } = answer;
        if (later === undefined) return void socket.end(bytes(now));
        socket.write(bytes(now));
        release = () => socket.end(bytes(later));
      });
    };
    server = secure ? tls.createServer({ key: material.key, cert: material.cert }, onConnection) : net.createServer(onConnection);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** One GET through node:http with the tap: what node:http made of the answer. */
  function get(judge: WireJudge): Promise<{ status?: number; body?: string; error?: string }> {
    return new Promise((resolve) => {
      const options = { host: "127.0.0.1", port, path: "/client/v4", createConnection: tappedConnection(judge), ...(secure ? { ca: material.cert } : {}) };
      const req = (secure ? https : http).request(options, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (part: Buffer) => parts.push(part));
        res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(parts).toString() }));
      });
      req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      req.end();
    });
  }

  const good = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{"success":true}';

  it("judges an answer node:http accepts", async () => {
    answer = { now: good };
    const judge = new WatchedJudge();
    expect(await get(judge)).toEqual({ status: 200, body: '{"success":true}' });
    await judge.settled;
    expect(judge.messages).toHaveLength(1);
    expect(judge.messages[0]).toMatchObject({ status: 200, framing: "content-length", complete: true, bodyBytes: 16 });
    expect(rules(judge)).toEqual([]);
  });

  it("judges an answer node:http refuses (bare LF) from the same bytes", async () => {
    answer = { now: good.replaceAll("\r\n", "\n") };
    const judge = new WatchedJudge();
    expect((await get(judge)).error).toMatch(/^HPE_/);
    await judge.settled;
    expect(judge.messages[0]).toMatchObject({ status: 200, complete: true, bodyBytes: 16 });
    expect(Buffer.from(judge.messages[0]!.body).toString()).toBe('{"success":true}');
    expect(rules(judge)).toEqual(["bare-lf"]);
  });

  it("reads on after node:http gives up, for the rest of the answer", async () => {
    answer = { now: "HTTP/1.1 200 OK\nContent-Length: 16\n\n", later: '{"success":true}' };
    const judge = new WatchedJudge();
    expect((await get(judge)).error).toMatch(/^HPE_/);
    release(); // the body is sent only now that node:http has refused the head
    await judge.settled;
    expect(judge.messages[0]).toMatchObject({ complete: true, bodyBytes: 16 });
    expect(rules(judge)).toEqual(["bare-lf"]);
  });
});
