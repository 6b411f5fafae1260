import { createRequire } from "node:module";
import { FileReadProblem, readFileWithin } from "../io/bounded-read.ts";
import { BASELINE_BOUND } from "../io/input-bounds.ts";
import { readUserFile } from "../io/read-user-file.ts";
import { shortPointer, treeProblem } from "../io/tree-check.ts";
import { parseYamlOffThread, YamlParseError } from "../io/yaml-off-thread.ts";
import { UsageError } from "../io/usage-error.ts";
import { hasRequirement } from "../registry/index.ts";
import { expiryProblem } from "./expiry.ts";
import { compileMatch } from "./matcher.ts";

// YAML's parser is loaded for a YAML baseline only: a run without one does not pay its start-up.
const parseYaml = (text: string): unknown => (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse(text);
import type { Baseline, BaselineEntry } from "./types.ts";

const ENTRY_KEYS = ["requirement", "match", "reason", "link", "expires"] as const;
const TOP_KEYS = ["$schema", "description", "entries"];

const isJsonName = (file: string) => /\.json$/i.test(file);

function nonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** A YAML 1.1 reader may hand back a Date for an unquoted date; keep the day it names. */
function dateText(value: unknown): unknown {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
}

/** One entry, checked; throws a message (without the file) naming the problem. */
function entryFrom(value: unknown): BaselineEntry {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("must be an object with requirement, reason and expires");
  const raw = value as Record<string, unknown>;
  const unknown = Object.keys(raw).filter((k) => !(ENTRY_KEYS as readonly string[]).includes(k));
  if (unknown.length) throw new Error(`unknown key ${JSON.stringify(unknown[0])} (an entry has ${ENTRY_KEYS.join(", ")})`);
  if (!nonEmptyString(raw.requirement)) throw new Error("requirement must be a requirement id such as \"ERR-REQUIRED-MEMBERS\"");
  const where = `(${raw.requirement})`;
  if (!hasRequirement(raw.requirement)) throw new Error(`${where} unknown requirement id; \`client-cert-conformance requirements\` lists them`);
  if (raw.match !== undefined && !nonEmptyString(raw.match)) throw new Error(`${where} match must be a non-empty string: a substring or /regex/flags`);
  if (raw.match !== undefined) compileMatch(raw.match as string);
  if (!nonEmptyString(raw.reason)) throw new Error(`${where} reason must say why the target deviates`);
  if (raw.link !== undefined && !nonEmptyString(raw.link)) throw new Error(`${where} link must be a non-empty string`);
  const expires = dateText(raw.expires);
  const problem = expiryProblem(expires);
  if (problem) throw new Error(`${where} ${problem}`);
  return {
    requirement: raw.requirement,
    ...(raw.match !== undefined ? { match: raw.match as string } : {}),
    reason: raw.reason,
    ...(raw.link !== undefined ? { link: raw.link as string } : {}),
    expires: expires as string,
  };
}

/**
 * A baseline from its text: a list of entries, or an object whose `entries` is that
 * list (with an optional `description`). JSON for a `.json` file, YAML otherwise (which
 * reads JSON too). Throws a UsageError (exit 2) naming the file, the entry index and the problem.
 */
export function parseBaseline(text: string, file: string): Baseline {
  let doc: unknown;
  try {
    doc = isJsonName(file) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new UsageError(`baseline ${file}: not valid ${isJsonName(file) ? "JSON" : "YAML"}: ${(e as Error).message.split("\n")[0]}`);
  }
  return baselineFrom(doc, file);
}

/** Deepest nesting a baseline may have: a list of flat entries nests three deep. */
const MAX_BASELINE_DEPTH = 32;

/** The baseline a parsed document states; a UsageError naming the file, the entry and the problem. */
function baselineFrom(doc: unknown, file: string): Baseline {
  const fail = (what: string) => new UsageError(`baseline ${file}: ${what}`);
  const shape = treeProblem(doc, MAX_BASELINE_DEPTH);
  if (shape) throw fail(shape.kind === "cycle" ? `at ${shortPointer(shape.pointer)} a YAML alias refers to a node that contains it; write the entries out` : `at ${shortPointer(shape.pointer)} it nests deeper than ${MAX_BASELINE_DEPTH} levels; a baseline is a list of flat entries`);
  let list: unknown = doc;
  if (typeof doc === "object" && doc !== null && !Array.isArray(doc)) {
    const unknown = Object.keys(doc).filter((k) => !TOP_KEYS.includes(k));
    if (unknown.length) throw fail(`unknown top-level key ${JSON.stringify(unknown[0])} (expected entries and optionally description)`);
    list = (doc as { entries?: unknown }).entries;
  }
  if (!Array.isArray(list)) throw fail("expected a list of entries, or an object with an `entries` list");
  const entries = list.map((value, i) => {
    try {
      return entryFrom(value);
    } catch (e) {
      throw fail(`entries[${i}]: ${(e as Error).message}`);
    }
  });
  return { file, entries };
}

/** Reads and checks a baseline file (`--baseline FILE`, at most BASELINE_BOUND); a missing, too large or invalid file is a UsageError. */
export function loadBaseline(file: string): Baseline {
  const text = readUserFile(file, (problem) => `baseline ${file}: ${problem} (check --baseline)`, undefined, BASELINE_BOUND);
  return parseBaseline(text, file);
}

/**
 * As `loadBaseline`, with the event loop free (a YAML baseline is parsed off the main thread), so
 * that `signal` (`--max-time`, SIGINT, SIGTERM) stops it: the signal's reason is thrown.
 */
export async function loadBaselineAsync(file: string, signal?: AbortSignal): Promise<Baseline> {
  let bytes: Buffer;
  try {
    bytes = await readFileWithin(file, BASELINE_BOUND, signal);
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    if (e instanceof FileReadProblem) throw new UsageError(`baseline ${file}: ${e.problem} (check --baseline)`);
    throw e;
  }
  const text = bytes.toString("utf8");
  if (isJsonName(file)) return parseBaseline(text, file);
  let doc: unknown;
  try {
    doc = await parseYamlOffThread(text, signal);
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    if (e instanceof YamlParseError) throw new UsageError(`baseline ${file}: not valid YAML: ${e.tooDeep ? `it nests too deep to parse (${e.message})` : e.message}`);
    throw e;
  }
  return baselineFrom(doc, file);
}
