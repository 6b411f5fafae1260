import { describe, expect, it } from "vitest";
import { configuredSchemes } from "../../src/http/index.ts";
import { startReferenceServer, type FaultHooks } from "../../src/reference/index.ts";
import type { Reply } from "../../src/reference/faults/types.ts";
import type { RunConfig } from "../../src/run/config.ts";
import { runConformance } from "../../src/run/run-conformance.ts";

/** Only a target from which no HTTP answer comes is down: one that answers, however badly, is judged. */

/** The reply's message written by hand, with `edit` applied to its head and body. */
function rawReply(reply: Reply, edit: (head: string, body: string) => string): Reply {
  const head = [`HTTP/1.1 ${reply.status} X`, ...Object.entries(reply.headers).map(([k, v]) => `${k}: ${v}`)].join("\r\n");
  return { ...reply, raw: Buffer.from(edit(head, reply.body), "utf8") };
}

async function runWith(apply: FaultHooks, certificateIds?: string[]): Promise<Awaited<ReturnType<typeof runConformance>>["report"]> {
  const server = await startReferenceServer({ rate: 0, customFaults: [{ name: "badly-answering", apply }] });
  try {
    const config: RunConfig = {
      target: { kind: "url", baseUrl: server.baseUrl }, spec: {}, zoneId: server.zoneId, certificateIds: certificateIds ?? [], credentials: server.credentials,
      schemes: configuredSchemes(server.credentials), outDir: "unused", gatingLevel: "must", seed: 3, budget: 1_000, rate: 0, timeoutMs: 2_000, quiet: true,
    };
    return (await runConformance(config, { evaluator: "in-process", writeReports: false, retryBackoffMs: 5 })).report;
  } finally {
    await server.close();
  }
}

describe("a target that answers is never called unreachable", () => {
  it("every answer with bare LF line ends (node:http refuses them all): judged, and failed on its framing", async () => {
    const report = await runWith({ reply: (reply) => rawReply(reply, (head, body) => `${head.replace(/\r\n/g, "\n")}\ncontent-length: ${Buffer.byteLength(body)}\nconnection: close\n\n${body}`) });
    expect(report.error ?? "").not.toMatch(/unreachable/);
    expect(report.verdict).toBe("non-conformant");
    expect(report.requirements.find((r) => r.id === "HTTP-MESSAGE-FRAMING")!.failures[0]!.message).toMatch(/bare LF|line end/i);
  });

  it("every details answer cut short of its Content-Length, the list whole: judged, not down", async () => {
    const report = await runWith({ reply: (reply, ctx) => (ctx.operation === "details" ? rawReply(reply, (head, body) => `${head}\r\ncontent-length: ${Buffer.byteLength(body) + 10}\r\nconnection: close\r\n\r\n${body}`) : reply) });
    expect(report.error ?? "").not.toMatch(/unreachable/);
    expect(report.verdict).toBe("non-conformant");
    expect(report.requirements.find((r) => r.id === "HTTP-MESSAGE-FRAMING")!.status).toBe("failed");
  });

  it("the list operation broken (its certificates cannot be found): an error that says so, not an unreachable target", async () => {
    const report = await runWith({ reply: (reply, ctx) => (ctx.operation === "list" ? { ...reply, status: 500, body: "oops" } : reply) });
    expect(report.verdict).toBe("error");
    expect(report.error).toMatch(/the list operation answered 500; pass --certificate ID/);
  });
});
