import { fault } from "./helpers.ts";
import type { Fault } from "./types.ts";

/** ENV: the success envelope of the details operation. */
export const ENV_FAULTS: Fault[] = [
  fault({
    name: "success-false-on-200", family: "ENV",
    trips: ["ENV-SUCCESS-TRUE"],
    description: "A 200 body says success: false.",
    apply: { successBody: (body) => ({ ...body, success: false }) },
  }),
  fault({
    name: "success-string", family: "ENV",
    trips: ["ENV-SUCCESS-TRUE"],
    description: "success is the string \"true\", not the boolean.",
    apply: { successBody: (body) => ({ ...body, success: "true" }) },
  }),
  fault({
    name: "success-missing-messages", family: "ENV",
    trips: ["ENV-REQUIRED-MEMBERS"],
    description: "A 200 body has no messages member.",
    apply: { successBody: ({ messages: _m, ...body }) => body },
  }),
  fault({
    name: "success-errors-not-array", family: "ENV",
    trips: ["ENV-ERRORS-ITEMS"],
    description: "errors in a 200 body is null, not an array.",
    apply: { successBody: (body) => ({ ...body, errors: null }) },
  }),
  fault({
    name: "success-messages-low-code", family: "ENV",
    trips: ["ENV-MESSAGES-ITEMS"],
    description: "messages in a 200 body holds {code: 200, message: \"OK\"}: a code below 1000.",
    apply: { successBody: (body) => ({ ...body, messages: [{ code: 200, message: "OK" }] }) },
  }),
  fault({
    name: "result-array", family: "ENV",
    trips: ["ENV-RESULT-TYPE"],
    description: "result is an array holding the certificate, as a list would answer.",
    apply: { successBody: (body) => ({ ...body, result: [body.result] }) },
  }),
  fault({
    name: "result-string", family: "ENV",
    trips: ["ENV-RESULT-OBJECT"],
    description: "result is the certificate object serialised as a JSON string (the generic envelope admits a string; the operation returns an object).",
    apply: { successBody: (body) => ({ ...body, result: JSON.stringify(body.result) }) },
  }),
  fault({
    name: "success-duplicate-messages", family: "ENV",
    trips: ["ENV-ITEMS-UNIQUE"],
    description: "messages in a 200 body holds the same item twice.",
    apply: { successBody: (body) => {
      const note = { code: 1000, message: "Client certificate served by the reference implementation" };
      return { ...body, messages: [note, { ...note }] };
    } },
  }),
];
