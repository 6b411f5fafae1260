import { requirement } from "../define.ts";
import { failureSchema } from "../pointers.ts";

export const ERR_REQUIRED_MEMBERS = requirement({
  id: "ERR-REQUIRED-MEMBERS", level: "must", place: failureSchema("required"),
  statement: "A 4xx body is an object with success, errors, messages and result.",
  reason: "The failure schema lists them as required.",
});
export const ERR_SUCCESS_FALSE = requirement({
  id: "ERR-SUCCESS-FALSE", level: "must", place: failureSchema("properties", "success"),
  statement: "success is the boolean false in a 4xx body.",
  reason: "The failure schema has success: boolean, enum [false].",
});
export const ERR_RESULT_NULL = requirement({
  id: "ERR-RESULT-NULL", level: "must", place: failureSchema("properties", "result"),
  statement: "result is null in a 4xx body.",
  reason: "The failure schema has result: enum [null], nullable.",
});
export const ERR_ITEMS_SHAPE = requirement({
  id: "ERR-ITEMS-SHAPE", level: "must", place: failureSchema("properties", "errors", "**", "items"),
  statement: "errors and messages in a 4xx body are arrays of {code: integer >= 1000 (written without a fraction or exponent), message: string}.",
  reason: "The failure schema defines the arrays and their items.",
});
export const ERR_ERRORS_NONEMPTY = requirement({
  id: "ERR-ERRORS-NONEMPTY", level: "should", place: failureSchema("properties", "errors", "minLength"),
  statement: "errors in a 4xx body has at least one item.",
  reason: "Erratum: minLength 1 is placed on an array, where JSON Schema ignores it; the intent is a non-empty array.",
});
export const ERR_ITEMS_UNIQUE = requirement({
  id: "ERR-ITEMS-UNIQUE", level: "should", place: failureSchema("properties", "errors", "**", "uniqueItems"),
  statement: "errors and messages in a 4xx body hold no duplicate items.",
  reason: "Erratum: uniqueItems is placed inside items, where JSON Schema ignores it; the intent is unique items.",
});

export const ERR_NO_INTERNALS = requirement({
  id: "ERR-NO-INTERNALS", level: "should", place: failureSchema("properties", "errors"),
  statement: "The messages of errors and messages carry no stack trace, source file path or exception dump.",
  reason: "OWASP API8:2023 (security misconfiguration): error messages with stack traces or other internals expose the implementation; Cloudflare's messages are one sentence for a person.",
});

export const ERR_REQUIREMENTS = [ERR_REQUIRED_MEMBERS, ERR_SUCCESS_FALSE, ERR_RESULT_NULL, ERR_ITEMS_SHAPE, ERR_ERRORS_NONEMPTY, ERR_ITEMS_UNIQUE, ERR_NO_INTERNALS];
