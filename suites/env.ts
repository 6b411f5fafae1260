import { ENV_ERRORS_ITEMS, ENV_ITEMS_UNIQUE, ENV_MESSAGES_ITEMS, ENV_REQUIRED_MEMBERS, ENV_RESULT_OBJECT, ENV_RESULT_TYPE, ENV_SUCCESS_TRUE } from "../src/registry/index.ts";
import { schemaCheck } from "./schema-checks.ts";

/** ENV: the success envelope of every 200. */
export const ENV_CHECKS = [ENV_REQUIRED_MEMBERS, ENV_SUCCESS_TRUE, ENV_ERRORS_ITEMS, ENV_MESSAGES_ITEMS, ENV_RESULT_TYPE, ENV_RESULT_OBJECT, ENV_ITEMS_UNIQUE]
  .map((requirement) => schemaCheck(requirement, "success-200", undefined, { notJsonFails: requirement === ENV_REQUIRED_MEMBERS }));
