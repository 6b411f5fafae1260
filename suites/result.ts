import { RESULT_DATE_FORMAT, RESULT_FINGERPRINT_FORMAT, RESULT_MEMBER_TYPES, RESULT_PEM_FORMAT, RESULT_REQUIRED_MEMBERS, RESULT_SERIAL_FORMAT, RESULT_SKI_FORMAT } from "../src/registry/index.ts";
import { schemaCheck } from "./schema-checks.ts";

/** RESULT: the certificate object of every 200, against the schema (must) and the errata and formats (should). */
export const RESULT_CHECKS = [RESULT_MEMBER_TYPES, RESULT_REQUIRED_MEMBERS, RESULT_DATE_FORMAT, RESULT_FINGERPRINT_FORMAT, RESULT_SERIAL_FORMAT, RESULT_SKI_FORMAT, RESULT_PEM_FORMAT]
  .map((requirement) => schemaCheck(requirement, "success-200"));
