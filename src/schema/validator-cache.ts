import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";

/** Any ajv instance (draft-07 or 2020): standalone code is made the same way from either. */
type AjvCore = import("ajv").Ajv;

/**
 * Compiled validators kept between processes: ajv's standalone code of each compiled schema, in
 * the user's cache folder ($XDG_CACHE_HOME or ~/.cache, then client-cert-conformance/validators/),
 * named by a hash of the schema, the validator's options and the ajv versions. Compiling the
 * four response schemas takes about half a second at every start (of a run's suites, of each
 * `validate` thread); loading their code takes milliseconds. Anything wrong with the cache (no
 * folder, a file that will not load) only means compiling, as without it.
 */
const require = createRequire(import.meta.url);
type StandaloneCode = (ajv: AjvCore, fn: ValidateFunction) => string;
/** ajv's standalone code generator, loaded only to keep a validator (a cache hit needs none of it). */
const standaloneCode = (ajv: AjvCore, fn: ValidateFunction): string => {
  const standalone = require("ajv/dist/standalone/index.js") as { default?: StandaloneCode } & StandaloneCode;
  return (standalone.default ?? standalone)(ajv, fn);
};

function versions(): string {
  return ["ajv", "ajv-formats"].map((name) => {
    try {
      return `${name}@${(require(`${name}/package.json`) as { version: string }).version}`;
    } catch {
      return `${name}@?`;
    }
  }).join(",");
}

const VERSIONS = versions();

function cacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "client-cert-conformance", "validators");
}

function fileFor(schema: unknown, options: string): string {
  const key = createHash("sha256").update(`${VERSIONS}\n${options}\n${JSON.stringify(schema)}`).digest("hex").slice(0, 32);
  return join(cacheDir(), `${key}.cjs`);
}

/**
 * The validator of `schema`: as an earlier process compiled it, or from `compile` now, kept for the
 * next process once `compile` has returned (whatever it checks after compiling, a throw keeps nothing).
 */
export function cachedOrCompiled(schema: unknown, options: string, compile: () => { ajv: AjvCore; fn: ValidateFunction }): ValidateFunction {
  const cached = cachedValidator(schema, options);
  if (cached) return cached;
  const { ajv, fn } = compile();
  keepValidator(ajv, fn, schema, options);
  return fn;
}

/** The validator compiled for `schema` by an earlier process, or undefined. */
function cachedValidator(schema: unknown, options: string): ValidateFunction | undefined {
  try {
    const code = readFileSync(fileFor(schema, options), "utf8");
    const module: { exports: unknown } = { exports: {} };
    // The code requires ajv's runtime and ajv-formats' formats: resolved from this package.
    new Function("module", "exports", "require", code)(module, module.exports, require);
    const fn = (module.exports as { default?: unknown }).default ?? module.exports;
    return typeof fn === "function" ? (fn as ValidateFunction) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a validator `ajv` compiled (with `code.source`) for the next process; written whole or not at all. */
function keepValidator(ajv: AjvCore, fn: ValidateFunction, schema: unknown, options: string): void {
  try {
    const file = fileFor(schema, options);
    mkdirSync(cacheDir(), { recursive: true, mode: 0o700 });
    const part = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.part`;
    writeFileSync(part, standaloneCode(ajv, fn), { mode: 0o600 });
    renameSync(part, file);
  } catch {
    // a read-only home, a full disk: the next process compiles again
  }
}
