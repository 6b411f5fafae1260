import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { stringify as toYaml } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { loadBaselineAsync, parseBaseline } from "../../src/baseline/index.ts";
import { ConformanceClient } from "../../src/http/client.ts";
import { UsageError } from "../../src/io/usage-error.ts";
import { runConfigFrom } from "../../src/run/config.ts";
import { loadSpecOrExplain } from "../../src/schema/load-spec.ts";
import { SEED_DOCUMENT } from "../../src/schema/operation-spec.ts";
import { DEFAULT_CASSETTE, prepareRecordedTarget } from "../../src/targets/recorded.ts";

/**
 * Every file a user can hand the suite, mutated at random (fast-check, fixed seed): a spec, a
 * cassette (its manifest and its lines), a HAR and a baseline. Whatever the mutation, loading ends
 * in a value or in one usage line (exit 2), never in an exception the command did not expect.
 */

// FUZZ_SEED and FUZZ_RUNS explore further by hand (npm test keeps the fixed seed and a few seconds' runs).
const SEED = Number(process.env.FUZZ_SEED ?? 20261218);
const RUNS = (n: number) => n * Number(process.env.FUZZ_RUNS ?? 1);
const work = mkdtempSync(join(tmpdir(), "fuzz-files-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(work, `${++n}-${name}`);

/** Marks where a deeply nested value goes (see `deepened`). */
const DEEP = "\u0001deep:";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values a careless or hostile author puts where something else was expected. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, 2 ** 53 + 1, "", " ", "%zz", "#", "#/", "#foo", "#/components/%zz", "other.yaml#/x", "http://[", "ftp://x/y",
    "http://user:pw@127.0.0.1/client/v4", "\u0000\u001b[31m", "a".repeat(300), [], {}, [null], { $ref: "#/" }, { $ref: "#/paths" }, { $ref: "other.json#/a" },
    { $ref: "#/components/schemas/%" }, { $ref: 5 }, { type: "object", properties: null }, { allOf: {} }, { nullable: true }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  // Nested 300 to 3,000 deep, written into the text after it is made (a value that deep would take fast-check's own stack).
  fc.integer({ min: 300, max: 3000 }).map((depth): Json => `${DEEP}${depth}`),
);

/** The text of a mutated document, its deep markers made into the nesting they stand for. */
const deepened = (text: string) => text.replace(new RegExp(`"${DEEP}(\\d+)"`, "g"), (_, depth: string) => "[".repeat(Number(depth)) + "]".repeat(Number(depth)));

/** Every path (as keys) into a JSON value, down to `maxDepth`. */
function pathsOf(value: Json, maxDepth = 12, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (prefix.length >= maxDepth || value === null || typeof value !== "object") return out;
  for (const [k, v] of Array.isArray(value) ? value.entries() : Object.entries(value)) pathsOf(v as Json, maxDepth, [...prefix, k], out);
  return out;
}

/** `value` with the node at `path` replaced (or, with `undefined`, removed). */
function setAt(value: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (!path.length) return replacement ?? null;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(Number(path.at(-1)), 1);
    else delete node[path.at(-1)!];
  } else node[path.at(-1)!] = replacement;
  return copy;
}

/** 1-3 structural mutations of `doc` at paths drawn from it. */
function mutated(doc: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(doc);
  const one = fc.tuple(fc.constantFrom(...paths), fc.option(hostileValue, { freq: 4, nil: undefined }));
  return fc.array(one, { minLength: 1, maxLength: 3 }).map((changes) => changes.reduce((d, [path, v]) => {
    try {
      return setAt(d, path, v);
    } catch {
      return d; // the path went away with an earlier change
    }
  }, doc));
}

/** Text-level damage: cut short, a byte flipped, a line doubled, a YAML alias made to point at its own anchor. */
const damaged = (text: string): fc.Arbitrary<string> => fc.oneof(
  fc.nat({ max: text.length }).map((at) => text.slice(0, at)),
  fc.tuple(fc.nat({ max: Math.max(0, text.length - 1) }), fc.constantFrom("\u0000", "{", "}", "[", '"', "\\", "%", "&a", "*a", "\n  - ", ":")).map(([at, c]) => text.slice(0, at) + c + text.slice(at + 1)),
  fc.nat({ max: text.length }).map((at) => `${text.slice(0, at)}\nself: &a\n  loop: *a\n${text.slice(at)}`),
);

/** Loading either succeeds or is one usage line; the line names no stack. */
async function oneLineOrValue(load: () => Promise<unknown>): Promise<void> {
  try {
    await load();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    expect(e.message).not.toContain("\n");
    expect(e.message).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  }
}

const SEED_SPEC = JSON.parse(readFileSync(SEED_DOCUMENT, "utf8")) as Json;

