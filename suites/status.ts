import { STATUS_ENUM } from "../src/registry/index.ts";
import { schemaCheck } from "./schema-checks.ts";

/** STATUS: every status seen is in the enum (every configured or discovered certificate is read: HTTP-EXISTING-200). */
export const STATUS_CHECKS = [schemaCheck(STATUS_ENUM, "success-200")];
