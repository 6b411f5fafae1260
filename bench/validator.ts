/**
 * How fast the validator is, as ratios against JSON.parse of the same body measured
 * in the same run (a machine-independent figure; absolute times are printed too).
 *
 *   npx tsx bench/validator.ts
 */
import { responseValidator } from "../src/schema/validator.ts";
import { seedExampleSuccessBody } from "../test/foundation/seed-example.ts";

const body = seedExampleSuccessBody();
const text = JSON.stringify(body);
const validator = responseValidator();
validator.validate("success-200", body, "spec");
validator.validate("success-200", body, "strict");

function nsPerOp(fn: () => unknown, iterations = 200_000): number {
  for (let i = 0; i < 10_000; i++) fn(); // warm up the JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / iterations;
}

const baseline = nsPerOp(() => JSON.parse(text));
const rows = [
  ["JSON.parse (baseline)", baseline],
  ["validate spec", nsPerOp(() => validator.validate("success-200", body, "spec"))],
  ["validate strict", nsPerOp(() => validator.validate("success-200", body, "strict"))],
  ["validate 4xx spec", nsPerOp(() => validator.validate("failure-4xx", { success: false, errors: [{ code: 7003, message: "x" }], messages: [], result: null }, "spec"))],
] as const;
console.log(`body: ${text.length} bytes`);
for (const [name, ns] of rows) console.log(`${name.padEnd(24)} ${(ns / 1000).toFixed(2).padStart(8)} us/op   ${(ns / baseline).toFixed(2)}x baseline`);
