import type { Family } from "../../registry/types.ts";
import type { FaultHooks } from "../faults/types.ts";

/** Where the statement a blind fault cites comes from. */
export type BlindSource =
  | "openapi" | "rfc8259" | "rfc9110" | "rfc9112" | "rfc3339" | "rfc5280" | "rfc2986" | "rfc7468"
  | "cloudflare" | "owasp";

/**
 * One fault of the blind catalogue: written from the sources and the reference implementation
 * alone, by someone who had not read the suite's checks, its registry or its own fault
 * catalogue (docs/MUTATION.md: how they are written and scored). Kept apart from
 * src/reference/faults/, so that the score on it stays an honest measure.
 */
export interface BlindFault {
  /** Named after what it breaks or does (`serial-decimal`, `pem-unwrapped`), unique in the catalogue. */
  readonly name: string;
  /**
   * "defect": a careful reader of the sources calls it a defect; the suite must fail it (exit 1 at
   * --level should) with a requirement of `family`. "conformant": something real servers
   * legitimately do that a strict but sloppy suite would fail; the suite must certify it.
   */
  readonly kind: "defect" | "conformant";
  /** For a defect: the family whose requirement should catch it. */
  readonly family?: Family;
  readonly source: BlindSource;
  /** The statement broken (or allowing the variant): source, section, and its words. */
  readonly cites: string;
  /** One line: what the server does. */
  readonly description: string;
  readonly apply: FaultHooks;
}
