import { ERR_ERRORS_NONEMPTY, ERR_ITEMS_SHAPE, ERR_ITEMS_UNIQUE, ERR_REQUIRED_MEMBERS, ERR_RESULT_NULL, ERR_SUCCESS_FALSE } from "../src/registry/index.ts";
import { schemaCheck } from "./schema-checks.ts";

/** ERR: every 4xx seen anywhere in the run, against the failure schema (must) and its errata (should). */
export const ERR_CHECKS = [ERR_REQUIRED_MEMBERS, ERR_SUCCESS_FALSE, ERR_RESULT_NULL, ERR_ITEMS_SHAPE, ERR_ERRORS_NONEMPTY, ERR_ITEMS_UNIQUE]
  .map((requirement) => schemaCheck(requirement, "failure-4xx"));
