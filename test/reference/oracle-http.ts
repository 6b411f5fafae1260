import { jsonLexicalFacts, type JsonLexicalFacts } from "../../src/schema/json-lexemes.ts";
import type { ProbeResult } from "./battery.ts";
import type { WireExchange } from "./wire-exchange.ts";

/**
 * The battery's judge of what HTTP says of every answer (RFC 9110, 9111, 9112, 8259): the oracle's
 * part that reads the bytes, the fields and the JSON text rather than the envelope. Each rule gets
 * the answered results and reports a failure with `fail(id, result, why)`.
 */
export type Fail = (id: string, r: ProbeResult, what: string) => void;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const SINGLETONS = ["content-type", "content-length", "date", "retry-after", "etag", "last-modified", "location", "expires", "server", "age"];
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const isJsonType = (e: WireExchange) => /^application\/json\s*(;|$)/i.test(e.headers["content-type"] ?? "");

/** A real instant written as an IMF-fixdate, its day name right. */
function imfFixdate(value: string): boolean {
  if (!IMF_FIXDATE.test(value)) return false;
  const t = Date.parse(value);
  return !Number.isNaN(t) && new Date(t).toUTCString() === value;
}

/** The qvalue a request's Accept-Encoding gives a coding (`*` for the rest); undefined: the field says nothing of it. */
function codingWeight(acceptEncoding: string, coding: string): number | undefined {
  let star: number | undefined;
  for (const item of acceptEncoding.split(",")) {
    const [name, ...params] = item.split(";").map((x) => x.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    const weight = q ? Number(q.slice(2)) : 1;
    if (name === coding) return weight;
    if (name === "*") star = weight;
  }
  return star;
}

/** The body the suite reads (8 MiB): past it, how the JSON is written is not judged (HTTP-BODY-BOUNDED speaks). */
const READ_LIMIT = 8 * 1024 * 1024;
const NO_FACTS: JsonLexicalFacts = { fractionOrExponent: new Map(), beyondDoublePrecision: new Map(), duplicateNames: [], conflictingNames: new Map(), unpairedSurrogates: [] };

const lexical = new WeakMap<WireExchange, JsonLexicalFacts>();
/** How the JSON text of an answer is written (read once per answer). */
export function lexicalFacts(e: WireExchange): JsonLexicalFacts {
  if (e.raw.length > READ_LIMIT) return NO_FACTS;
  let facts = lexical.get(e);
  if (!facts) lexical.set(e, (facts = jsonLexicalFacts(e.text)));
  return facts;
}

const header = (r: ProbeResult, name: string) => Object.entries(r.probe.headers).find(([n]) => n.toLowerCase() === name)?.[1];

/** HTTP-MESSAGE-FRAMING, HTTP-SINGLETON-FIELDS, the dates, the codings, caching and JSON text of every answer. */
export function judgeHttp(answered: ProbeResult[], results: ProbeResult[], fail: Fail): void {
  for (const r of answered) {
    const e = r.exchange;
    if (e.bareLf) fail("HTTP-MESSAGE-FRAMING", r, "a line of the head ends in LF without CR");
    for (const [name] of e.fields) if (!TOKEN.test(name)) fail("HTTP-MESSAGE-FRAMING", r, `field name ${JSON.stringify(name)} is no token`);
    for (const name of SINGLETONS) {
      const n = e.fields.filter(([f]) => f.toLowerCase() === name).length;
      if (n > 1) fail("HTTP-SINGLETON-FIELDS", r, `${name} sent ${n} times`);
    }
    if (((e.status >= 200 && e.status < 300) || (e.status >= 400 && e.status < 500)) && e.headers.date === undefined) fail("HTTP-DATE-PRESENT", r, `a ${e.status} without Date`);
    for (const name of ["date", "last-modified", "expires"]) {
      const value = e.headers[name];
      if (value !== undefined && !imfFixdate(value)) fail("HTTP-DATE-FORMAT", r, `${name}: ${value}`);
    }
    if (e.headers["last-modified"] && e.headers.date && Date.parse(e.headers["last-modified"]) > Date.parse(e.headers.date)) fail("HTTP-DATE-FORMAT", r, "last-modified after date");
    const retryAfter = e.headers["retry-after"];
    if (retryAfter !== undefined && !/^\d+$/.test(retryAfter) && !imfFixdate(retryAfter)) fail("HTTP-RETRY-AFTER-VALID", r, `retry-after: ${retryAfter}`);
    if (e.decodeError) fail("HTTP-CONTENT-CODING", r, `content-encoding ${e.headers["content-encoding"]}: ${e.decodeError}`);
    const asked = header(r, "accept-encoding");
    if (asked !== undefined) {
      for (const coding of e.codings) if (!((codingWeight(asked, coding === "x-gzip" ? "gzip" : coding) ?? 0) > 0)) fail("HTTP-CODING-ACCEPTED", r, `coded ${coding} for Accept-Encoding: ${asked}`);
    }
    if (e.bom && e.status < 500) fail("HTTP-JSON-BODY", r, "a byte order mark before the JSON text");
    if (e.jsonOk) {
      const facts = lexicalFacts(e);
      if (facts.duplicateNames.length || facts.unpairedSurrogates.length || facts.beyondDoublePrecision.size) fail("HTTP-JSON-INTEROPERABLE", r, [...facts.duplicateNames, ...facts.unpairedSurrogates, ...facts.beyondDoublePrecision.keys()].join(", "));
    }
    if (r.probe.kind === "read" && e.status === 200) {
      const directives = new Map((e.headers["cache-control"] ?? "").split(",").map((d): [string, string | undefined] => { const [n, a] = d.trim().toLowerCase().split("="); return [n ?? "", a]; }).filter(([d]) => d));
      const maxAge = Number(directives.get("max-age") ?? 0);
      if (directives.has("public") || directives.has("s-maxage") || (maxAge > 0 && !directives.has("private") && !directives.has("no-store"))) fail("HTTP-CACHE-PRIVATE", r, `cache-control: ${e.headers["cache-control"]}`);
    }
  }

  // Reads whose Accept admits JSON: 200 JSON; one that excludes it: 406 or 200 JSON.
  for (const r of answered.filter((x) => x.probe.variant?.startsWith("accept-"))) {
    const e = r.exchange;
    const ok = (e.status === 200 && isJsonType(e)) || (r.probe.expect === "200-or-406" && e.status === 406);
    if (!ok) fail("HTTP-NEGOTIATION", r, `answered ${e.status} ${e.headers["content-type"] ?? ""}`);
  }

  // After answering a request that said Connection: close, the server closes the connection.
  for (const r of answered) if (r.exchange.closedAfterAnswer === false) fail("HTTP-CONNECTION-PERSISTENCE", r, "the request said Connection: close; the connection stayed open after the answer");
  // A second request on the connection of an answered one, which did not say close, is answered.
  for (const [i, r] of results.entries()) {
    if (r.probe.variant !== "keep-alive-second") continue;
    const first = results.slice(0, i).reverse().find((x) => x.probe.connection === r.probe.connection);
    if (!first || first.exchange.error || /(^|,)\s*close\s*(,|$)/i.test(first.exchange.headers.connection ?? "")) continue;
    if (r.exchange.error) fail("HTTP-CONNECTION-PERSISTENCE", r, `the connection kept open failed the next request: ${r.exchange.error}`);
  }
}
