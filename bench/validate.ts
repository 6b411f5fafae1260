/**
 * `validate --profile strict` on a large NDJSON of recorded exchanges, as a ratio against a
 * single-threaded parse-only pass of the same file (node:readline + JSON.parse of each line, the
 * least any validation must do) measured in the same run, alternately, each the median of a few;
 * with the peak resident memory of each (the file is made from the shipped cassette, outside
 * the repository, each copy with its own certificate ids and sequence numbers: no two bodies alike).
 *
 *   npx tsx bench/validate.ts [megabytes] [runs]     (default 200 MB, 3 runs each)
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "..");
const megabytes = Number(process.argv[2] ?? 200);
const runs = Number(process.argv[3] ?? 3);
const work = mkdtempSync(join(tmpdir(), "bench-validate-"));

/** The shipped cassette's lines, copied until the file has `megabytes`. */
async function makeNdjson(path: string): Promise<number> {
  const lines = readFileSync(join(repo, "fixtures/cassette-reference/exchanges.ndjson"), "utf8").split("\n").filter(Boolean);
  const out = createWriteStream(path);
  let size = 0;
  let seq = 0;
  for (let copy = 0; size < megabytes * 2 ** 20; copy++) {
    const tag = copy.toString(16).padStart(8, "0");
    for (const l of lines) {
      const line = `${l.replace(/\b[0-9a-f]{8}([0-9a-f]{24})\b/g, (_, rest: string) => tag + rest).replace(/"seq":\d+/, `"seq":${++seq}`)}\n`;
      if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
      size += Buffer.byteLength(line);
    }
  }
  await new Promise<void>((r) => out.end(() => r()));
  return size;
}

/** Wall time and peak resident memory (GNU time's %M) of one command. */
function measure(args: string[]): { ms: number; mb: number } {
  const start = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], { cwd: repo, encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { ms, mb: Number(r.stderr.trim().split("\n").at(-1)) / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const file = join(work, "exchanges.ndjson");
  const bytes = await makeNdjson(file);
  const parseOnly = join(work, "parse-only.mjs");
  writeFileSync(parseOnly, `import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
for await (const line of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) if (line) JSON.parse(line);
`);
  measure([join(repo, "bin/client-cert-conformance.js"), "validate", "--help"]); // bin/ compiles the sources first if they changed
  const baseline: { ms: number; mb: number }[] = [];
  const validate: { ms: number; mb: number }[] = [];
  const oneThread: { ms: number; mb: number }[] = [];
  const bin = join(repo, "bin/client-cert-conformance.js");
  for (let i = 0; i < runs; i++) {
    baseline.push(measure([parseOnly, file]));
    validate.push(measure([bin, "validate", "--profile", "strict", file]));
    oneThread.push(measure([bin, "validate", "--profile", "strict", "--jobs", "1", file]));
  }
  const b = median(baseline.map((x) => x.ms));
  const row = (name: string, xs: { ms: number; mb: number }[]) => {
    const ms = median(xs.map((x) => x.ms));
    console.log(`${name.padEnd(42)} ${(ms / 1000).toFixed(2).padStart(6)} s   ${Math.max(...xs.map((x) => x.mb)).toFixed(0).padStart(4)} MB   ${(ms / b).toFixed(2)}x baseline`);
  };
  console.log(`${(bytes / 2 ** 20).toFixed(0)} MB NDJSON, median of ${runs} runs each, peak resident memory`);
  row("parse-only, one thread (baseline)", baseline);
  row("validate --profile strict", validate);
  row("validate --profile strict --jobs 1", oneThread);
} finally {
  rmSync(work, { recursive: true, force: true });
}
