/**
 * RFC 3339, Date and Time on the Internet: Timestamps: the form of issued_on and expires_on,
 * and how their instants compare with the certificate's. Quoted from the RFC text (§5.6 ABNF
 * and notes, §5.7 restrictions, §3, §4.2, §4.3, §5.3 as published).
 */
import type { SourceStatement } from "./types.ts";

export const RFC3339: SourceStatement[] = [
  // §3, §4 conventions
  {
    id: "RFC3339-3-FOUR-DIGIT-YEARS", source: "rfc3339", section: "3",
    quote: "Internet Protocols MUST generate four digit years in dates.",
    requirements: ["RESULT-DATE-FORMAT"],
  },
  {
    id: "RFC3339-3-FULLY-QUALIFIED", source: "rfc3339", section: "3",
    quote: "all dates and times used in Internet protocols MUST be fully qualified",
    requirements: ["RESULT-DATE-FORMAT"],
  },
  {
    id: "RFC3339-4.2-OFFSET-SIGN", source: "rfc3339", section: "4.2",
    quote: "Numeric offsets are calculated as \"local time minus UTC\". So the equivalent time in UTC can be determined by subtracting the offset from the local time. For example, 18:50:00-04:00 is the same time as 22:50:00Z.",
    requirements: ["X509-DATES-MATCH", "RESULT-READS-AGREE"],
  },
  {
    id: "RFC3339-4.3-UNKNOWN-OFFSET", source: "rfc3339", section: "4.3",
    quote: "If the time in UTC is known, but the offset to local time is unknown, this can be represented with an offset of \"-00:00\". This differs semantically from an offset of \"Z\" or \"+00:00\", which imply that UTC is the preferred reference point for the specified time.",
    requirements: ["RESULT-DATE-FORMAT", "X509-DATES-MATCH"],
  },
  {
    id: "RFC3339-4.4-LOCAL-CLOCK-SYNC", source: "rfc3339", section: "4.4",
    quote: "Systems that are configured with a local time, are unaware of the corresponding UTC offset, and depend on time synchronization with other Internet systems, MUST use a mechanism that ensures correct synchronization with UTC.",
    unchecked: { kind: "not-observable", why: "how the server keeps its clock is its own; a wrong instant shows as X509-DATES-MATCH failing" },
  },
  // §5.1-§5.3 properties
  {
    id: "RFC3339-5.1-SORTABLE", source: "rfc3339", section: "5.1",
    quote: "If date and time components are ordered from least precise to most precise, then a useful property is achieved. … the date and time strings may be sorted as strings",
    unchecked: { kind: "client-side", why: "a property for receivers that sort strings; the suite compares dates as instants" },
  },
  {
    id: "RFC3339-5.2-LOCAL-DISPLAY", source: "rfc3339", section: "5.2",
    quote: "Internet clients SHOULD be prepared to transform dates into a display format suitable for the locality.",
    unchecked: { kind: "client-side", why: "binds clients that display dates" },
  },
  {
    id: "RFC3339-5.3-FRACTIONS-OPTIONAL", source: "rfc3339", section: "5.3",
    quote: "The format defined below includes only one rarely used option: fractions of a second.",
    requirements: ["RESULT-DATE-FORMAT", "RESULT-READS-AGREE"],
  },
  // §5.6 grammar
  {
    id: "RFC3339-5.6-PROFILE", source: "rfc3339", section: "5.6",
    quote: "The following profile of ISO 8601 [ISO8601] dates SHOULD be used in new protocols on the Internet.",
    requirements: ["RESULT-DATE-FORMAT"],
  },
  {
    id: "RFC3339-5.6-DATE-TIME", source: "rfc3339", section: "5.6",
    quote: "date-time = full-date \"T\" full-time; full-time = partial-time time-offset",
    requirements: ["RESULT-DATE-FORMAT"],
  },
  {
    id: "RFC3339-5.6-FULL-DATE", source: "rfc3339", section: "5.6",
    quote: "full-date = date-fullyear \"-\" date-month \"-\" date-mday; date-fullyear = 4DIGIT; date-month = 2DIGIT ; 01-12; date-mday = 2DIGIT ; 01-28, 01-29, 01-30, 01-31 based on month/year",
    requirements: ["RESULT-DATE-FORMAT"],
  },
  {
    id: "RFC3339-5.6-PARTIAL-TIME", source: "rfc3339", section: "5.6",
    quote: "partial-time = time-hour \":\" time-minute \":\" time-second [time-secfrac]; time-hour = 2DIGIT ; 00-23; time-minute = 2DIGIT ; 00-59; time-second = 2DIGIT ; 00-58, 00-59, 00-60 based on leap second rules",
    requirements: ["RESULT-DATE-FORMAT"],
  },
  {
    id: "RFC3339-5.6-SECFRAC", source: "rfc3339", section: "5.6",
    quote: "time-secfrac = \".\" 1*DIGIT",
    requirements: ["RESULT-DATE-FORMAT", "X509-DATES-MATCH"],
  },
  {
    id: "RFC3339-5.6-TIME-OFFSET", source: "rfc3339", section: "5.6",
    quote: "time-numoffset = (\"+\" / \"-\") time-hour \":\" time-minute; time-offset = \"Z\" / time-numoffset",
    requirements: ["RESULT-DATE-FORMAT"],
  },
  {
    id: "RFC3339-5.6-LOWER-CASE-T-Z", source: "rfc3339", section: "5.6",
    quote: "NOTE: Per [ABNF] and ISO8601, the \"T\" and \"Z\" characters in this syntax may alternatively be lower case \"t\" or \"z\" respectively.",
    requirements: ["RESULT-DATE-FORMAT"],
  },
  {
    id: "RFC3339-5.6-GENERATE-UPPER-CASE", source: "rfc3339", section: "5.6",
    quote: "Applications that generate this format SHOULD use upper case letters.",
    unchecked: { kind: "not-observable", why: "GAP: RESULT-DATE-FORMAT admits t and z (as the grammar does); a lower-case generator is not flagged at should level" },
  },
  {
    id: "RFC3339-5.6-SPECIFICATIONS-MAY-LIMIT", source: "rfc3339", section: "5.6",
    quote: "Specifications that use this format in such environments MAY further limit the date/time syntax so that the letters 'T' and 'Z' used in the date/time syntax must always be upper case.",
    unchecked: { kind: "out-of-scope", why: "binds specifications; the operation's document does not limit the case" },
  },
  {
    id: "RFC3339-5.6-SPACE-SEPARATOR", source: "rfc3339", section: "5.6",
    quote: "NOTE: ISO 8601 defines date and time separated by \"T\". Applications using this syntax may choose, for the sake of readability, to specify a full-date and full-time separated by (say) a space character.",
    unchecked: { kind: "out-of-scope", why: "an application's readability choice outside the date-time ABNF (erratum 5783); the document's examples fix the T form RESULT-DATE-FORMAT holds" },
  },
  // §5.7 restrictions
  {
    id: "RFC3339-5.7-MDAY-MAXIMUM", source: "rfc3339", section: "5.7",
    quote: "The grammar element date-mday represents the day number within the current month. The maximum value varies based on the month and year",
    requirements: ["RESULT-DATE-FORMAT"],
  },
  {
    id: "RFC3339-5.7-HOUR-00-23", source: "rfc3339", section: "5.7",
    quote: "Although ISO 8601 permits the hour to be \"24\", this profile of ISO 8601 only allows values between \"00\" and \"23\" for the hour in order to reduce confusion.",
    requirements: ["RESULT-DATE-FORMAT"],
  },
  {
    id: "RFC3339-5.7-LEAP-SECOND", source: "rfc3339", section: "5.7",
    quote: "The grammar element time-second may have the value \"60\" at the end of months in which a leap second occurs … Further, in time zones other than \"Z\", the leap second point is shifted by the zone offset (so it happens at the same instant around the globe).",
    requirements: ["RESULT-DATE-FORMAT"],
  },
  {
    id: "RFC3339-5.7-NO-UNANNOUNCED-LEAP", source: "rfc3339", section: "5.7",
    quote: "Applications should not generate timestamps involving inserted leap seconds until after the leap seconds are announced.",
    unchecked: { kind: "not-observable", why: "which leap seconds were announced when the value was generated is not in the answer" },
  },
];