describe(`hostile files, mutated at random (seed ${SEED})`, () => {
  it("an OpenAPI document, JSON or YAML, structurally mutated or damaged as text: a value or one line", async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof(mutated(SEED_SPEC).map((doc) => ({ text: deepened(JSON.stringify(doc)), ext: "json" })), damaged(JSON.stringify(SEED_SPEC, null, 1)).map((text) => ({ text, ext: "json" })),
        mutated(SEED_SPEC).chain((doc) => damaged(deepened(toYaml(doc, { aliasDuplicateObjects: false })))).map((text) => ({ text, ext: "yaml" }))),
      async ({ text, ext }) => {
        const path = fresh(`spec.${ext}`);
        writeFileSync(path, text);
        await oneLineOrValue(() => loadSpecOrExplain({ path }));
      },
    ), { seed: SEED, numRuns: RUNS(30) });
  }, 60_000);

  const MANIFEST = JSON.parse(readFileSync(join(DEFAULT_CASSETTE, "manifest.json"), "utf8")) as Json;
  const LINES = readFileSync(join(DEFAULT_CASSETTE, "exchanges.ndjson"), "utf8").trimEnd().split("\n").slice(0, 12);
  const ENTRY = JSON.parse(LINES[3]!) as Json;

  it("a cassette, its manifest or a line mutated or damaged: loaded, and a request replayed, or one line", async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof(mutated(MANIFEST).map((m) => ({ manifest: deepened(JSON.stringify(m)), line: LINES[3]! })), mutated(ENTRY).map((e) => ({ manifest: JSON.stringify(MANIFEST), line: deepened(JSON.stringify(e)) })),
        damaged(LINES[3]!).map((line) => ({ manifest: JSON.stringify(MANIFEST), line })), damaged(JSON.stringify(MANIFEST)).map((manifest) => ({ manifest, line: LINES[3]! }))),
      async ({ manifest, line }) => {
        const dir = fresh("cassette");
        mkdirSync(dir);
        writeFileSync(join(dir, "manifest.json"), manifest);
        writeFileSync(join(dir, "exchanges.ndjson"), [...LINES.slice(0, 3), line, ...LINES.slice(4)].join("\n"));
        await oneLineOrValue(async () => {
          const target = await prepareRecordedTarget(runConfigFrom({ cassette: dir, quiet: true }, {}));
          try {
            // The mutated exchange's request, replayed: whatever it recorded comes back as evidence, never as an exception.
            const client = new ConformanceClient({ baseUrl: target.config.target.baseUrl, credentials: target.config.credentials, timeoutMs: 2_000, maxRetries: 0, replay: true });
            const recorded = (line.trim() ? JSON.parse(line) : null) as { request?: { url?: unknown; headers?: Record<string, string> } } | null; // a blank line is skipped
            const url = typeof recorded?.request?.url === "string" ? new URL(recorded.request.url) : undefined;
            const base = new URL(target.config.target.baseUrl).pathname.replace(/\/+$/, "");
            const sent = Object.fromEntries(Object.entries(recorded?.request?.headers ?? {}).filter(([k]) => ["authorization", "x-auth-email", "x-auth-key"].includes(k)));
            if (url && url.pathname.startsWith(base)) target.reviewExchange(await client.get(url.pathname.slice(base.length) + url.search, { auth: { headers: sent } }));
          } finally {
            await target.close();
          }
        });
      },
    ), { seed: SEED, numRuns: RUNS(60) });
  }, 60_000);

  it("a HAR mutated or damaged: a recording or one line", async () => {
    const har = { log: { version: "1.2", creator: { name: "fuzz", version: "1" }, entries: [0, 3, 4].map((i) => {
      const e = JSON.parse(LINES[i]!) as { request: { method: string; url: string; headers: Record<string, string> }; response: { status: number; headers: Record<string, string>; body: string } };
      const pairs = (h: Record<string, string>) => Object.entries(h).map(([name, value]) => ({ name, value }));
      return { request: { method: e.request.method, url: e.request.url, headers: pairs(e.request.headers) }, response: { status: e.response.status, headers: pairs(e.response.headers), content: { text: e.response.body } } };
    }) } } as unknown as Json;
    await fc.assert(fc.asyncProperty(
      fc.oneof(mutated(har).map((h) => deepened(JSON.stringify(h))), damaged(JSON.stringify(har))),
      async (text) => {
        const path = fresh("recording.har");
        writeFileSync(path, text);
        await oneLineOrValue(async () => (await prepareRecordedTarget(runConfigFrom({ cassette: path, quiet: true, seed: "20261127" }, {}))).close());
      },
    ), { seed: SEED, numRuns: RUNS(60) });
  }, 60_000);

  it("a baseline, JSON or YAML, mutated or damaged: a baseline or one line", async () => {
    const baseline = { description: "known", entries: [{ requirement: "STATUS-ENUM", match: "/upper/i", reason: "r", link: "https://example.test/1", expires: "2099-01-01" }] } as Json;
    await fc.assert(fc.asyncProperty(
      fc.oneof(mutated(baseline).map((b) => ({ text: deepened(JSON.stringify(b)), ext: "json" })), mutated(baseline).chain((b) => damaged(deepened(toYaml(b)))).map((text) => ({ text, ext: "yaml" }))),
      async ({ text, ext }) => {
        const path = fresh(`baseline.${ext}`);
        writeFileSync(path, text);
        // The file as `run` reads it (a YAML one off the main thread: the spec's property covers that path, at a worker's cost a case), and the text parsed.
        if (ext === "json") await oneLineOrValue(() => loadBaselineAsync(path));
        await oneLineOrValue(async () => parseBaseline(text, path));
      },
    ), { seed: SEED, numRuns: RUNS(100) });
  }, 60_000);
});
