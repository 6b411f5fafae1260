import type { Readable } from "node:stream";
import type { OperationSpec } from "../schema/operation-spec.ts";
import type { Profile } from "../schema/validator.ts";
import { formatFinding, type Finding, type Outcome } from "./check.ts";
import type { InputError } from "./input-error.ts";

/** Where the command reads and writes; the CLI passes the process's, tests their own. */
export interface ValidateIo {
  stdin: Readable;
  /** One line of the report (standard output). */
  out(line: string): void;
  /** One line saying an input could not be read (standard error). */
  err(line: string): void;
}

/** One violation in `validate --format json`: where (FILE, and its 1-based entry unless a bare body), and the finding. */
export type JsonViolation = { file: string; entry?: number } & Finding;

/** The document `validate --format json` prints (docs/CONTRACT.md). */
export interface ValidateDocument {
  profile: Profile;
  spec: { operationId: string; sha256: string; source: string; revision?: string };
  summary: { responses: number; valid: number; invalid: number; violations: number; notValidated: Record<string, number> };
  violations: JsonViolation[];
  /** Lines that are not violations: records that are not exchanges, inputs with nothing to validate. */
  notes: string[];
  /** Inputs that could not be read (each also a line on standard error). */
  inputErrors: string[];
  exitCode: number;
}

/** The prefix every CLI error line carries (as src/cli/main.ts prints a UsageError). */
export const ERROR_PREFIX = "client-cert-conformance validate: ";

/** Where a response came from: FILE, and its 1-based entry (HAR entry, NDJSON line) unless it is a bare body. */
export interface Location {
  file: string;
  entry?: number;
}

const at = (l: Location) => (l.entry === undefined ? `${l.file}:` : `${l.file}:${l.entry}:`);

/**
 * Prints one line per violation as it is found, tallies the outcomes, and says the summary
 * line and exit code at the end (0 no violation, 1 some, 2 some input could not be read).
 */
export class Reporter {
  private valid = 0;
  private invalid = 0;
  private violations = 0;
  private readonly notValidated = new Map<string, number>();
  private inputErrors = 0;
  private inputsRead = 0;
  /** With `--format json`: what the document holds, gathered instead of printed. */
  private readonly json?: { spec: OperationSpec; violations: JsonViolation[]; notes: string[]; inputErrors: string[] };

  /** `jsonSpec`: print one JSON document at the end (`printDocument`) instead of lines, about this document. */
  constructor(private readonly io: ValidateIo, private readonly profile: Profile, jsonSpec?: OperationSpec) {
    if (jsonSpec) this.json = { spec: jsonSpec, violations: [], notes: [], inputErrors: [] };
  }

  outcome(where: Location, outcome: Outcome): void {
    if (outcome.kind === "ignored") return;
    if (outcome.kind === "not-validated") return this.notValidatedOne(outcome.reason);
    if (outcome.findings.length === 0) {
      this.valid++;
      return;
    }
    this.invalid++;
    this.violations += outcome.findings.length;
    for (const f of outcome.findings) {
      if (this.json) this.json.violations.push({ file: where.file, ...(where.entry !== undefined ? { entry: where.entry } : {}), ...f });
      else this.io.out(`${at(where)} ${formatFinding(f)}`);
    }
  }

  /** Responses that were valid, counted without a line each. */
  validMany(count: number): void {
    this.valid += count;
  }

  /** A record that is not an exchange (a damaged NDJSON line): said where, counted as not validated. */
  notAnExchange(where: Location, why: string, print: boolean): void {
    if (print) this.note(`${at(where)} not an exchange, skipped: ${why}`);
    this.notValidatedOne("not an exchange");
  }

  note(line: string): void {
    if (this.json) this.json.notes.push(line);
    else this.io.out(line);
  }

  inputRead(): void {
    this.inputsRead++;
  }

  inputError(e: InputError): void {
    this.inputErrors++;
    this.json?.inputErrors.push(e.message);
    this.io.err(`${ERROR_PREFIX}${e.message}`);
  }

  /**
   * `--format json`: the whole outcome as one JSON document on one line of standard output (the
   * input errors are on standard error as well): the document judged against, the counts, every
   * violation where it was found, the notes, the exit code.
   */
  printDocument(): void {
    if (!this.json) return;
    const { spec } = this.json;
    const doc: ValidateDocument = {
      profile: this.profile,
      spec: { operationId: spec.operation.operationId, sha256: spec.source.sha256, source: spec.source.label, ...(spec.source.revision ? { revision: spec.source.revision } : {}) },
      summary: { responses: this.valid + this.invalid, valid: this.valid, invalid: this.invalid, violations: this.violations, notValidated: Object.fromEntries(this.notValidated) },
      violations: this.json.violations, notes: this.json.notes, inputErrors: this.json.inputErrors, exitCode: this.exitCode(),
    };
    this.io.out(JSON.stringify(doc));
  }

  private notValidatedOne(reason: string): void {
    this.notValidated.set(reason, (this.notValidated.get(reason) ?? 0) + 1);
  }

  /** Whether any input was read, so the summary says something (a lone unreadable file gets only its error line). */
  get anyInputRead(): boolean {
    return this.inputsRead > 0;
  }

  /**
   * `validated N responses (profile P): N valid, N invalid, N violations[, N not validated (WHY)]`,
   * WHY one reason ("status 503") or each reason counted ("2 status 503, 1 not an exchange").
   */
  summary(): string {
    const line = `validated ${this.valid + this.invalid} responses (profile ${this.profile}): ${this.valid} valid, ${this.invalid} invalid, ${this.violations} violations`;
    if (this.notValidated.size === 0) return line;
    const total = [...this.notValidated.values()].reduce((a, b) => a + b, 0);
    const reasons = this.notValidated.size === 1 ? [...this.notValidated.keys()][0] : [...this.notValidated].map(([reason, n]) => `${n} ${reason}`).join(", ");
    return `${line}, ${total} not validated (${reasons})`;
  }

  exitCode(): number {
    if (this.inputErrors > 0) return 2;
    return this.violations > 0 ? 1 : 0;
  }
}
