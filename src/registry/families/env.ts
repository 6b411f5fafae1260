import { requirement } from "../define.ts";
import { CERTIFICATE, successSchema } from "../pointers.ts";

export const ENV_REQUIRED_MEMBERS = requirement({
  id: "ENV-REQUIRED-MEMBERS", level: "must", place: successSchema("envelope", "required"),
  statement: "A 200 body is an object with every member the envelope's required lists name (success, errors, messages and result in the seed).",
  reason: "The envelope schema lists them as required.",
});
export const ENV_SUCCESS_TRUE = requirement({
  id: "ENV-SUCCESS-TRUE", level: "must", place: successSchema("envelope", "properties", "success"),
  statement: "success is the boolean true in a 200 body.",
  reason: "The envelope schema has success: boolean, enum [true].",
});
export const ENV_ERRORS_ITEMS = requirement({
  id: "ENV-ERRORS-ITEMS", level: "must", place: successSchema("envelope", "properties", "errors"),
  statement: "errors in a 200 body is an array of {code: integer >= 1000 (written without a fraction or exponent), message: string}.",
  reason: "The envelope schema defines the array and its items.",
});
export const ENV_MESSAGES_ITEMS = requirement({
  id: "ENV-MESSAGES-ITEMS", level: "must", place: successSchema("envelope", "properties", "messages"),
  statement: "messages in a 200 body is an array of {code: integer >= 1000 (written without a fraction or exponent), message: string}.",
  reason: "The envelope schema defines the array and its items.",
});
export const ENV_RESULT_TYPE = requirement({
  id: "ENV-RESULT-TYPE", level: "must", place: successSchema("envelope-result"),
  statement: "result in a 200 body is an object or a string, as the envelope's two anyOf lists allow together.",
  reason: "The two envelope schemas constrain result and both apply (allOf).",
});
export const ENV_RESULT_OBJECT = requirement({
  id: "ENV-RESULT-OBJECT", level: "should", place: CERTIFICATE,
  statement: "result in a 200 body is one certificate object, not a string or an array.",
  reason: "Erratum: the generic envelope admits a string (and newer documents do not require result at all), but the operation returns one certificate.",
});
export const ENV_ITEMS_UNIQUE = requirement({
  id: "ENV-ITEMS-UNIQUE", level: "should", place: successSchema("envelope", "properties", "errors", "**", "uniqueItems"),
  statement: "errors and messages in a 200 body hold no duplicate items.",
  reason: "Erratum: uniqueItems is placed inside items, where JSON Schema ignores it; the intent is unique items.",
});

export const ENV_REQUIREMENTS = [ENV_REQUIRED_MEMBERS, ENV_SUCCESS_TRUE, ENV_ERRORS_ITEMS, ENV_MESSAGES_ITEMS, ENV_RESULT_TYPE, ENV_RESULT_OBJECT, ENV_ITEMS_UNIQUE];
