import { fault, REFUSAL_REQUIREMENTS } from "./helpers.ts";
import type { Fault, FailureOutcome } from "./types.ts";

type Envelope = { errors?: unknown; [k: string]: unknown };

/** A failure hook that rewrites the body of every refusal (any 4xx the reference sends). */
function body(edit: (b: Envelope, o: FailureOutcome) => unknown) {
  return (o: FailureOutcome): FailureOutcome => {
    const b = o.body !== null && typeof o.body === "object" ? { ...(o.body as Envelope) } : {};
    return { ...o, body: edit(b, o) };
  };
}

const items = (b: Envelope): { code: number; message: string }[] => (Array.isArray(b.errors) ? (b.errors as { code: number; message: string }[]) : []);

/** A Node stack trace, as an unhandled lookup error would carry it. */
const STACK = "\n    at findCertificate (/srv/cert-api/src/certificates/lookup.js:42:11)\n    at async handleDetails (/srv/cert-api/src/routes/details.js:18:5)";

/** ERR: the failure envelope of every 4xx. */
export const ERR_FAULTS: Fault[] = [
  fault({
    name: "failure-errors-empty", family: "ERR",
    trips: ["ERR-ERRORS-NONEMPTY"],
    description: "Every 4xx body has errors: [] (the document's minLength on an array lets it pass the spec profile).",
    apply: { failure: body((b) => ({ ...b, errors: [] })) },
  }),
  fault({
    name: "failure-code-below-1000", family: "ERR",
    trips: ["ERR-ITEMS-SHAPE"],
    description: "Every error code is the HTTP status (400, 403, 404...), below the schema's minimum of 1000.",
    apply: { failure: body((b, o) => ({ ...b, errors: items(b).map((e) => ({ ...e, code: o.status })) })) },
  }),
  fault({
    name: "failure-result-not-null", family: "ERR",
    trips: ["ERR-RESULT-NULL"],
    description: "Every 4xx body has result: {} instead of null.",
    apply: { failure: body((b) => ({ ...b, result: {} })) },
  }),
  fault({
    name: "failure-success-true", family: "ERR",
    trips: ["ERR-SUCCESS-FALSE", ...REFUSAL_REQUIREMENTS],
    description: "Every 4xx body says success: true (so no refusal is a failure envelope).",
    apply: { failure: body((b) => ({ ...b, success: true })) },
  }),
  fault({
    name: "failure-missing-messages-result", family: "ERR",
    trips: ["ERR-REQUIRED-MEMBERS"],
    description: "Every 4xx body is only {success: false, errors: [...]}, as some Cloudflare endpoints answer.",
    apply: { failure: body(({ messages: _m, result: _r, ...b }) => b) },
  }),
  fault({
    name: "stack-trace-in-404", family: "ERR",
    trips: ["ERR-NO-INTERNALS"],
    description: "The 404 of a certificate that does not exist says why with the lookup's stack trace (source paths, lines) after its message.",
    apply: { failure: (o) => (o.reason === "certificate-unknown" && o.status === 404 ? body((b) => ({ ...b, errors: items(b).map((e) => ({ ...e, message: `${e.message}${STACK}` })) }))(o) : o) },
  }),
  fault({
    name: "failure-duplicate-errors", family: "ERR",
    trips: ["ERR-ITEMS-UNIQUE"],
    description: "Every 4xx body lists its error twice.",
    apply: { failure: body((b) => ({ ...b, errors: [...items(b), ...items(b).map((e) => ({ ...e }))] })) },
  }),
];
