import { createRequire } from "node:module";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { errataFor, type Erratum } from "./errata.ts";
import { sourcePointerFor } from "./convert-openapi-schema.ts";
import type { ResponseClass } from "./extract.ts";
import { seedSpec, type OperationSpec } from "./operation-spec.ts";
import type { JsonLexicalFacts } from "./json-lexemes.ts";
import { requirementAt, requirementForSpecViolation } from "./violation-requirement.ts";
import { cachedOrCompiled } from "./validator-cache.ts";

/** What the validator reads of the text a body was parsed from (see json-lexemes.ts). */
export type TextFacts = Pick<JsonLexicalFacts, "fractionOrExponent" | "conflictingNames">;

/** The ajv options, named in the cache key of a compiled validator (validator-cache.ts). */
const AJV_OPTIONS = { strict: true, strictTypes: "log", allErrors: true, verbose: true } as const;

/** A document whose schemas the validator cannot compile as the suite promises (a misplaced keyword no erratum answers). */
export class SchemaCompileError extends Error {}

/** `spec`: exactly the document. `strict`: spec plus the errata and implied formats (docs/CONTRACT.md). */
export type Profile = "spec" | "strict";
export const PROFILES: readonly Profile[] = ["spec", "strict"];

/** One way a body breaks the contract, said so a user can act on it. */
export interface Violation {
  requirementId: string;
  /** JSON pointer into the body ("" is the body itself). */
  instancePath: string;
  keyword: string;
  /** What is wrong, as a sentence fragment ("must be one of ..."). */
  message: string;
  /** JSON pointer into the loaded OpenAPI document of the rule that failed. */
  sourcePointer: string;
  /** The offending value, JSON, shortened. */
  value: string;
  /** The erratum whose overlay failed (strict profile only). */
  erratum?: string;
}

const MAX_VALUE_CHARS = 80;

