import { statSync } from "node:fs";
import { intFlag } from "../io/flag-values.ts";
import { loadSpecOrExplain } from "../schema/load-spec.ts";
import { specRequestFrom } from "../schema/spec-request.ts";
import type { ResponseClass } from "../schema/extract.ts";
import { checkBody, checkExchange, jsonBodyFinding, type Outcome } from "./check.ts";
import { detectFormat } from "./detect.ts";
import { readDocument } from "./document.ts";
import { exchangeFromRecord, isObject, type Entry } from "./exchange.ts";
import { harEntries } from "./har.ts";
import { ACCEPTED_INPUTS, InputError } from "./input-error.ts";
import { describeFsError, openInput, resolveInputs, type Input } from "./inputs.ts";
import { checkNdjsonInBatches, type ParallelTuning } from "./ndjson-parallel.ts";
import { OPERATION_PATH_TEMPLATE } from "./operation.ts";
import { parseFormat, parseProfile, parseStatusFlag, type ValidateFlags, type ValidateOptions } from "./options.ts";
import { Reporter, type ValidateIo } from "./output.ts";

/** How many records that are not exchanges are listed one by one per input (the rest are counted). */
export const MAX_LISTED_NON_EXCHANGES = 10;

/**
 * `validate [--profile spec|strict] [--status 200|4xx] FILE...`: validates recorded responses offline.
 *
 * Flag errors, no FILE, a missing path and a directory that is not a cassette are a UsageError
 * (exit 2, one line) before anything is read. An input that cannot be read (empty, binary, not
 * JSON, truncated, a HAR without entries, a body whose class is unknown) is one line on standard
 * error; the other inputs are still validated, and the exit code is 2.
 *
 * NDJSON, cassettes and HAR entries: a record that is not an exchange (a line that is not JSON,
 * or JSON without an HTTP status) cannot be a verdict on the target, so it names no requirement:
 * it is listed on standard output (`FILE:LINE: not an exchange, skipped: why`, the first
 * MAX_LISTED_NON_EXCHANGES of each input), counted as "not validated", the remaining lines are
 * still validated, and at the end one line on standard error says how many and where the first
 * is, and the exit code is 2. An exchange whose body text is not JSON (an HTML error page, a cut
 * body) is a violation of HTTP-JSON-BODY, exit 1.
 */
export async function runValidate(flags: ValidateFlags, io: ValidateIo, tuning?: ParallelTuning): Promise<number> {
  const specRequest = specRequestFrom({ spec: flags.spec, "spec-revision": flags["spec-revision"] }, process.env);
  const options: ValidateOptions = {
    profile: parseProfile(flags.profile), bareBodyClass: parseStatusFlag(flags.status), format: parseFormat(flags.format),
    spec: await loadSpecOrExplain(specRequest), specRequest,
  };
  const jobs = flags.jobs === undefined ? undefined : intFlag("jobs", flags.jobs, 1, 1, 64);
  if (jobs !== undefined) tuning = { ...tuning, workers: jobs - 1 };
  const inputs = resolveInputs(flags.files);
  const reporter = new Reporter(io, options.profile, options.format === "json" ? options.spec : undefined);
  for (const input of inputs) {
    try {
      await validateInput(input, options, reporter, io.stdin, tuning);
    } catch (e) {
      if (e instanceof InputError) reporter.inputError(e);
      else if (typeof (e as NodeJS.ErrnoException)?.code === "string" && (e as NodeJS.ErrnoException).syscall) {
        reporter.inputError(new InputError(input.name, describeFsError(e), "check the path and its permissions"));
      } else throw e;
    }
  }
  if (options.format === "json") reporter.printDocument();
  else if (reporter.anyInputRead) reporter.note(reporter.summary());
  return reporter.exitCode();
}

async function validateInput(input: Input, options: ValidateOptions, reporter: Reporter, stdin: NodeJS.ReadableStream, tuning?: ParallelTuning): Promise<void> {
  const { detected, peeked } = await detectFormat(openInput(input, stdin));
  const name = input.name;
  try {
    if (detected.format === "empty") {
      throw input.kind === "cassette"
        ? new InputError(name, "is empty: the cassette has no exchanges", "record the cassette again")
        : new InputError(name, "is empty", ACCEPTED_INPUTS);
    }
    if (detected.format === "binary") {
      throw new InputError(name, `is a binary file (a NUL byte at offset ${detected.offset}), not JSON`, `if it is UTF-16 text, save it as UTF-8; otherwise ${ACCEPTED_INPUTS}`);
    }
    // A cassette's exchanges.ndjson is NDJSON whatever its first line looks like.
    if (detected.format === "ndjson" || input.kind === "cassette") {
      reporter.inputRead();
      return await validateNdjson(name, peeked.chunks, options, reporter, tuning, sizeOf(input));
    }
    const doc = await readDocument(name, peeked.chunks);
    if (doc.kind === "har") {
      reporter.inputRead();
      return await validateEntries(name, harEntries(doc.entries), "entry", options, reporter);
    }
    if (doc.kind === "exchange") {
      reporter.inputRead();
      return await validateEntries(name, [exchangeFromRecord(1, doc.value)], "record", options, reporter);
    }
    if (doc.notJson !== undefined) {
      reporter.inputRead();
      return reporter.outcome({ file: name }, { kind: "checked", findings: [jsonBodyFinding(doc.notJson.why, doc.notJson.excerpt, options.spec)] });
    }
    const cls = options.bareBodyClass ?? classFromSuccess(doc.value);
    if (!cls) {
      throw new InputError(name, "cannot tell whether this body answers 200 or 4xx (its \"success\" is neither true nor false)", "pass --status 200 or --status 4xx");
    }
    reporter.inputRead();
    reporter.outcome({ file: name }, { kind: "checked", findings: checkBody(cls, doc.value, options.profile, options.spec) });
  } finally {
    await peeked.close();
  }
}

