import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { pathToFileURL } from "node:url";
import { packagePath } from "../src/package-path.ts";

/** Where report.json's schema lives (draft 2020-12). */
export const REPORT_SCHEMA_URL = pathToFileURL(packagePath("reports", "report.schema.json"));

let compiled: ValidateFunction | undefined;

/** Validates a parsed report.json against reports/report.schema.json; `errors` are `pointer message` lines. */
export function validateReport(value: unknown): { valid: boolean; errors: string[] } {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_URL, "utf8")) as object);
  }
  const valid = compiled(value);
  return {
    valid,
    errors: (compiled.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`),
  };
}