export function shorten(value: unknown, max = MAX_VALUE_CHARS): string {
  const text = value === undefined ? "(absent)" : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "/result/status must be one of ... (got "ACTIVE") [STATUS-ENUM; source #/paths/...]" */
export function formatViolation(v: Violation): string {
  const where = v.instancePath === "" ? "(body)" : v.instancePath;
  const via = v.erratum ? `erratum ${v.erratum}, ` : "";
  const got = v.keyword === "required" ? "" : ` (got ${v.value})`;
  return `${where} ${v.message}${got} [${v.requirementId}; ${via}source #${v.sourcePointer}]`;
}

function describeSchema(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return schema.enum.length === 1 ? JSON.stringify(schema.enum[0]) : `one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`;
  if (typeof schema.type === "string") return schema.type === "null" ? "null" : `${/^[aeiou]/.test(schema.type) ? "an" : "a"} ${schema.type}`;
  return "matching schema";
}

function messageFor(e: ErrorObject): string {
  switch (e.keyword) {
    case "enum": return `must be ${describeSchema({ enum: (e.params as { allowedValues: unknown[] }).allowedValues })}`;
    case "required": return "is required but absent";
    case "anyOf": case "oneOf": {
      const branches = (e.schema as Record<string, unknown>[]).map(describeSchema);
      return `must be ${[...new Set(branches)].join(" or ")}`;
    }
    case "format": return `must be a ${(e.params as { format: string }).format} (RFC 3339 for date-time)`;
    case "pattern": return `must match ${(e.params as { pattern: string }).pattern}`;
    default: return e.message ?? e.keyword;
  }
}

/** The path of a `required` error is the parent; point at the missing member instead. */
function instancePathOf(e: ErrorObject): string {
  return e.keyword === "required" ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath;
}

function valueAt(body: unknown, e: ErrorObject): unknown {
  return e.keyword === "required" ? undefined : e.data;
}

/**
 * The validator: ajv (draft 2020-12) in strict mode, OpenAPI annotation keywords known,
 * formats from ajv-formats, every schema compiled once when first needed.
 *
 * strictTypes is set to "log" and every log line is checked against the errata:
 * the source places type-specific keywords where JSON Schema ignores them (uniqueItems
 * inside items, minLength on an array). Compiling the document as published needs
 * that; any misplacement the errata do not name still stops compilation.
 */
export class ResponseValidator {
  private compiler: Ajv2020 | undefined;
  private readonly errata: Erratum[];
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly strictWarnings: string[] = [];

  constructor(readonly spec: OperationSpec = seedSpec()) {
    this.errata = errataFor(spec).filter((e) => e.applies);
  }

  /**
   * ajv itself, loaded and set up when a schema is first compiled: with every schema's validator
   * in the cache (validator-cache.ts) a process never loads it (a twentieth of a second of each
   * start: a run's checks, each `validate` thread).
   */
  private get ajv(): Ajv2020 {
    if (this.compiler) return this.compiler;
    const require = createRequire(import.meta.url);
    const { _, Ajv2020: Ajv } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
    const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
    this.compiler = new Ajv({
      ...AJV_OPTIONS,
      // The source of each compiled function is kept, for the cache of compiled validators.
      code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
      logger: { log: () => undefined, warn: (...args: unknown[]) => void this.strictWarnings.push(args.join(" ")), error: (...args: unknown[]) => { throw new Error(args.join(" ")); } },
    });
    addFormats(this.compiler);
    return this.compiler;
  }

  get specSha256(): string { return this.spec.source.sha256; }
  get operationId(): string { return this.spec.operation.operationId; }

  private errataFor(cls: ResponseClass): Erratum[] {
    return this.errata.filter((e) => e.class === cls);
  }

  private validatorFor(cls: ResponseClass, profile: Profile): ValidateFunction {
    const key = `${cls}:${profile}`;
    let fn = this.compiled.get(key);
    if (fn) return fn;
    const spec = this.spec.operation.classes[cls].schema;
    // strict = allOf [spec, ...overlays]: allOf/0 is the document, allOf/k its (k-1)th erratum.
    // Each overlay applies where the body is an object (the spec schema already refuses anything else).
    const overlays = this.errataFor(cls).map((e) => ({ if: { type: "object" }, then: { type: "object", ...e.overlay } }));
    const schema = profile === "spec" ? spec : { allOf: [spec, ...overlays] };
    // Compiled by an earlier process (its strict warnings were checked then: it is kept only after), or now.
    fn = cachedOrCompiled(schema, JSON.stringify(AJV_OPTIONS), () => {
      const before = this.strictWarnings.length;
      const compiled = this.ajv.compile(schema);
      this.checkStrictWarnings(cls, this.strictWarnings.slice(before), profile === "spec" ? "" : "/allOf/0");
      return { ajv: this.ajv, fn: compiled };
    });
    this.compiled.set(key, fn);
    return fn;
  }

  /** A misplaced keyword is known when an erratum's place (in the generated schema) is at or below where ajv saw it. */
  private checkStrictWarnings(cls: ResponseClass, warnings: string[], specPrefix: string): void {
    for (const w of warnings) {
      const at = /at "#([^"]*)"/.exec(w)?.[1];
      const generated = at !== undefined && at.startsWith(specPrefix) ? at.slice(specPrefix.length) : undefined;
      const known = generated !== undefined && this.errataFor(cls).some((e) => e.kind === "defect" && e.generatedPointers.some((g) => g === generated || g.startsWith(`${generated}/`)));
      if (!known) {
        const source = generated === undefined ? at : sourcePointerFor(this.spec.operation.classes[cls].sourceMap, generated);
        throw new SchemaCompileError(`the ${cls} schema of ${this.spec.source.label} has a keyword misplacement no erratum names, at #${source} (${w.replace(/^strict mode: /, "")}); answer it in schemas/errata.json`);
      }
    }
  }

  /** Compiles every class under every profile now (so a document the suite cannot use is found before a run starts). */
  compileAll(): void {
    for (const cls of ["success-200", "failure-4xx"] as const) for (const profile of PROFILES) this.validatorFor(cls, profile);
  }

  /**
   * Every violation of `body` against the class's schema under `profile`. Empty means valid.
   * `lexical`, the facts of the text `body` was parsed from (see json-lexemes.ts): numbers the
   * text spelled with a fraction or exponent part, which an OpenAPI 3.0 `integer` does not admit
   * ("a JSON number without a fraction or exponent part") though their value may be whole; and
   * members named twice in their object with two different values, which have no one value
   * (RFC 8259 §4: receivers differ on which they read), judged by the requirement of their place.
   */
  validate(cls: ResponseClass, body: unknown, profile: Profile, lexical?: TextFacts): Violation[] {
    if (!lexical || body === null || typeof body !== "object") return this.validateNow(cls, body, profile, lexical);
    // With the lexical facts of the text `body` was parsed from (the suites pass them, one parse per answer, and
    // every schema check of a run validates the same answers again): the judgement is kept with that parse.
    let kept = this.judged.get(body);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a cache; what is judged is the same either way
    if (!kept || kept.facts !== lexical) this.judged.set(body, (kept = { facts: lexical, violations: new Map() }));
    const key = `${cls}:${profile}`;
    let violations = kept.violations.get(key);
    if (!violations) kept.violations.set(key, (violations = this.validateNow(cls, body, profile, lexical)));
    return [...violations];
  }

  /** Judgements made with the lexical facts of the text the body was parsed from, by body (a WeakMap: they go with the parse). */
  private readonly judged = new WeakMap<object, { facts: TextFacts; violations: Map<string, Violation[]> }>();

  private validateNow(cls: ResponseClass, body: unknown, profile: Profile, lexical?: TextFacts): Violation[] {
    const fn = this.validatorFor(cls, profile);
    const violations = fn(body) ? [] : this.toViolations(cls, profile, fn.errors ?? [], body);
    const written = lexical?.fractionOrExponent;
    if (written?.size) violations.push(...this.integersWrittenWithFraction(cls, profile, body, written, violations));
    for (const [pointer, first] of lexical?.conflictingNames ?? []) {
      // A member beside the documented ones given two values is HTTP-JSON-INTEROPERABLE's alone.
      const requirementId = requirementAt(cls, pointer, "uniqueNames");
      if (requirementId) violations.push({
        requirementId, instancePath: pointer, keyword: "uniqueNames",
        message: `is named twice in its object with two values, ${first} first: it has no one value (RFC 8259 §4: receivers differ on which they read)`,
        sourcePointer: sourcePointerFor(this.spec.operation.classes[cls].sourceMap, ""), value: shorten(valueAtPointer(body, pointer)),
      });
    }
    return violations;
  }

  /**
   * The `integer` places holding a number written with a fraction or exponent: validated again
   * with each such number replaced by its spelling (a string, which `type: integer` refuses), and
   * only those places' integer type errors kept (they are the document's type keyword failing).
   */
  private integersWrittenWithFraction(cls: ResponseClass, profile: Profile, body: unknown, written: ReadonlyMap<string, string>, already: Violation[]): Violation[] {
    const respelled = structuredClone(body);
    for (const [pointer, lexeme] of written) setAt(respelled, pointer, lexeme);
    const fn = this.validatorFor(cls, profile);
    if (fn(respelled)) return [];
    const reported = new Set(already.map((v) => `${v.requirementId}|${v.instancePath}`));
    const integerErrors = (fn.errors ?? []).filter((e) => e.keyword === "type" && written.has(e.instancePath) && [e.schema].flat().includes("integer"));
    return this.toViolations(cls, profile, integerErrors, respelled)
      .filter((v) => !reported.has(`${v.requirementId}|${v.instancePath}`))
      .map((v) => ({ ...v, message: "must be an integer, written without a fraction or exponent part (OpenAPI 3.0 data types)", value: written.get(v.instancePath)! }));
  }

  private toViolations(cls: ResponseClass, profile: Profile, errors: ErrorObject[], body: unknown): Violation[] {
    const sourceMap = this.spec.operation.classes[cls].sourceMap;
    const clsErrata = this.errataFor(cls);
    // An anyOf failure also reports each branch's failure; keep the anyOf, which says what is allowed.
    const anyOfPaths = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf").map((e) => e.schemaPath + "/");
    // Instance paths the document itself already refuses (strict: allOf/0), where an overlay's type error adds nothing.
    const specPaths = new Set(errors.filter((e) => profile === "spec" || e.schemaPath.startsWith("#/allOf/0/")).map((e) => e.instancePath));
    const out: Violation[] = [];
    const seen = new Set<string>();
    for (const e of errors) {
      if (e.keyword === "if") continue; // the `then` error that follows says what failed
      if (anyOfPaths.some((p) => e.schemaPath.startsWith(p))) continue;
      const schemaPointer = e.schemaPath.replace(/^#/, "");
      let requirementId: string;
      let sourcePointer: string;
      let erratum: string | undefined;
      const overlay = profile === "strict" ? /^\/allOf\/(\d+)(\/.*)?$/.exec(schemaPointer) : null;
      if (overlay && overlay[1] !== "0") {
        if (e.keyword === "type" && specPaths.has(e.instancePath)) continue; // reported by the document's own rule
        const entry = clsErrata[Number(overlay[1]) - 1]!;
        requirementId = entry.requirement;
        sourcePointer = entry.pointer;
        erratum = entry.id;
      } else {
        const specPointer = profile === "strict" ? schemaPointer.replace(/^\/allOf\/0/, "") : schemaPointer;
        requirementId = requirementForSpecViolation(cls, e.instancePath, e.keyword);
        sourcePointer = sourcePointerFor(sourceMap, specPointer);
      }
      const instancePath = instancePathOf(e);
      const message = messageFor(e);
      const key = `${requirementId}|${instancePath}|${e.keyword}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ requirementId, instancePath, keyword: e.keyword, message, sourcePointer, value: shorten(valueAt(body, e)), ...(erratum ? { erratum } : {}) });
    }
    return out;
  }
}

/** The steps of a JSON pointer (RFC 6901), unescaped. */
const stepsOf = (pointer: string) => pointer.split("/").slice(1).map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));

/** The value at a JSON pointer of `root` (the last of a repeated member: what JSON.parse kept). */
function valueAtPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const step of stepsOf(pointer)) node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[step] : undefined;
  return node;
}

/** Sets the value at a JSON pointer of `root` (every step exists: the pointer came from its own text). */
function setAt(root: unknown, pointer: string, value: unknown): void {
  const steps = stepsOf(pointer);
  let node = root as Record<string, unknown>;
  for (const step of steps.slice(0, -1)) node = node[step] as Record<string, unknown>;
  const last = steps[steps.length - 1];
  if (last !== undefined) node[last] = value;
}

const shared = new WeakMap<OperationSpec, ResponseValidator>();

/** The process-wide validator of a document, the seed by default (ajv compiles each schema once, on first use). */
export function responseValidator(spec: OperationSpec = seedSpec()): ResponseValidator {
  let validator = shared.get(spec);
  if (!validator) shared.set(spec, (validator = new ResponseValidator(spec)));
  return validator;
}