/** A bare body's class from its `success`: true → 200, false → 4xx. */
function classFromSuccess(body: unknown): ResponseClass | undefined {
  if (!isObject(body)) return undefined;
  return body.success === true ? "success-200" : body.success === false ? "failure-4xx" : undefined;
}

const plural = (unit: "line" | "entry" | "record") => (unit === "entry" ? "entries" : `${unit}s`);

/** What an input's entries came to, told to the reporter as they come, and the input's verdict at the end. */
class EntryTally {
  private total = 0;
  private ignored = 0;
  private damaged = 0;
  private firstDamaged = 0;

  constructor(private readonly name: string, private readonly unit: "line" | "entry" | "record", private readonly reporter: Reporter) {}

  notAnExchange(entry: number, why: string): void {
    this.total++;
    this.damaged++;
    this.firstDamaged ||= entry;
    this.reporter.notAnExchange({ file: this.name, entry }, why, this.damaged <= MAX_LISTED_NON_EXCHANGES);
  }

  outcome(entry: number, outcome: Outcome): void {
    this.total++;
    if (outcome.kind === "ignored") this.ignored++;
    this.reporter.outcome({ file: this.name, entry }, outcome);
  }

  /** A batch's exchanges that were valid, or another operation's, counted without a line each. */
  counted(valid: number, ignored: number): void {
    this.total += valid + ignored;
    this.ignored += ignored;
    this.reporter.validMany(valid);
  }

  /** The notes at the end of an input; an InputError when some of its records are not exchanges. */
  finish(): void {
    const { name, unit, damaged, firstDamaged } = this;
    if (damaged > MAX_LISTED_NON_EXCHANGES) this.reporter.note(`${name}: ${damaged - MAX_LISTED_NON_EXCHANGES} more ${plural(unit)} are not exchanges (not listed)`);
    if (damaged > 0) {
      const what = damaged === 1 ? `1 ${unit} is not an exchange (${unit} ${firstDamaged})` : `${damaged} ${plural(unit)} are not exchanges (the first is ${unit} ${firstDamaged})`;
      const fix = unit === "entry"
        ? "each HAR entry needs request and response objects, the response with its status; export the HAR again"
        : "make each line a JSON object {\"status\": 200, \"headers\": {...}, \"body\": ...}, or remove it";
      throw new InputError(name, what, fix);
    }
    if (this.total > 0 && this.ignored === this.total) {
      this.reporter.note(`${name}: none of its ${this.total} ${plural(unit)} is a request to ${OPERATION_PATH_TEMPLATE}; nothing to validate`);
    }
  }
}

async function validateEntries(
  name: string, entries: AsyncIterable<Entry> | Iterable<Entry>, unit: "line" | "entry" | "record",
  options: ValidateOptions, reporter: Reporter,
): Promise<void> {
  const tally = new EntryTally(name, unit, reporter);
  for await (const e of entries) {
    if (e.kind === "not-an-exchange") tally.notAnExchange(e.entry, e.why);
    else tally.outcome(e.entry, checkExchange(e.request, e.response, options.profile, options.spec));
  }
  tally.finish();
}

/** An NDJSON input (or a cassette's exchanges.ndjson), in batches of lines on every core (ndjson-parallel.ts); the same lines and notes as line by line. */
/** An input's size in bytes, when it is a file (standard input's is not known before its end). */
function sizeOf(input: Input): number | undefined {
  if (input.kind === "stdin") return undefined;
  try {
    return statSync(input.kind === "file" ? input.path : input.exchanges).size;
  } catch {
    return undefined;
  }
}

async function validateNdjson(name: string, chunks: AsyncIterable<Buffer>, options: ValidateOptions, reporter: Reporter, tuning?: ParallelTuning, size?: number): Promise<void> {
  const tally = new EntryTally(name, "line", reporter);
  await checkNdjsonInBatches(chunks, options, { profile: options.profile, spec: options.specRequest ?? {} }, (batch, firstLine) => {
    let counted = false;
    for (const n of batch.notable) {
      const line = firstLine + n.line - 1;
      if (n.kind === "not-an-exchange") tally.notAnExchange(line, n.why);
      else tally.outcome(line, n.outcome);
      counted = true;
    }
    if (batch.valid || batch.ignored || !counted) tally.counted(batch.valid, batch.ignored);
  }, tuning);
  tally.finish();
}
